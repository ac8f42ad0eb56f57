/* The follow-up board's search box: free text and facets over every action of the board,
   filtered in the browser from follow-up/actions.json (site/followup.py, board_data), kept in
   the URL (?q=...&state=overdue&city=quebec) as in the catalogue. Within a facet values add up
   (any of them), across facets they narrow down (all of them); each value's count is what it
   would give with the other facets' picks. Filters of the address that no facet shows
   (data-params: ?mission=<slug>) narrow down too and stay in the URL. While a search or a filter
   is active the static list #m4c-all is hidden. The file loads when the visitor turns to the box
   or at once for an address that asks for a search. Elements are built with the DOM only. Needs
   m4c-search.js (M4CSearch.wire) loaded before it. */
(function () {
  "use strict";
  var box = document.getElementById("m4c-search");
  var all = document.getElementById("m4c-all");
  if (!box || !box.dataset.data || !window.M4CSearch || !window.URLSearchParams || !window.fetch) return;
  var form = box.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var facetBox = box.querySelector(".m4c-facets");
  var shared = window.M4CSearch.facets(box);
  var facets = shared.list;
  var labelOf = shared.labelOf;
  var results = box.querySelector(".m4c-results");
  var count = box.querySelector(".m4c-results__count");
  var live = box.querySelector(".m4c-results__live");
  var list = box.querySelector(".m4c-results__list");
  var more = box.querySelector(".m4c-results__more");
  var only = document.querySelector(".m4c-board__only");
  var root = box.dataset.root || "";
  var params = (box.dataset.params || "").split(" ").filter(Boolean);
  var PAGE = 20;
  var data = null;
  var rows = [];
  var found = [];
  var shown = 0;

  box.hidden = false;

  // Accents and case do not matter: "evora" finds "Évora".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Each action as the facets see it: its keys under the facets' (and the open data's) names.
  function prepare(loaded) {
    data = loaded;
    rows = data.actions.map(function (action) {
      var mission = data.missions[action[0]];
      var keys = { state: action[3], city: mission[4], region: mission[5], year: String(mission[6]),
                   owner: action[6], mission: mission[0] };
      return { action: action, mission: mission, keys: keys,
               text: fold([action[2], action[6], mission[2], labelOf("city", mission[4])].join(" ")) };
    });
  }

  var wanted = new URLSearchParams(window.location.search);
  var fixed = {};
  params.forEach(function (name) {
    var values = wanted.getAll(name).filter(Boolean);
    if (values.length) fixed[name] = values;
  });

  function matches(row, words, chosen, except) {
    for (var i = 0; i < words.length; i++) if (row.text.indexOf(words[i]) < 0) return false;
    var names = Object.keys(chosen).concat(Object.keys(fixed));
    for (var j = 0; j < names.length; j++) {
      var name = names[j];
      var values = fixed[name] || chosen[name];
      if (name === except || !values.length) continue;
      if (values.indexOf(row.keys[name]) < 0) return false;
    }
    return true;
  }

  function element(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  // The facets' values: those of the actions the fixed filters leave (a mission's own).
  function buildFacets() {
    var values = {};
    rows.forEach(function (row) {
      if (!matches(row, [], {}, null)) return;
      Object.keys(row.keys).forEach(function (name) {
        if (!row.keys[name]) return;
        values[name] = values[name] || {};
        values[name][row.keys[name]] = 1;
      });
    });
    shared.build(function (name) { return Object.keys(values[name] || {}); }, wanted);
  }

  // Each value's count: the actions it gives with the words and the other facets' picks.
  function showCounts(words, chosen) {
    var counts = {};
    facets.forEach(function (facet) {
      var name = facet.dataset.facet;
      var counted = counts[name] = {};
      rows.forEach(function (row) {
        if (matches(row, words, chosen, name)) counted[row.keys[name]] = (counted[row.keys[name]] || 0) + 1;
      });
    });
    shared.show(counts, chosen);
  }

  // An action as the board's static pages show it (followup.html).
  function card(row) {
    var action = row.action;
    var mission = row.mission;
    var item = element("li", "m4c-result m4c-record m4c-action m4c-action--" + action[3]);
    var text = element("p", "m4c-record__text", action[2]);
    text.setAttribute("lang", mission[7]);
    item.appendChild(text);
    var facts = element("p", "m4c-action__meta");
    facts.appendChild(element("span", "m4c-state m4c-state--" + action[3], data.states[action[3]]));
    [["due", data.dates[action[4]]], ["done", data.dates[action[5]]], ["owner", action[6]]].forEach(function (fact) {
      if (!fact[1]) return;
      facts.appendChild(document.createTextNode(" "));
      facts.appendChild(element("span", "", data.texts[fact[0]] + " " + fact[1]));
    });
    item.appendChild(facts);
    var source = element("p", "m4c-record__source");
    var link = element("a", "", mission[2]);
    link.href = root + mission[1] + "#follow-up-" + action[1];
    link.setAttribute("lang", mission[3]);
    source.appendChild(link);
    source.appendChild(document.createTextNode(" "));
    source.appendChild(element("span", "m4c-muted", labelOf("city", mission[4]) + " · " + mission[6]));
    item.appendChild(source);
    return item;
  }

  function showMore() {
    found.slice(shown, shown + PAGE).forEach(function (row) { list.appendChild(card(row)); });
    shown = Math.min(found.length, shown + PAGE);
    more.hidden = shown >= found.length;
  }

  function counted(n, query) {
    var d = box.dataset;
    if (n === 0 && query) return (d.nothing || "").replace("{query}", query);
    var text = n === 0 ? d.countZero : n === 1 ? d.countOne : d.countMany;
    return (text || String(n)).replace("{n}", String(n));
  }

  function showing(active) {
    results.hidden = !active;
    if (all) all.hidden = active;
    if (only) only.hidden = Object.keys(fixed).length === 0;
  }

  function run() {
    var query = input.value.trim();
    var chosen = shared.picked();
    var active = Boolean(query) || Object.keys(fixed).length > 0 ||
      Object.keys(chosen).some(function (name) { return chosen[name].length; });
    shared.remember(query, Object.assign({}, chosen, fixed));
    showing(active);
    if (!data) return;
    var words = fold(query).split(/\s+/).filter(Boolean);
    found = rows.filter(function (row) { return matches(row, words, chosen, null); });
    list.textContent = "";
    shown = 0;
    showMore();
    count.textContent = counted(found.length, query);
    if (live) live.textContent = count.textContent;
    showCounts(words, chosen);
  }

  function failed() {
    showing(false);
    results.hidden = false;
    list.textContent = "";
    more.hidden = true;
    count.textContent = box.dataset.failed || "";
  }

  input.value = wanted.get("q") || "";
  var asking = Boolean(input.value.trim()) || Object.keys(fixed).length > 0 ||
    facets.some(function (f) { return wanted.has(f.dataset.facet); });
  showing(asking);

  var started = false;
  function start() {
    if (started) return;
    started = true;
    facetBox.setAttribute("aria-busy", "true");
    fetch(box.dataset.data).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (loaded) {
      prepare(loaded);
      buildFacets();
      facetBox.removeAttribute("aria-busy");
      run();
    }).catch(failed);
  }
  // What the board's download (m4c-takeaway.js) takes while words are searched: the address of
  // every action found, in the board's order.
  window.M4CList = {
    found: function () {
      if (!data) return Promise.reject(new Error("no search yet"));
      return Promise.resolve(found.map(function (row) {
        return root + row.mission[1] + "#follow-up-" + row.action[1];
      }));
    }
  };

  if (asking) start();
  window.M4CSearch.wire(form, facets, start, run);
  more.addEventListener("click", showMore);
})();
