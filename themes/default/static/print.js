// "Print this guide". On the printable guide, each button marked data-print
// opens the browser's print dialog, and so does arriving with `?print` in the
// address (the state home's button). On the state home, the button marked
// data-print-guide opens the guide that way. Without script the buttons stay
// hidden: the state home links to the guide, and the guide says to use the
// browser's Print command, which prints the same thing.
(function () {
  'use strict';
  function each(selector, fn) {
    var list = document.querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) fn(list[i]);
  }
  each('[data-print]', function (b) {
    b.hidden = false;
    b.addEventListener('click', function () { window.print(); });
  });
  each('[data-print-guide]', function (b) {
    b.hidden = false;
    b.addEventListener('click', function () { window.location.href = b.getAttribute('data-print-guide'); });
  });
  if (document.querySelector('[data-print]') && /[?&]print(=|&|$)/.test(window.location.search)) {
    window.addEventListener('load', function () { window.print(); });
  }
})();
