/* The catalogue's search: free text and facets combined, kept in the URL (?q=...&theme=...).
   Facet values come from the Pagefind index; within a facet values add up (any of them),
   across facets they narrow down (all of them). While a search or a filter is active the
   static list #m4c-all is hidden. Needs m4c-search.js (M4CSearch.load) loaded before it. */
(function () {
  "use strict";
  var box = document.getElementById("m4c-search");
  var all = document.getElementById("m4c-all");
  if (!box || !window.M4CSearch || !window.URLSearchParams) return;
  var form = box.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var facets = Array.prototype.slice.call(box.querySelectorAll("details[data-facet]"));
  var results = box.querySelector(".m4c-results");
  var count = box.querySelector(".m4c-results__count");
  var list = box.querySelector(".m4c-results__list");
  var more = box.querySelector(".m4c-results__more");
  var language = box.dataset.language || document.documentElement.lang || "fr";
  var PAGE = 20;
  var ONLY_MISSIONS = { kind: "mission" };
  var pagefind = null;
  var asked = 0;
  var timer = 0;
  var pending = [];

  box.hidden = false;

  function picked() {
    var chosen = {};
    facets.forEach(function (facet) {
      var name = facet.dataset.facet;
      chosen[name] = Array.prototype.map.call(
        facet.querySelectorAll("input:checked"), function (box) { return box.value; });
    });
    return chosen;
  }

  function filtersFor(chosen, except) {
    var filters = { kind: ONLY_MISSIONS.kind };
    Object.keys(chosen).forEach(function (name) {
      if (name !== except && chosen[name].length) filters[name] = { any: chosen[name] };
    });
    return filters;
  }

  function isActive(query, chosen) {
    return Boolean(query) || Object.keys(chosen).some(function (name) { return chosen[name].length; });
  }

  function showing(active) {
    results.hidden = !active;
    if (all) all.hidden = active;
  }

  function counted(n) {
    var text = n === 0 ? box.dataset.count0 : n === 1 ? box.dataset.count1 : box.dataset.countN;
    return (text || String(n)).replace("{n}", String(n));
  }

  function remember(query, chosen) {
    var params = new URLSearchParams();
    if (query) params.append("q", query);
    Object.keys(chosen).forEach(function (name) {
      chosen[name].forEach(function (value) { params.append(name, value); });
    });
    var search = params.toString();
    history.replaceState(history.state, "", search ? "?" + search : window.location.pathname);
  }

  function sortValues(name, values) {
    if (name === "year") return values.sort(function (a, b) { return b.localeCompare(a); });
    return values.sort(function (a, b) { return a.localeCompare(b, language); });
  }

  function buildFacets(totals, wanted) {
    facets.forEach(function (facet) {
      var name = facet.dataset.facet;
      var values = sortValues(name, Object.keys(totals[name] || {}));
      var ul = facet.querySelector("ul");
      ul.textContent = "";
      values.forEach(function (value) {
        var li = document.createElement("li");
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.checked = wanted.getAll(name).indexOf(value) >= 0;
        var n = document.createElement("span");
        n.className = "m4c-facet__count";
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + value + " "));
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
      facet.querySelectorAll("input").forEach(function (box) {
        var n = known[box.value] || 0;
        box.parentNode.querySelector(".m4c-facet__count").textContent = "(" + n + ")";
        box.disabled = n === 0 && !box.checked;
        box.parentNode.parentNode.classList.toggle("m4c-facet__value--empty", n === 0);
      });
      var k = chosen[name].length;
      facet.querySelector(".m4c-facet__picked").textContent = k ? " (" + k + ")" : "";
    });
  }

  function element(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function renderPage(query, ticket) {
    var batch = pending.splice(0, PAGE);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (ticket !== asked) return;
      pages.forEach(function (page) {
        var item = element("li", "m4c-result");
        var article = element("article");
        var title = element("h3", "m4c-result__title");
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
        if (query || !page.meta.summary) excerpt.innerHTML = page.excerpt; // escaped text, <mark>s
        else excerpt.textContent = page.meta.summary;
        article.appendChild(excerpt);
        item.appendChild(article);
        list.appendChild(item);
      });
      more.hidden = pending.length === 0;
    });
  }

  function run() {
    var query = input.value.trim();
    var chosen = picked();
    var active = isActive(query, chosen);
    var ticket = ++asked;
    remember(query, chosen);
    showing(active);
    if (!pagefind) return;
    var options = { filters: filtersFor(chosen) };
    if (!query) options.sort = { date: "desc" };
    var main = pagefind.search(query || null, options);
    // A facet with values picked shows what each of its values would add: count it without itself.
    var own = Object.keys(chosen).filter(function (name) { return chosen[name].length; });
    var others = own.map(function (name) {
      return pagefind.search(query || null, { filters: filtersFor(chosen, name) });
    });
    Promise.all([main].concat(others)).then(function (found) {
      if (ticket !== asked) return;
      var counts = {};
      Object.keys(found[0].filters || {}).forEach(function (name) { counts[name] = found[0].filters[name]; });
      own.forEach(function (name, i) { counts[name] = found[i + 1].filters[name]; });
      showCounts(counts, chosen);
      if (!active) return;
      list.textContent = "";
      pending = found[0].results.slice();
      count.textContent = counted(pending.length);
      return renderPage(query, ticket);
    }).catch(failed);
  }

  function failed() {
    showing(false);
    results.hidden = false;
    list.textContent = "";
    more.hidden = true;
    count.textContent = box.dataset.failed || "";
  }

  var wanted = new URLSearchParams(window.location.search);
  input.value = wanted.get("q") || "";
  showing(Boolean(input.value.trim()) || facets.some(function (f) { return wanted.has(f.dataset.facet); }));

  window.M4CSearch.load().then(function (loaded) {
    return loaded.filters().then(function (totals) {
      pagefind = loaded;
      buildFacets(totals, wanted);
      run();
    });
  }).catch(failed);

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
