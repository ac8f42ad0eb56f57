/* The search of the catalogue and of the lessons explorer: free text and facets combined, kept
   in the URL (?q=...&theme=...). Facet values come from the Pagefind index; within a facet
   values add up (any of them), across facets they narrow down (all of them). While a search or a
   filter is active the static list #m4c-all is hidden. Needs m4c-search.js (M4CSearch) loaded
   before it. The box says which index it searches (data-bundle: the pages' by default), the
   filters every search keeps (data-scope), the order of a search by filters alone (data-sort)
   and how results are shown (data-cards).

   The explorer's results are records, read from the missions found: a mission page's lessons,
   solution paths and difficulties are anchors of its Pagefind fragment (li#lesson-2...) with the
   positions of their words, so a mission becomes the records that hold the words searched (each
   word of the query, or a word close to it: Pagefind's stems), of the kinds picked. Its facets
   count missions, so the explorer shows no numbers beside them; its count says how many records
   were found in the missions read so far, which "more" extends.

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
  var shared = window.M4CSearch.facets(box);
  var facets = shared.list;
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
  var bundle = box.dataset.bundle;
  var scope = box.dataset.scope ? JSON.parse(box.dataset.scope) : {};
  var sortBy = (box.dataset.sort || "").split(":");
  var lessons = box.dataset.cards === "lessons";
  var marksBox = document.getElementById("m4c-marks");
  var marks = marksBox ? JSON.parse(marksBox.textContent) : {};
  var RECORD = /^(lesson|solution|difficulty)-\d+$/;
  var BATCHES = 5;
  var shown = 0;
  var read = 0;
  var total = 0;
  var kinds = [];
  var words = [];
  var PAGE = 20;
  var lean = null;
  var full = null;
  var makeLean = null;
  var totals = {};
  var memo = new Map();
  var asked = 0;
  var pending = [];
  var keep = function () { return true; };
  var current = null;

  box.hidden = false;

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

  function showCounts(counts, chosen) {
    shared.show(counts, chosen, lessons);
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
        var asking = !query && Object.keys(rest).length === Object.keys(scope).length ? Promise.resolve({ filters: totals })
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
    if (lessons) return renderRecords(query, ticket, fresh);
    var batch = pending.splice(0, PAGE);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (ticket !== asked) return;
      if (fresh) fresh();
      pages.filter(keep).forEach(function (page) {
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

  // The explorer's records in the missions found, PAGE missions at a time, until PAGE records
  // are shown or BATCHES batches were read (a word found mostly outside the records); then the
  // count: exact once every mission is read, else what was found so far.
  function renderRecords(query, ticket, fresh) {
    var added = 0;
    var batches = 0;
    function next() {
      var batch = pending.splice(0, PAGE);
      batches++;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
        if (ticket !== asked) return;
        if (fresh) { fresh(); fresh = null; }
        read += batch.length;
        pages.filter(keep).forEach(function (page) {
          recordsOf(page).forEach(function (record) {
            list.appendChild(lessonCard(page, record));
            shown++;
            added++;
          });
        });
        if (added < PAGE && pending.length && batches < BATCHES) return next();
      });
    }
    return next().then(function () {
      if (ticket !== asked) return;
      more.hidden = pending.length === 0;
      if (pending.length) {
        setCount(box.dataset.countPartial.replace("{n}", String(shown)).replace("{m}", String(read))
          .replace("{total}", String(total)));
      } else if (shown === 0 && query) {
        setCount(box.dataset.nothing.replace("{query}", query));
      } else {
        setCount(counted(shown));
      }
    });
  }

  // The records of a mission found (its fragment: ``page``) that the search asks for: of the
  // kinds picked, and holding each word of the query (or a word Pagefind matched for it), each
  // with its words and the positions of those found. A record runs from its anchor to the next
  // anchor of the page, or the end of its own text (what follows a list is no record's).
  // The anchor's text is the record's, whose words are those of the page's text from there.
  function recordsOf(page) {
    var text = (page.content || "").split(/[\r\n\s]+/g);
    var anchors = (page.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
    var hits = page.locations || [];
    var records = [];
    anchors.forEach(function (anchor, i) {
      var id = anchor.id || "";
      if (!RECORD.test(id)) return;
      var kind = id.split("-")[0];
      if (kinds.length && kinds.indexOf(kind) < 0) return;
      var own = String(anchor.text || "").split(/[\r\n\s]+/g).filter(Boolean);
      var end = anchor.location + own.length;
      for (var j = i + 1; j < anchors.length; j++) {
        if (anchors[j].location > anchor.location) { end = Math.min(end, anchors[j].location); break; }
      }
      var found = hits.filter(function (at) { return at >= anchor.location && at < end; });
      if (words.length) {
        var matched = [];
        found.forEach(function (at) { matched = matched.concat(window.M4CSearch.wordsOf(text[at] || "")); });
        var holds = words.every(function (word) {
          return matched.some(function (m) { return window.M4CSearch.near(m, word); });
        });
        if (!holds) return;
      }
      // its own words as written (the index ends a block with a full stop of its own)
      var said = own.length === end - anchor.location ? own : text.slice(anchor.location, end);
      records.push({ id: id, kind: kind, words: said,
                     found: found.map(function (at) { return at - anchor.location; }) });
    });
    return records;
  }

  // A record as the explorer's static pages show it (lessons.html): its kind and the mark of its
  // original language, its text (the words found highlighted), then its mission's title, linked
  // to the record's place in its report, its city and year. The mission page says which kinds it
  // shows as written (``written``) rather than in the interface's language.
  function lessonCard(page, record) {
    var meta = page.meta || {};
    var filters = page.filters || {};
    var original = (filters.language || [])[0] || "";
    var written = (meta.written || "").split(" ").indexOf(record.kind) >= 0;
    var mark = written ? (marks.written || {})[original]
      : original && original !== language ? (marks.translated || {})[original] : "";
    var item = element("li", "m4c-result m4c-record m4c-record--" + record.kind);
    var kicker = element("p", "m4c-record__kicker");
    kicker.appendChild(element("span", "m4c-record__kind", shared.labelOf("kind", record.kind)));
    if (mark) {
      kicker.appendChild(document.createTextNode(" "));
      kicker.appendChild(element("span", "m4c-tag m4c-tag--language", mark));
    }
    item.appendChild(kicker);
    var text = element("p", "m4c-record__text");
    text.setAttribute("lang", written ? original : language);
    record.words.forEach(function (word, i) {
      if (i) text.appendChild(document.createTextNode(" "));
      if (record.found.indexOf(i) >= 0) text.appendChild(element("mark", "", word));
      else text.appendChild(document.createTextNode(word));
    });
    item.appendChild(text);
    var source = element("p", "m4c-record__source");
    var link = element("a", "", meta.title || page.url);
    link.href = page.url + "#" + record.id;
    if (meta.title_lang) link.setAttribute("lang", meta.title_lang);
    source.appendChild(link);
    source.appendChild(document.createTextNode(" "));
    var place = [meta.city, meta.country].filter(Boolean).join(", ");
    var year = (filters.year || [])[0] || (meta.date || "").slice(0, 4);
    source.appendChild(element("span", "m4c-muted", [place, year].filter(Boolean).join(" · ")));
    item.appendChild(source);
    return item;
  }

  function run() {
    var query = input.value.trim();
    var chosen = shared.picked();
    var active = Boolean(query) || pickedNames(chosen).length > 0;
    var ticket = ++asked;
    shared.remember(query, chosen);
    showing(active);
    if (!makeLean) return;
    if (!active) { showCounts(totals, chosen); return; }
    if (!lean) lean = makeLean();
    facetBox.setAttribute("aria-busy", "true");
    // Filters alone: every mission (the word they all hold, see m4c-search.js), newest first.
    var term = query || window.M4CSearch.every;
    kinds = chosen.kind || [];
    words = query ? window.M4CSearch.wordsOf(query) : [];
    var options = { filters: filtersFor(chosen) };
    if (!query && sortBy[0]) {
      options.sort = {};
      options.sort[sortBy[0]] = sortBy[1] || "asc";
    }
    current = lean.search(term, options).then(function (found) {
      // Results that only matched a prefix Pagefind put in place of a missing word are dropped.
      return query ? window.M4CSearch.honest(lean, query, found, PAGE)
        : { results: found.results, unknown: [], keep: function () { return true; } };
    });
    current.then(function (fair) {
      if (ticket !== asked) return;
      pending = fair.results.slice();
      keep = fair.keep;
      total = pending.length;
      shown = 0;
      read = 0;
      var nothing = total === 0 && fair.unknown.length > 0;
      showClose(ticket, total === 0 ? query : "");
      return renderPage(query, ticket, function () {
        list.textContent = "";
        if (!lessons) setCount(nothing ? box.dataset.nothing.replace("{query}", query) : counted(total));
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

  // What the list's download (m4c-takeaway.js) takes while words are searched: the addresses
  // of every result the list shows, once "more" has shown them all, in its order (the
  // explorer's: of every record found in every mission found).
  window.M4CList = {
    found: function () {
      if (!current) return Promise.reject(new Error("no search yet"));
      return current.then(function (fair) {
        return Promise.all(fair.results.map(function (r) { return r.data(); })).then(function (pages) {
          var addresses = [];
          pages.filter(fair.keep).forEach(function (page) {
            if (!lessons) { addresses.push(page.url); return; }
            recordsOf(page).forEach(function (record) { addresses.push(page.url + "#" + record.id); });
          });
          return addresses;
        });
      });
    }
  };

  var wanted = new URLSearchParams(window.location.search);
  input.value = wanted.get("q") || "";
  var asking = Boolean(input.value.trim()) || facets.some(function (f) { return wanted.has(f.dataset.facet); });
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
        shared.build(function (name) { return Object.keys(totals[name] || {}); }, wanted);
        run();
      });
    }).catch(failed);
  }
  if (asking) start();
  window.M4CSearch.wire(form, facets, start, run);
  more.addEventListener("click", function () { renderPage(input.value.trim(), asked); });
})();
