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

  // Everything below is built with the DOM: names and addresses read from the page are set as
  // text and attributes, never parsed as HTML (Leaflet takes elements for icons and tooltips).
  function element(tag, cls) {
    var node = document.createElement(tag);
    node.className = cls;
    return node;
  }

  // Leaflet's own attribution control writes its text as HTML: the credit is shown by this
  // control instead, as text, where Leaflet puts its own.
  function credit(L) {
    var Credit = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var box = element("div", "leaflet-control-attribution leaflet-control");
        box.textContent = attribution;
        return box;
      }
    });
    return new Credit();
  }

  function marker(L, city, ll) {
    var name = city.getAttribute("aria-label") || "";
    var href = city.getAttribute("href");
    var dot = element(href ? "a" : "span", "m4c-tilemarker__link");
    if (href) {
      dot.setAttribute("href", href);
      dot.setAttribute("aria-label", name);
    }
    var label = element("span", "m4c-tilemarker__name");
    label.textContent = name;
    return L.marker(ll, { keyboard: false, icon: L.divIcon({ className: "m4c-tilemarker", html: dot, iconSize: [14, 14] }) })
      .bindTooltip(label, { direction: "auto", className: "m4c-tiletip" });  // the side with room
  }

  function draw(L, figure) {
    var cities = Array.prototype.slice.call(figure.querySelectorAll(".m4c-worldmap__city"));
    if (!cities.length) return;
    var box = element("div", "m4c-worldmap__tiles");
    figure.appendChild(box);
    var map = L.map(box, { scrollWheelZoom: false, worldCopyJump: true, keyboard: false, attributionControl: false });
    var layer = L.tileLayer(tiles, { maxZoom: 18 });
    layer.once("tileload", function () {  // a tile came: the tile markers now stand for the basemap
      box.classList.add("is-ready");
      var svg = figure.querySelector("svg");
      if (svg) svg.setAttribute("aria-hidden", "true");
      cities.forEach(function (city) { if (city.hasAttribute("href")) city.setAttribute("tabindex", "-1"); });
    });
    layer.addTo(map);
    if (attribution) credit(L).addTo(map);
    var bounds = [];
    var focus = [];
    cities.forEach(function (city) {
      var ll = (city.getAttribute("data-ll") || "").split(",").map(Number);
      marker(L, city, ll).addTo(map);
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
