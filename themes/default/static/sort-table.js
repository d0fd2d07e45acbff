// Sortable tables, as progressive enhancement: without JavaScript a table
// stays as the page wrote it. For every <table data-sortable>, each column
// heading gets a <button>; pressing it sorts the rows by that column,
// ascending then descending, and marks the heading with aria-sort. A cell's
// data-sort attribute, when present, is the value sorted on. Numbers sort as
// numbers, everything else as text in the page's language.
(function () {
  'use strict';
  var collator = new Intl.Collator(document.documentElement.lang || 'en', { numeric: true, sensitivity: 'base' });

  function key(row, index) {
    var cell = row.cells[index];
    if (!cell) return '';
    var v = cell.getAttribute('data-sort');
    return (v === null ? cell.textContent : v).trim();
  }

  function compare(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== '' && b !== '' && !isNaN(x) && !isNaN(y)) return x - y;
    return collator.compare(a, b);
  }

  function enhance(table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) return;
    var status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    table.parentNode.insertBefore(status, table.nextSibling);
    if (table.caption) {
      var hint = document.createElement('span');
      hint.className = 'sort-hint';
      hint.textContent = ' (select a column heading to sort)';
      table.caption.appendChild(hint);
    }
    Array.prototype.forEach.call(head.cells, function (th, index) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      while (th.firstChild) button.appendChild(th.firstChild);
      var arrow = document.createElement('span');
      arrow.className = 'sort-arrow';
      arrow.setAttribute('aria-hidden', 'true');
      button.appendChild(arrow);
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(head.cells, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        // Stable: equal keys keep the page's order.
        rows = rows.map(function (row, i) { return { row: row, i: i, k: key(row, index) }; });
        rows.sort(function (a, b) { return (ascending ? compare(a.k, b.k) : compare(b.k, a.k)) || a.i - b.i; });
        rows.forEach(function (r) { body.appendChild(r.row); });
        status.textContent = 'Sorted by ' + button.textContent.trim() + ', ' + (ascending ? 'ascending' : 'descending') + '.';
      });
    });
    table.classList.add('is-sortable');
  }

  Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), enhance);
})();
