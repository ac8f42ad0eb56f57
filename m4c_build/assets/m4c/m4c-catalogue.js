/* The search of the catalogue and of the lessons explorer: free text and facets combined, kept
   in the URL (?q=...&theme=...). Facet values come from the Pagefind index; within a facet
   values add up (any of them), across facets they narrow down (all of them). While a search or a
   filter is active the static list #m4c-all is hidden. Needs m4c-search.js (M4CSearch) loaded
   before it. The box says which index it searches (data-bundle: the pages' by default, the
   lessons' records on the explorer), the filters every search keeps (data-scope), the order of
   a search by filters alone (data-sort), how results are shown (data-cards: missions, lessons, or
   the follow-up board's actions) and the filters it takes from the address without showing them
   as facets (data-params: the board's ?mission=<slug>, which a mission page links to).

   Two Pagefind instances: once an instance holds every filter list, each of its searches also
   counts every facet value, which costs several times the search itself on a big site. So the
   results come from a lean instance that loads only the filters it is asked for, and the facet
   counts follow from a second instance that knows them all. The lean one is made at the first
   search (each instance loads Pagefind's wasm: a visitor who only browses the list pays once). */
(function () {
  "use strict";
  var box = document.getElementById("m4c-search");
  var all = document.getElementById("m4c-all");
  if (!box || !window.M4CSearch || !window.URLSearchParams) return;
  var form = box.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var facetBox = box.querySelector(".m4c-facets");
  var facets = Array.prototype.slice.call(box.querySelectorAll("details[data-facet]"));
  var results = box.querySelector(".m4c-results");
  var count = box.querySelector(".m4c-results__count");
  // The count is read out from a live region that is always in the page: one revealed with its
  // text (the results section is hidden until the first search) is not announced.
  var live = box.querySelector(".m4c-results__live");
  function setCount(text) {
    count.textContent = text;
    if (live) live.textContent = text;
  }
  var list = box.querySelector(".m4c-results__list");
  var more = box.querySelector(".m4c-results__more");
  var closeBox = box.querySelector(".m4c-results__close");
  var language = box.dataset.language || document.documentElement.lang || "fr";
  // Facet values are keys, in the index and in the URL (?theme=tourism): a filtered link works
  // in every language. The page names them in its own.
  var labelsBox = document.getElementById("m4c-facet-labels");
  var labels = labelsBox ? JSON.parse(labelsBox.textContent) : {};
  var bundle = box.dataset.bundle;
  var scope = box.dataset.scope ? JSON.parse(box.dataset.scope) : {};
  var sortBy = (box.dataset.sort || "").split(":");
  var lessons = box.dataset.cards === "lessons";
  var actions = box.dataset.cards === "followup";
  // Filters kept from the address but shown as no facet: they join the scope, and stay in the URL.
  var params = (box.dataset.params || "").split(" ").filter(Boolean);
  var fixed = {};
  var PAGE = 20;
  var lean = null;
  var full = null;
  var makeLean = null;
  var totals = {};
  var memo = new Map();
  var asked = 0;
  var timer = 0;
  var pending = [];
  var keep = function () { return true; };

  box.hidden = false;

  function picked() {
    var chosen = {};
    facets.forEach(function (facet) {
      chosen[facet.dataset.facet] = Array.prototype.map.call(
        facet.querySelectorAll("input:checked"), function (box) { return box.value; });
    });
    return chosen;
  }

  function pickedNames(chosen) {
    return Object.keys(chosen).filter(function (name) { return chosen[name].length; });
  }

  function filtersFor(chosen, except) {
    var filters = Object.assign({}, scope);
    pickedNames(chosen).forEach(function (name) {
      if (name !== except) filters[name] = { any: chosen[name] };
    });
    return filters;
  }

  // A count search costs in proportion to the pages it matches: ask each question once.
  function counting(term, filters) {
    var key = JSON.stringify([term, filters]);
    if (!memo.has(key)) {
      if (memo.size > 64) memo.clear();
      memo.set(key, full.search(term, { filters: filters }));
    }
    return memo.get(key);
  }

  function showing(active) {
    results.hidden = !active;
    if (all) all.hidden = active;
  }

  function counted(n) {
    var d = box.dataset;
    var text = n === 0 ? d.countZero : n === 1 ? d.countOne : d.countMany;
    return (text || String(n)).replace("{n}", String(n));
  }

  function remember(query, chosen) {
    var params = new URLSearchParams();
    if (query) params.append("q", query);
    pickedNames(chosen).forEach(function (name) {
      chosen[name].forEach(function (value) { params.append(name, value); });
    });
    Object.keys(fixed).forEach(function (name) {
      fixed[name].forEach(function (value) { params.append(name, value); });
    });
    var search = params.toString();
    history.replaceState(history.state, "", search ? "?" + search : window.location.pathname);
  }

  function labelOf(name, value) {
    return (labels[name] || {})[value] || value;
  }

  function sortValues(name, values) {
    if (name === "year") return values.sort(function (a, b) { return b.localeCompare(a); });
    // The kinds of record in their own order (lesson, solution path, difficulty), the board's
    // states in theirs (overdue, open, no due date, done), as labelled.
    var order = name === "kind" || name === "state" ? Object.keys(labels[name] || {}) : [];
    if (order.length) return values.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
    return values.sort(function (a, b) {
      return labelOf(name, a).localeCompare(labelOf(name, b), language);
    });
  }

  function buildFacets(wanted) {
    facets.forEach(function (facet) {
      var name = facet.dataset.facet;
      var values = sortValues(name, Object.keys(totals[name] || {}));
      var ul = facet.querySelector("ul");
      ul.textContent = "";
      values.forEach(function (value) {
        var li = document.createElement("li");
        var label = document.createElement("label");
        var tick = document.createElement("input");
        tick.type = "checkbox";
        tick.name = name;
        tick.value = value;
        tick.checked = wanted.getAll(name).indexOf(value) >= 0;
        var n = document.createElement("span");
        n.className = "m4c-facet__count";
        label.appendChild(tick);
        label.appendChild(document.createTextNode(" " + labelOf(name, value) + " "));
        label.appendChild(n);
        li.appendChild(label);
        ul.appendChild(li);
      });
      facet.hidden = values.length === 0;
      if (ul.querySelector("input:checked")) facet.open = true;
    });
  }

  function showCounts(counts, chosen) {
    facets.forEach(function (facet) {
      var name = facet.dataset.facet;
      var known = counts[name] || {};
      facet.querySelectorAll("input").forEach(function (tick) {
        var n = known[tick.value] || 0;
        tick.parentNode.querySelector(".m4c-facet__count").textContent = "(" + n + ")";
        tick.disabled = n === 0 && !tick.checked;
        tick.parentNode.parentNode.classList.toggle("m4c-facet__value--empty", n === 0);
      });
      var k = chosen[name].length;
      facet.querySelector(".m4c-facet__picked").textContent = k ? " (" + k + ")" : "";
    });
    facetBox.removeAttribute("aria-busy");
  }

  // Counts of each facet value given the rest: the words and the other facets' picks (a picked
  // facet is counted without itself, so its other values say what they would add).
  function updateCounts(ticket, term, query, chosen) {
    var own = pickedNames(chosen);
    var counts = {};
    var jobs = [null].concat(own);
    return jobs.reduce(function (chain, except) {
      return chain.then(function () {
        if (ticket !== asked) return;
        var rest = filtersFor(chosen, except);
        var asking = !query && !Object.keys(fixed).length && Object.keys(rest).length === Object.keys(scope).length ? Promise.resolve({ filters: totals })
          : counting(term, rest);
        return asking.then(function (found) {
          Object.keys(found.filters || {}).forEach(function (name) {
            if (except === null ? own.indexOf(name) < 0 : name === except) counts[name] = found.filters[name];
          });
        });
      });
    }, Promise.resolve()).then(function () {
      if (ticket === asked) showCounts(counts, chosen);
    });
  }

  function element(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  // Shows the next PAGE results; ``fresh`` (a new search) replaces the list and the count
  // only once the results are ready, so what is shown always agrees.
  function renderPage(query, ticket, fresh) {
    var batch = pending.splice(0, PAGE);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (ticket !== asked) return;
      if (fresh) fresh();
      pages.filter(keep).forEach(function (page) {
        if (lessons) { list.appendChild(lessonCard(page, query)); return; }
        if (actions) { list.appendChild(actionCard(page)); return; }
        var item = element("li", "m4c-result");
        var article = element("article");
        var title = element("h2", "m4c-result__title");
        var link = element("a", "", page.meta.title || page.url);
        link.href = page.url;
        title.appendChild(link);
        article.appendChild(title);
        var meta = element("p", "m4c-result__meta");
        if (page.meta.city) meta.appendChild(element("span", "m4c-result__city", page.meta.city));
        if (page.meta.date) {
          var time = element("time", "", window.M4CSearch.formatDate(page.meta.date, language));
          time.setAttribute("datetime", page.meta.date);
          if (page.meta.city) meta.appendChild(document.createTextNode(" · "));
          meta.appendChild(time);
        }
        article.appendChild(meta);
        var excerpt = element("p", "m4c-result__excerpt");
        // Pagefind's excerpt is escaped page text with <mark>s; with filters alone, the summary.
        if (query || !page.meta.summary) window.M4CSearch.showExcerpt(excerpt, page);
        else excerpt.textContent = page.meta.summary;
        article.appendChild(excerpt);
        item.appendChild(article);
        list.appendChild(item);
      });
      more.hidden = pending.length === 0;
    });
  }

  // A record of the lessons' index as the explorer's static pages show it (lessons.html): its
  // kind and the mark of its original language, its text (the words found highlighted), then its
  // mission's title, linked to the record's place in its report, its city and year.
  function lessonCard(page, query) {
    var meta = page.meta;
    var item = element("li", "m4c-result m4c-record m4c-record--" + (meta.kind || ""));
    var kicker = element("p", "m4c-record__kicker");
    kicker.appendChild(element("span", "m4c-record__kind", meta.kind_label));
    if (meta.mark) {
      kicker.appendChild(document.createTextNode(" "));
      kicker.appendChild(element("span", "m4c-tag m4c-tag--language", meta.mark));
    }
    item.appendChild(kicker);
    var text = element("p", "m4c-record__text");
    if (meta.lang) text.setAttribute("lang", meta.lang);
    if (query) window.M4CSearch.showExcerpt(text, page);
    else text.textContent = page.content;
    item.appendChild(text);
    var place = [meta.city, meta.country].filter(Boolean).join(", ");
    item.appendChild(sourceOf(page, [place, meta.year]));
    return item;
  }

  // The line under a record or an action: its mission's title, linked to its place in the
  // report, then ``facts`` (place, year) as muted text.
  function sourceOf(page, facts) {
    var meta = page.meta;
    var source = element("p", "m4c-record__source");
    var link = element("a", "", meta.title || page.url);
    link.href = page.url;
    if (meta.title_lang) link.setAttribute("lang", meta.title_lang);
    source.appendChild(link);
    source.appendChild(document.createTextNode(" "));
    source.appendChild(element("span", "m4c-muted", facts.filter(Boolean).join(" · ")));
    return source;
  }

  // An action of the follow-up board as its static pages show it (followup.html): its text, its
  // state and dates and owner (texts the build wrote in the page's language), then its
  // mission's title, linked to the action's place in its report, its city and year.
  function actionCard(page) {
    var meta = page.meta;
    var item = element("li", "m4c-result m4c-record m4c-action m4c-action--" + (meta.state || ""));
    var text = element("p", "m4c-record__text", meta.action);
    if (meta.lang) text.setAttribute("lang", meta.lang);
    item.appendChild(text);
    var facts = element("p", "m4c-action__meta");
    facts.appendChild(element("span", "m4c-state m4c-state--" + (meta.state || ""), meta.state_label));
    ["due_text", "done_text", "owner_text"].forEach(function (key) {
      if (!meta[key]) return;
      facts.appendChild(document.createTextNode(" "));
      facts.appendChild(element("span", "", meta[key]));
    });
    item.appendChild(facts);
    item.appendChild(sourceOf(page, [meta.city, meta.year]));
    return item;
  }

  function run() {
    var query = input.value.trim();
    var chosen = picked();
    var active = Boolean(query) || pickedNames(chosen).length > 0 || Object.keys(fixed).length > 0;
    var ticket = ++asked;
    remember(query, chosen);
    showing(active);
    if (!makeLean) return;
    if (!active) { showCounts(totals, chosen); return; }
    if (!lean) lean = makeLean();
    facetBox.setAttribute("aria-busy", "true");
    // Filters alone: every mission (the word they all hold, see m4c-search.js), newest first;
    // every record of the lessons' index (Pagefind's search by filters alone), in their order.
    var term = query || (lessons || actions ? null : window.M4CSearch.every);
    var options = { filters: filtersFor(chosen) };
    if (!query && sortBy[0]) {
      options.sort = {};
      options.sort[sortBy[0]] = sortBy[1] || "asc";
    }
    lean.search(term, options).then(function (found) {
      // Results that only matched a prefix Pagefind put in place of a missing word are dropped.
      return query ? window.M4CSearch.honest(lean, query, found, PAGE)
        : { results: found.results, unknown: [], keep: function () { return true; } };
    }).then(function (fair) {
      if (ticket !== asked) return;
      pending = fair.results.slice();
      keep = fair.keep;
      var total = pending.length;
      var nothing = total === 0 && fair.unknown.length > 0;
      showClose(ticket, total === 0 ? query : "");
      return renderPage(query, ticket, function () {
        list.textContent = "";
        setCount(nothing ? box.dataset.nothing.replace("{query}", query) : counted(total));
      }).then(function () {
        // A query whose words are not in the index counts nothing in any facet either.
        if (nothing) { if (ticket === asked) showCounts({}, chosen); return; }
        return updateCounts(ticket, term, query, chosen);
      });
    }).catch(failed);
  }

  // Themes and topics close to a query that found no mission, as links to their pages.
  function showClose(ticket, query) {
    var ul = closeBox.querySelector("ul");
    if (!query) { closeBox.hidden = true; ul.textContent = ""; return; }
    window.M4CSearch.close(query, 6).then(function (terms) {
      if (ticket !== asked) return;
      ul.textContent = "";
      terms.forEach(function (term) {
        var li = element("li");
        var link = element("a", "m4c-chip", term.label);
        link.href = term.url;
        link.appendChild(element("span", "m4c-chip__count", term.kind));
        li.appendChild(link);
        ul.appendChild(li);
      });
      closeBox.hidden = terms.length === 0;
    });
  }

  function failed() {
    showing(false);
    closeBox.hidden = true;
    results.hidden = false;
    list.textContent = "";
    more.hidden = true;
    setCount(box.dataset.failed || "");
  }

  var wanted = new URLSearchParams(window.location.search);
  input.value = wanted.get("q") || "";
  params.forEach(function (name) {
    var values = wanted.getAll(name).filter(Boolean);
    if (!values.length) return;
    fixed[name] = values;
    scope[name] = { any: values };
  });
  var only = document.querySelector(".m4c-board__only");
  if (only) only.hidden = Object.keys(fixed).length === 0;
  var asking = Boolean(input.value.trim()) || Object.keys(fixed).length > 0 ||
    facets.some(function (f) { return wanted.has(f.dataset.facet); });
  showing(asking);

  // Pagefind (its wasm and every filter list) loads when the visitor turns to the search box or a
  // facet, or at once for an address that asks for a search: a visitor who reads the list pays
  // nothing, and the page is usable sooner on a phone.
  var started = false;
  function start() {
    if (started) return;
    started = true;
    window.M4CSearch.load(bundle).then(function (pagefind) {
      var options = { excerptLength: 30 };
      var counter = pagefind.createInstance(options);
      return counter.filters().then(function (found) {
        full = counter;
        makeLean = function () { return pagefind.createInstance(options); };
        totals = found;
        buildFacets(wanted);
        run();
      });
    }).catch(failed);
  }
  if (asking) start();
  form.addEventListener("focusin", start);
  form.addEventListener("pointerdown", start);
  facets.forEach(function (facet) { facet.addEventListener("toggle", start); });

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  form.addEventListener("change", function (event) {
    if (event.target !== input) run();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  form.addEventListener("reset", function () {
    clearTimeout(timer);
    setTimeout(function () { facets.forEach(function (f) { f.open = false; }); run(); }, 0);
  });
  more.addEventListener("click", function () { renderPage(input.value.trim(), asked); });
})();
