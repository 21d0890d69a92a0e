// "Copy" buttons: shown only where the clipboard is available; copy the target's text.
document.querySelectorAll("[data-copy-target]").forEach(function (button) {
  if (!navigator.clipboard) return;
  var target = document.getElementById(button.dataset.copyTarget);
  var status = button.parentElement.querySelector("[role=status]");
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(target.textContent.trim()).then(
      function () { if (status) status.textContent = "Citation copied."; },
      function () { if (status) status.textContent = "Copying failed; select the text instead."; }
    );
  });
});
