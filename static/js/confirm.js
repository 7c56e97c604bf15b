// A form with data-confirm asks before it is sent: irreversible steps (approve, share,
// accept, delete) say what will happen and go ahead only when the person agrees.
document.addEventListener("submit", function (event) {
  var message = event.target.dataset && event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
