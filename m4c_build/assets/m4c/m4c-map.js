/* Tiles over the world basemap, only when mkdocs.yml sets the m4c plugin's map_tiles.
   The SVG basemap (with its city links) is the map; this script loads Leaflet when a map
   comes near the screen, lays the tiles over it, and shows them once they have loaded:
   offline, or if the tile server fails, the basemap simply stays. */
(function () {
  "use strict";
  var script = document.currentScript;
  var tiles = script && script.dataset.tiles;
  var figures = document.querySelectorAll(".m4c-worldmap");
  if (!tiles || !figures.length) return;
  var attribution = script.dataset.attribution || "";
  var base = script.src;
  var loading = null;

  function leaflet() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("vendor/leaflet/leaflet.css", base).href;
      document.head.appendChild(css);
      var js = document.createElement("script");
      js.src = new URL("vendor/leaflet/leaflet.js", base).href;
      js.onload = function () { resolve(window.L); };
      js.onerror = reject;
      document.head.appendChild(js);
    });
    return loading;
  }

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span.innerHTML;
  }

  function draw(L, figure) {
    var cities = Array.prototype.slice.call(figure.querySelectorAll(".m4c-worldmap__city"));
    if (!cities.length) return;
    var box = document.createElement("div");
    box.className = "m4c-worldmap__tiles";
    figure.appendChild(box);
    var map = L.map(box, { scrollWheelZoom: false, worldCopyJump: true, keyboard: false });
    var layer = L.tileLayer(tiles, { maxZoom: 18, attribution: text(attribution) });
    layer.once("tileload", function () {  // a tile came: the tile markers now stand for the basemap
      box.classList.add("is-ready");
      var svg = figure.querySelector("svg");
      if (svg) svg.setAttribute("aria-hidden", "true");
      cities.forEach(function (city) { if (city.hasAttribute("href")) city.setAttribute("tabindex", "-1"); });
    });
    layer.addTo(map);
    var bounds = [];
    var focus = [];
    cities.forEach(function (city) {
      var ll = (city.getAttribute("data-ll") || "").split(",").map(Number);
      var name = city.getAttribute("aria-label") || "";
      var href = city.getAttribute("href");
      var html = href ? '<a class="m4c-tilemarker__link" href="' + text(href) + '" aria-label="' + text(name) + '" title="' + text(name) + '"></a>'
                      : '<span class="m4c-tilemarker__link" title="' + text(name) + '"></span>';
      L.marker(ll, { keyboard: false, icon: L.divIcon({ className: "m4c-tilemarker", html: html, iconSize: [14, 14] }) }).addTo(map);
      bounds.push(ll);
      if (/is-(current|highlighted)/.test(city.getAttribute("class") || "")) focus.push(ll);
    });
    map.fitBounds(focus.length ? focus : bounds, { padding: [30, 30], maxZoom: focus.length === 1 ? 9 : 6 });
  }

  function start(figure) {
    leaflet().then(function (L) { draw(L, figure); }, function () { /* the basemap stays */ });
  }

  if (!("IntersectionObserver" in window)) {
    figures.forEach(start);
    return;
  }
  var watcher = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      watcher.unobserve(entry.target);
      start(entry.target);
    });
  }, { rootMargin: "200px" });
  figures.forEach(function (figure) { watcher.observe(figure); });
})();
