/* The search box in the header: live Pagefind results in a dropdown; Enter opens the catalogue
   (missions/?q=...). Pagefind (its script, WebAssembly and index chunks) is fetched only when
   the box is first used. Also exposes M4CSearch.load() for the catalogue page. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URL) return;
  // This file is published as <site>/assets/m4c/m4c-search.js: the bundle sits two folders up,
  // whatever sub-path the site is served under.
  var bundle = new URL("../../pagefind/pagefind.js", script.src).href;
  var engine = null;

  function load() {
    if (!engine) {
      engine = import(bundle).then(function (pagefind) {
        return pagefind.options({ excerptLength: 24 }).then(function () { return pagefind; });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function formatDate(iso, language) {
    var day = new Date(iso + "T12:00:00Z");
    if (isNaN(day)) return iso;
    return new Intl.DateTimeFormat(language, { day: "numeric", month: "long", year: "numeric",
                                               timeZone: "UTC" }).format(day);
  }

  // Every mission page holds this word (mission.html): a search for it is the catalogue's
  // "all missions" that filters narrow down. It is not the reader's: keep it out of excerpts.
  var EVERY = "m4cmission";
  var EVERY_IN_TEXT = new RegExp("\\s*\\b" + EVERY + "\\b", "g");

  function excerptOf(page) {
    return page.excerpt.replace(EVERY_IN_TEXT, "");
  }

  window.M4CSearch = { load: load, formatDate: formatDate, every: EVERY, excerptOf: excerptOf };

  var form = document.querySelector("form.m4c-hsearch");
  if (!form) return;
  var input = form.querySelector(".m4c-hsearch__input");
  var panel = form.querySelector(".m4c-hsearch__panel");
  var status = form.querySelector(".m4c-hsearch__status");
  var list = form.querySelector(".m4c-hsearch__list");
  var language = document.documentElement.lang || "fr";
  var ALL = { fr: "Tous les résultats dans les missions", en: "All results in the missions",
              es: "Todos los resultados en las misiones" };
  var SHOWN = 6;
  var active = -1;
  var timer = 0;
  var asked = 0;

  function options() { return list.querySelectorAll("[role=option]"); }

  function open(yes) {
    panel.hidden = !yes;
    input.setAttribute("aria-expanded", yes ? "true" : "false");
    if (!yes) highlight(-1);
  }

  function highlight(index) {
    var items = options();
    active = index;
    items.forEach(function (item, i) { item.setAttribute("aria-selected", i === index ? "true" : "false"); });
    if (index >= 0 && items[index]) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function counted(n) {
    var text = n === 0 ? form.dataset.none : n === 1 ? form.dataset.one : form.dataset.other;
    return (text || "").replace("#", String(n));
  }

  function option(href, index) {
    var item = document.createElement("li");
    item.setAttribute("role", "option");
    item.id = "m4c-hsearch-option-" + index;
    var link = document.createElement("a");
    link.href = href;
    link.tabIndex = -1;
    item.appendChild(link);
    return item;
  }

  function span(cls, text) {
    var node = document.createElement("span");
    node.className = cls;
    node.textContent = text;
    return node;
  }

  function render(query, found, pages) {
    list.textContent = "";
    status.textContent = counted(found);
    pages.forEach(function (page, i) {
      var item = option(page.url, i);
      var link = item.firstChild;
      link.appendChild(span("m4c-hsearch__title", page.meta.title || page.url));
      var meta = [page.meta.city, page.meta.date && formatDate(page.meta.date, language)].filter(Boolean);
      if (meta.length) link.appendChild(span("m4c-hsearch__meta", meta.join(" · ")));
      var excerpt = span("m4c-hsearch__excerpt", "");
      excerpt.innerHTML = excerptOf(page); // Pagefind's excerpt: escaped page text with <mark>s
      link.appendChild(excerpt);
      list.appendChild(item);
    });
    var all = option(form.action + "?q=" + encodeURIComponent(query), pages.length);
    all.className = "m4c-hsearch__all";
    all.firstChild.textContent = ALL[language] || ALL.en;
    list.appendChild(all);
    open(true);
    highlight(-1);
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++asked;
    if (!query) { open(false); return; }
    load().then(function (pagefind) {
      return pagefind.search(query).then(function (found) {
        return Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); }))
          .then(function (pages) { if (ticket === asked) render(query, found.results.length, pages); });
      });
    }).catch(function () {
      if (ticket === asked) { list.textContent = ""; status.textContent = "⚠"; open(true); }
    });
  }

  input.addEventListener("focus", function () { load(); if (input.value.trim() && list.firstChild) open(true); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  });
  input.addEventListener("keydown", function (event) {
    var items = options();
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (panel.hidden) { if (input.value.trim()) search(); return; }
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = active + step;
      if (next < -1) next = items.length - 1;
      if (next >= items.length) next = -1;
      highlight(next);
    } else if (event.key === "Escape") {
      if (!panel.hidden) { event.preventDefault(); open(false); }
      else if (input.value) { event.preventDefault(); input.value = ""; }
    } else if (event.key === "Enter" && active >= 0 && items[active]) {
      event.preventDefault();
      window.location.href = items[active].firstChild.href;
    }
    // Enter with no option chosen submits the form: the catalogue, with ?q=.
  });
  form.addEventListener("submit", function (event) {
    if (!input.value.trim()) event.preventDefault();
  });
  form.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !form.contains(event.relatedTarget)) open(false);
  });
  document.addEventListener("pointerdown", function (event) {
    if (!form.contains(event.target)) open(false);
  });
})();
