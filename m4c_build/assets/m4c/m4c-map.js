/* Map of the mission cities on the home page. The list of cities under the map is the
   source of truth and stays usable without JavaScript or tiles. */
(function () {
  "use strict";
  var box = document.getElementById("m4c-map");
  var source = document.getElementById("m4c-map-data");
  if (!box || !source || !window.L) return;
  var points = JSON.parse(source.textContent || "[]");
  if (!points.length) return;
  box.hidden = false;
  var map = L.map(box, { scrollWheelZoom: false, worldCopyJump: true });
  L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
  }).addTo(map);
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.marker([p.lat, p.lon], { title: p.name, alt: p.name, keyboard: true }).addTo(map);
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.name;
    var count = document.createElement("div");
    count.textContent = p.country + " · " + p.count;
    popup.appendChild(link);
    popup.appendChild(count);
    marker.bindPopup(popup);
    bounds.push([p.lat, p.lon]);
  });
  map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6 });
})();
