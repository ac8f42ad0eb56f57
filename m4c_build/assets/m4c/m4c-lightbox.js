/* A small lightbox for mission photos: the link opens the full image in a <dialog>. */
(function () {
  "use strict";
  var links = document.querySelectorAll("a.m4c-lightbox");
  if (!links.length || typeof HTMLDialogElement !== "function") return;
  var dialog = document.createElement("dialog");
  dialog.className = "m4c-lightbox-dialog";
  var figure = document.createElement("figure");
  var img = document.createElement("img");
  var caption = document.createElement("figcaption");
  var close = document.createElement("button");
  close.type = "button";
  close.className = "m4c-lightbox-close";
  close.setAttribute("aria-label", "×");
  close.textContent = "×";
  figure.appendChild(img);
  figure.appendChild(caption);
  dialog.appendChild(close);
  dialog.appendChild(figure);
  document.body.appendChild(dialog);
  close.addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var thumb = link.querySelector("img");
      img.src = link.href;
      img.alt = thumb ? thumb.alt : "";
      caption.textContent = link.getAttribute("data-caption") || "";
      dialog.showModal();
    });
  });
})();
