// "Copy" buttons: shown only where the clipboard is available; copy the target's text.
// The messages come translated in the button's data-copied-message and data-failed-message.
document.querySelectorAll("[data-copy-target]").forEach(function (button) {
  if (!navigator.clipboard) return;
  var target = document.getElementById(button.dataset.copyTarget);
  var status = button.parentElement.querySelector("[role=status]");
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(target.textContent.trim()).then(
      function () { if (status) status.textContent = button.dataset.copiedMessage; },
      function () { if (status) status.textContent = button.dataset.failedMessage; }
    );
  });
});
