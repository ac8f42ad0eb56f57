/* The search box in the header: live Pagefind results in a dropdown; Enter opens the catalogue
   (missions/?q=...). Pagefind (its script, WebAssembly and index chunks) is fetched only when
   the box is first used. Also exposes M4CSearch.load(folder) for the catalogue and the lessons
   explorer. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URL) return;
  // This file is published as <site>/assets/m4c/m4c-search.js: the bundle sits two folders up,
  // whatever sub-path the site is served under.
  // ``folder``: the index's folder in the site, "pagefind" (the pages) unless another is named.
  var engines = {};

  function load(folder) {
    folder = folder || "pagefind";
    if (!engines[folder]) {
      var bundle = new URL("../../" + folder + "/pagefind.js", script.src).href;
      engines[folder] = import(bundle).then(function (pagefind) {
        return pagefind.options({ excerptLength: 24 }).then(function () { return pagefind; });
      });
      engines[folder].catch(function () { delete engines[folder]; });
    }
    return engines[folder];
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

  // Pagefind's excerpt is the page's text with "<" and ">" written as "&lt;" and "&gt;" (the
  // only characters it escapes: an "&" stays as it is) and <mark> around the words found. It is
  // rebuilt here as text nodes and <mark> elements: the string is cut at those two tags and the
  // two escapes are undone, so nothing in it is ever parsed as HTML.
  function decode(text) {
    return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  }

  function showExcerpt(node, page) {
    node.textContent = "";
    var into = node;
    excerptOf(page).split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === "<mark>") into = node.appendChild(document.createElement("mark"));
      else if (part === "</mark>") into = node;
      else if (part) into.appendChild(document.createTextNode(decode(part)));
    });
  }

  // --- Search that never misleads ------------------------------------------------------------
  // When a query word is not in the index, Pagefind (1.5 and 1.6 alike) searches instead for the
  // longest indexed word that begins it (Pagefind issues #780, #793): "incendie" finds "in",
  // "parapluie" finds "par". So each query word is first looked up exactly ('"word"': Pagefind's
  // exact search stems it but never substitutes a prefix). A word found so is trusted with all
  // of Pagefind's stemming. For a word that is not, a result is kept only if one of the words it
  // matched (read at result.data().locations in its content, or in its metadata when the match
  // is there) fits the query word:
  //   the matched word begins with the query word (a word still being typed: "quillon"), or
  //   the two share a beginning that lacks at most a fifth of the query word, and at least one
  //   letter may lack ("inondations" keeps "inondation", "eaux" keeps "eau"; "seisme" drops
  //   "seis", "parapluie" drops "par"),
  // all compared in lower case without accents. Pagefind substitutes one indexed word for the
  // whole site, so when none of the results looked at fits, none of the others would either.

  function fold(text) {
    return String(text).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function wordsOf(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function shared(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  function fits(matched, word) {
    return matched.indexOf(word) === 0
      || word.length - shared(matched, word) <= Math.max(1, Math.floor(word.length / 5));
  }

  // A word Pagefind may have matched for ``word`` by its stem: one that fits it, or shares all
  // but its last three letters, at least four ("inondations" for "inonder"; never "par" for
  // "parapluie").
  function near(matched, word) {
    return fits(matched, word) || (word.length >= 4 && shared(matched, word) >= Math.max(4, word.length - 3));
  }

  // The words a result matched: those at its locations, or its metadata's for a metadata match.
  function matchedWords(page) {
    var found = [];
    if (page.locations && page.locations.length) {
      var words = page.content.split(/[\r\n\s]+/g);
      page.locations.forEach(function (at) { found = found.concat(wordsOf(words[at] || "")); });
    } else {
      Object.keys(page.meta || {}).forEach(function (key) { found = found.concat(wordsOf(page.meta[key])); });
    }
    return found;
  }

  function keeps(page, unknown) {
    var matched = matchedWords(page);
    return unknown.every(function (word) {
      return matched.some(function (m) { return fits(m, word); });
    });
  }

  // Pagefind's ``found`` for ``query`` made honest: resolves to {results, unknown, keep}, where
  // ``unknown`` are the query words the index does not hold, ``results`` what is left once the
  // results that only matched a substituted prefix are dropped (the first ``look`` results are
  // checked; past them, ``keep(page)`` checks each when its data is loaded).
  function honest(pagefind, query, found, look) {
    var words = wordsOf(query);
    var all = found.results;
    var trusted = { results: all, unknown: [], keep: function () { return true; } };
    if (!words.length) return Promise.resolve(trusted);
    return Promise.all(words.map(function (word) {
      return pagefind.search('"' + word + '"').then(function (exact) { return exact.results.length > 0; });
    })).then(function (known) {
      var unknown = words.filter(function (word, i) { return !known[i]; });
      if (!unknown.length || !all.length) return { results: all, unknown: unknown, keep: trusted.keep };
      var keep = function (page) { return keeps(page, unknown); };
      var head = all.slice(0, look);
      return Promise.all(head.map(function (r) { return r.data(); })).then(function (pages) {
        var kept = head.filter(function (r, i) { return keep(pages[i]); });
        var rest = kept.length ? all.slice(look) : [];
        return { results: kept.concat(rest), unknown: unknown, keep: keep };
      });
    });
  }

  // Themes and topics whose label is close to the query: a label word begins with a query word
  // (of three letters or more), or is at most two edits away from it (one for words of four or
  // five letters); then those whose description is, in the same way.
  var terms = null;

  function distance(a, b) {
    var row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var diagonal = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var above = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  }

  function closeness(label, words) {
    var best = Infinity;
    wordsOf(label).forEach(function (part) {
      words.forEach(function (word) {
        if (word.length >= 3 && part.indexOf(word) === 0) best = Math.min(best, 0);
        else if (word.length >= 4) {
          var d = distance(part, word);
          if (d <= (word.length >= 6 ? 2 : 1)) best = Math.min(best, d);
        }
      });
    });
    return best;
  }

  function close(query, limit) {
    var words = wordsOf(query);
    if (!terms) {
      terms = fetch(new URL("../../data/search-terms.json", script.src).href)
        .then(function (response) { return response.ok ? response.json() : { terms: [] }; })
        .then(function (data) { return data.terms || []; });
      terms.catch(function () { terms = null; });
    }
    return terms.then(function (list) {
      return list.map(function (term) {
        var d = Math.min.apply(null, term.labels.map(function (label) { return closeness(label, words); })
          .concat((term.about || []).map(function (text) { return 3 + closeness(text, words); })));
        return { term: term, d: d };
      }).filter(function (x) { return x.d < Infinity; })
        .sort(function (a, b) { return a.d - b.d || a.term.label.localeCompare(b.term.label); })
        .slice(0, limit).map(function (x) {
          return { label: x.term.label, kind: x.term.kind, url: new URL("../../" + x.term.url, script.src).href };
        });
    }).catch(function () { return []; });
  }

  // Saves ``text`` as a file named ``name``, made in the page (a list taken away, a citation):
  // a Blob behind an <a download>, nothing asked of a server.
  function save(text, type, name) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  // What a search box with facets (the catalogue's, the lessons explorer's, the follow-up
  // board's) answers: ``start`` loads what it searches when the visitor turns to the box or a
  // facet; ``run`` searches: as the words are typed (a pause first), when a facet changes, on
  // Enter, and once the box is cleared (its facets closed).
  function wire(form, facets, start, run) {
    var input = form.querySelector("input[name=q]");
    var timer = 0;
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
  }

  // The facets of a search box (its details[data-facet]), as the catalogue, the lessons explorer
  // and the follow-up board share them. Their values are keys, in the index and in the URL
  // (?theme=tourism: a filtered link works in every language); the page names them in its own
  // (#m4c-facet-labels). ``picked()``: the values ticked, by facet; ``build(valuesOf, wanted)``:
  // each facet's values (``valuesOf(name)``), ticked as the address ``wanted`` says, built with
  // the DOM; ``show(counts, chosen, quiet)``: each value's count (``counts[name][value]``);
  // ``remember(query, chosen)``: the search in the address.
  function facetsOf(box) {
    var facets = Array.prototype.slice.call(box.querySelectorAll("details[data-facet]"));
    var labelsBox = document.getElementById("m4c-facet-labels");
    var labels = labelsBox ? JSON.parse(labelsBox.textContent) : {};
    var language = box.dataset.language || document.documentElement.lang || "fr";

    function labelOf(name, value) {
      return (labels[name] || {})[value] || value;
    }

    function picked() {
      var chosen = {};
      facets.forEach(function (facet) {
        chosen[facet.dataset.facet] = Array.prototype.map.call(
          facet.querySelectorAll("input:checked"), function (tick) { return tick.value; });
      });
      return chosen;
    }

    function sortValues(facet, name, values) {
      if (name === "year") return values.sort(function (a, b) { return b.localeCompare(a); });
      // The kinds of record (lesson, solution path, difficulty) and the board's states (overdue,
      // open, no due date, done) in their own order (data-order).
      var order = (facet.dataset.order || "").split(" ").filter(Boolean);
      if (order.length) return values.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
      return values.sort(function (a, b) {
        return labelOf(name, a).localeCompare(labelOf(name, b), language);
      });
    }

    function build(valuesOf, wanted) {
      facets.forEach(function (facet) {
        var name = facet.dataset.facet;
        var values = sortValues(facet, name, valuesOf(name));
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

    // ``quiet``: no number beside the values (the explorer's counts are of missions, not of its records).
    function show(counts, chosen, quiet) {
      facets.forEach(function (facet) {
        var name = facet.dataset.facet;
        var known = counts[name] || {};
        facet.querySelectorAll("input").forEach(function (tick) {
          var n = known[tick.value] || 0;
          tick.parentNode.querySelector(".m4c-facet__count").textContent = quiet ? "" : "(" + n + ")";
          tick.disabled = n === 0 && !tick.checked;
          tick.parentNode.parentNode.classList.toggle("m4c-facet__value--empty", n === 0);
        });
        var k = chosen[name].length;
        facet.querySelector(".m4c-facet__picked").textContent = k ? " (" + k + ")" : "";
      });
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

    return { list: facets, labels: labels, labelOf: labelOf, picked: picked, build: build, show: show,
             remember: remember };
  }

  window.M4CSearch = { load: load, formatDate: formatDate, every: EVERY, showExcerpt: showExcerpt,
                       honest: honest, close: close, fits: fits, near: near, wordsOf: wordsOf, save: save,
                       wire: wire, facets: facetsOf };

  var form = document.querySelector("form.m4c-hsearch");
  if (!form) return;
  var input = form.querySelector(".m4c-hsearch__input");
  var panel = form.querySelector(".m4c-hsearch__panel");
  var status = form.querySelector(".m4c-hsearch__status");
  // Read out from a live region outside the panel, which is hidden until the first query.
  var live = form.querySelector(".m4c-hsearch__live");
  function say(text) {
    status.textContent = text;
    if (live) live.textContent = text;
  }
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
    say(counted(found));
    pages.forEach(function (page, i) {
      var item = option(page.url, i);
      var link = item.firstChild;
      link.appendChild(span("m4c-hsearch__title", page.meta.title || page.url));
      var meta = [page.meta.city, page.meta.date && formatDate(page.meta.date, language)].filter(Boolean);
      if (meta.length) link.appendChild(span("m4c-hsearch__meta", meta.join(" · ")));
      var excerpt = span("m4c-hsearch__excerpt", "");
      showExcerpt(excerpt, page);
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

  // Nothing holds the query's words: say so, and offer the close themes and topics instead.
  function renderNothing(query, terms) {
    list.textContent = "";
    var nothing = (form.dataset.nothing || "").replace("{query}", query);
    say(terms.length ? nothing + " " + (form.dataset.close || "") : nothing);
    terms.forEach(function (term, i) {
      var item = option(term.url, i);
      item.className = "m4c-hsearch__term";
      item.firstChild.appendChild(span("m4c-hsearch__title", term.label));
      item.firstChild.appendChild(span("m4c-hsearch__meta", term.kind));
      list.appendChild(item);
    });
    open(true);
    highlight(-1);
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++asked;
    if (!query) { open(false); return; }
    load().then(function (pagefind) {
      return pagefind.search(query).then(function (found) {
        return honest(pagefind, query, found, SHOWN);
      }).then(function (fair) {
        if (!fair.results.length && fair.unknown.length) {
          return close(query, 5).then(function (terms) { if (ticket === asked) renderNothing(query, terms); });
        }
        return Promise.all(fair.results.slice(0, SHOWN).map(function (r) { return r.data(); }))
          .then(function (pages) { if (ticket === asked) render(query, fair.results.length, pages); });
      });
    }).catch(function () {
      if (ticket === asked) { list.textContent = ""; say("⚠"); open(true); }
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
