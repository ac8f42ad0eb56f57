/* "Cite this report" (mission.html): each format's text is in the page, readable and selectable
   without a script; this adds, beside each, a button that copies it and one that saves it as a
   file (<slug>.bib, .ris, .csl.json) for a reference manager (M4CSearch.save, m4c-search.js). */
(function () {
  "use strict";
  var box = document.querySelector(".m4c-cite");
  if (!box || !window.M4CSearch || !window.Blob) return;
  var status = box.querySelector(".m4c-cite__status");
  Array.prototype.forEach.call(box.querySelectorAll(".m4c-cite__format"), function (format) {
    var text = format.querySelector("pre").textContent;
    var copy = format.querySelector("button[data-copy]");
    var save = format.querySelector("button[data-save]");
    save.hidden = false;
    save.addEventListener("click", function () {
      window.M4CSearch.save(text, save.dataset.type, save.dataset.save);
      status.textContent = box.dataset.saved.replace("{name}", save.dataset.save);
    });
    if (!navigator.clipboard) return;
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(text).then(function () {
        status.textContent = box.dataset.copied.replace("{format}", copy.dataset.copy);
      }, function () {
        status.textContent = "";
      });
    });
  });
})();
