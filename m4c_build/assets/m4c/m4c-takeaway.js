/* "Download these results": the list a page shows, as CSV or JSON, made in the browser from the
   open data published beside the pages (site/takeaway.py declares, for each list page, its file
   and the fields each facet of its address matches).

   The CSV keeps the published CSV's header and rows as they are, byte for byte (its columns
   and neutralised cells are those of outputs/opendata.py, their one definition); the JSON keeps
   the published records, with the filter under "filter". The filter is also in the file's name.
   Which records: those whose fields match every facet of the address (?theme=tourism: any of a
   facet's values), or, while words are searched (?q=), the results the page's search found
   (window.M4CList.found: m4c-catalogue.js, m4c-board.js), in their order. Nothing is asked of another
   host; the file is a Blob saved through an <a download> (M4CSearch.save, m4c-search.js). */
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".m4c-takeaway[data-takeaway]");
  if (!boxes.length || !window.M4CSearch || !window.fetch || !window.Blob || !window.URL || !window.URLSearchParams) return;
  var save = window.M4CSearch.save;

  // One cell of a CSV (RFC 4180: quoted with doubled quotes, or bare) and what ends it.
  var CELL = /(?:"((?:[^"]|"")*)"|([^",\r\n]*))(,|\r\n|\n|$)/y;

  // The records of a CSV, each its text as written (without its line end) and its cells.
  function parseCsv(text) {
    var rows = [];
    var cells = [];
    var start = 0;
    var pos = 0;
    while (pos < text.length) {
      CELL.lastIndex = pos;
      var found = CELL.exec(text);
      if (!found) throw new Error("not a CSV file");
      cells.push(found[1] !== undefined ? found[1].replace(/""/g, "\"") : found[2]);
      pos = CELL.lastIndex;
      if (found[3] !== ",") {
        rows.push({ raw: text.slice(start, pos - found[3].length), cells: cells });
        cells = [];
        start = pos;
        if (!found[3]) break;
      }
    }
    return rows;
  }

  // The facets of the address that the list declares: {theme: ["tourism"]}; and its words.
  function wanted(declaration) {
    var params = new URLSearchParams(window.location.search);
    var filter = {};
    var q = (params.get("q") || "").trim();
    if (q) filter.q = q;
    Object.keys(declaration.facets).forEach(function (name) {
      var values = params.getAll(name).filter(Boolean);
      if (values.length) filter[name] = values;
    });
    return filter;
  }

  // Does a record match every facet of ``filter``? ``valuesOf(field)`` gives a field's values.
  function matches(declaration, filter, valuesOf) {
    return Object.keys(declaration.facets).every(function (name) {
      var picked = filter[name];
      if (!picked) return true;
      var facet = declaration.facets[name];
      return facet.fields.some(function (field) {
        return valuesOf(field).some(function (value) {
          return picked.indexOf(facet.year ? value.slice(0, 4) : value) >= 0;
        });
      });
    });
  }

  // An address from the site's root ('missions/x/#lesson-2'): a result's less the folder the
  // data file is in, and a record's ``url`` less the site's address it was published with.
  function fromRoot(url, root) {
    return root && url.indexOf(root) === 0 ? url.slice(root.length) : url;
  }

  // The site's address in the records' ``url`` (the open data's, which may not be the one the
  // page is read at: a preview), found from one record the search found.
  function rootOf(urls, keys) {
    var key = keys[0];
    var url = urls.find(function (u) { return u === key || u.slice(-key.length - 1) === "/" + key; });
    return url === undefined ? "" : url.slice(0, url.length - key.length);
  }

  function fileName(declaration, filter) {
    var parts = [declaration.name, document.documentElement.lang || ""];
    Object.keys(filter).forEach(function (name) {
      var values = name === "q" ? [filter.q] : filter[name];
      parts.push(name, values.join("+"));
    });
    var name = parts.filter(Boolean).join("-").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^a-z0-9+]+/g, "-").replace(/^-+|-+$/g, "");
    return name.slice(0, 150).replace(/-+$/, "");
  }

  function csvFile(text, declaration, filter, keys) {
    var rows = parseCsv(text.charAt(0) === "\ufeff" ? text.slice(1) : text);
    var header = rows.shift();
    var column = {};
    header.cells.forEach(function (name, i) { column[name] = i; });
    var sep = declaration.separator;
    var chosen = pick(rows, keys, function (row) {
      return row.cells[column.url];
    }, function (row) {
      return matches(declaration, filter, function (field) {
        var cell = row.cells[column[field]] || "";
        return cell === "" ? [] : cell.split(sep);
      });
    });
    // The published dialect: a byte-order mark, CRLF after every record.
    return "\ufeff" + [header].concat(chosen).map(function (row) { return row.raw + "\r\n"; }).join("");
  }

  function jsonFile(data, declaration, filter, keys) {
    var chosen = pick(data[declaration.records], keys, function (record) {
      return record.url;
    }, function (record) {
      return matches(declaration, filter, function (field) {
        var value = record[field];
        return (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]).map(String);
      });
    });
    // The published file's head as it is (version, language, source; the board's 'today'), and the filter.
    var head = {};
    Object.keys(data).forEach(function (key) { if (key !== declaration.records) head[key] = data[key]; });
    head.filter = filter;
    // One record a line, as the published file.
    return JSON.stringify(head).slice(0, -1) + ", " + JSON.stringify(declaration.records) + ": [\n" +
      chosen.map(function (record) { return JSON.stringify(record); }).join(",\n") + "\n]}\n";
  }

  // The records the search found (``keys``: their addresses from the site's root, in its
  // order), else those matching. ``urlOf``: a record's published address.
  function pick(records, keys, urlOf, match) {
    if (!keys) return records.filter(match);
    if (!keys.length) return [];
    var root = rootOf(records.map(urlOf), keys);
    var by = new Map();
    records.forEach(function (record) { by.set(fromRoot(urlOf(record), root), record); });
    return keys.map(function (key) { return by.get(key); }).filter(Boolean);
  }

  function found(filter) {
    var list = window.M4CList;
    if (!filter.q || !list) return Promise.resolve(null);
    return list.found();
  }

  Array.prototype.forEach.call(boxes, function (box) {
    var declaration = JSON.parse(box.dataset.takeaway);
    var status = box.querySelector(".m4c-takeaway__status");
    var busy = false;
    box.hidden = false;
    box.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-format]");
      if (!button || busy) return;
      var format = button.dataset.format;
      var filter = wanted(declaration);
      var address = new URL(declaration.files[format], window.location.href).href;
      var here = address.slice(0, address.length - declaration.paths[format].length);
      var name = fileName(declaration, filter) + "." + format;
      busy = true;
      box.setAttribute("aria-busy", "true");
      status.textContent = box.dataset.making;
      Promise.all([found(filter), fetch(address).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return format === "csv" ? response.text() : response.json();
      })]).then(function (both) {
        var keys = both[0] && both[0].map(function (url) { return fromRoot(new URL(url, window.location.href).href, here); });
        if (format === "csv") save(csvFile(both[1], declaration, filter, keys), "text/csv;charset=utf-8", name);
        else save(jsonFile(both[1], declaration, filter, keys), "application/json", name);
      }).then(function () {
        status.textContent = box.dataset.done.replace("{name}", name);
      }).catch(function () {
        status.textContent = box.dataset.failed;
      }).then(function () {
        busy = false;
        box.removeAttribute("aria-busy");
      });
    });
  });
})();
