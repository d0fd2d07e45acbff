// The side-by-side comparison: redraws the two tables when a state is picked.
//
// The data comes from data.js beside the page (window.coverguideCompare),
// written at build time, so this works from disk with no server and no
// fetch. The page is complete without this script: it shows its first two
// states. The markup built here mirrors the `cell` and `service_list`
// macros in templates/compare_macros.html; change both together.
//
// The address remembers the pair as #wa-vs-or; #with-wa (a state home's
// link) picks the first state only.
(function () {
  'use strict';

  var data = window.coverguideCompare;
  var pickA = document.getElementById('pick-a');
  var pickB = document.getElementById('pick-b');
  var status = document.getElementById('pair-status');
  var result = document.getElementById('pair-result');
  if (!data || !pickA || !pickB || !result) return;

  function byCode(code) {
    for (var i = 0; i < data.states.length; i++) {
      if (data.states[i].code === code) return data.states[i];
    }
    return null;
  }

  // el('a', {href: x}, [children...]): text children are text nodes, so
  // nothing from the data is ever parsed as HTML.
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    var k;
    for (k in attrs || {}) {
      if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function sources(list) {
    var span = el('span', { class: 'cmp-sources' });
    if (list.length === 0) span.appendChild(el('span', { class: 'cmp-nosource' }, ['No source cited']));
    list.forEach(function (s, i) {
      var hidden = ': ' + s.title + (s.locator ? ' (' + s.locator + ')' : '');
      span.appendChild(el('a', { href: s.url }, ['Source', el('span', { class: 'visually-hidden' }, [hidden])]));
      span.appendChild(document.createTextNode(', '));
      span.appendChild(el('span', { class: 'as-of' }, [s.as_of === 'undated' ? 'undated' : 'as of ' + s.as_of]));
      if (i < list.length - 1) span.appendChild(document.createTextNode('; '));
    });
    return span;
  }

  function cell(c) {
    var div = el('div', { class: 'cmp is-' + c.class });
    if (c.status === 'not_documented') {
      div.appendChild(el('p', { class: 'cmp-answer' }, [el('span', { class: 'cmp-value undocumented' }, ['Not documented'])]));
    } else if (c.groups.length === 1) {
      div.appendChild(
        el('p', { class: 'cmp-answer' }, [
          el('span', { class: 'cmp-value' }, [c.groups[0].value]),
          ' ',
          sources(c.groups[0].sources),
        ]),
      );
    } else {
      div.appendChild(el('p', { class: 'cmp-answer' }, [el('span', { class: 'cmp-value cmp-flag' }, [c.value + ':'])]));
      var ul = el('ul', { class: 'cmp-groups' });
      c.groups.forEach(function (g) {
        ul.appendChild(el('li', {}, [el('span', { class: 'cmp-group-value' }, [g.value]), ' ', sources(g.sources)]));
      });
      div.appendChild(ul);
    }
    c.context.forEach(function (e) {
      var lead = e.superseded ? 'Earlier, superseded: ' + e.value + (e.as_of === 'undated' ? ', undated. ' : ', as of ' + e.as_of + '. ') : 'Also stated: ' + e.value + '. ';
      div.appendChild(el('p', { class: 'cmp-context' }, [lead, sources(e.sources)]));
    });
    if (c.illustrative) div.appendChild(el('span', { class: 'tag-illustrative' }, ['Illustrative']));
    return div;
  }

  function serviceList(list) {
    if (!list || list.length === 0) return el('span', { class: 'undocumented' }, ['No services in this catalog']);
    var ul = el('ul', { class: 'pair-services' });
    list.forEach(function (s) {
      var li = el('li', {}, [el('a', { href: s.href }, [s.name])]);
      if (s.codes.length) {
        li.appendChild(document.createTextNode(' '));
        li.appendChild(el('span', { class: 'codes' }, [s.codes.join(', ')]));
      }
      if (s.illustrative) {
        li.appendChild(document.createTextNode(' '));
        li.appendChild(el('span', { class: 'tag-illustrative' }, ['Illustrative']));
      }
      ul.appendChild(li);
    });
    return ul;
  }

  function services(state, id) {
    for (var i = 0; i < state.categories.length; i++) {
      if (state.categories[i].id === id) return state.categories[i].services;
    }
    return [];
  }

  function head(a, b, linked) {
    var name = function (s) {
      return linked ? el('a', { href: s.href }, [s.name]) : s.name;
    };
    return el('thead', {}, [
      el('tr', {}, [
        el('th', { scope: 'col' }, [linked ? 'Policy' : 'Category']),
        el('th', { scope: 'col', 'data-side': 'a' }, [name(a)]),
        el('th', { scope: 'col', 'data-side': 'b' }, [name(b)]),
      ]),
    ]);
  }

  function draw(a, b) {
    var dims = document.getElementById('pair-dims');
    var table = el('table', { class: 'pair-table', id: 'pair-dims' }, [
      el('caption', { id: 'pair-dims-caption' }, [a.name + ' and ' + b.name + ', policy by policy']),
      head(a, b, true),
    ]);
    var body = el('tbody');
    data.dims.forEach(function (d, i) {
      body.appendChild(
        el('tr', { 'data-dimension': d.key }, [
          el('th', { scope: 'row' }, [el('a', { href: d.href }, [d.label])]),
          el('td', { 'data-side': 'a', 'data-status': a.cells[i].status }, [cell(a.cells[i])]),
          el('td', { 'data-side': 'b', 'data-status': b.cells[i].status }, [cell(b.cells[i])]),
        ]),
      );
    });
    table.appendChild(body);
    dims.parentNode.replaceChild(table, dims);

    var svc = document.getElementById('pair-services');
    var table2 = el('table', { class: 'pair-table', id: 'pair-services' }, [
      el('caption', { id: 'pair-services-caption' }, [a.name + ' and ' + b.name + ', services by category']),
      head(a, b, false),
    ]);
    var body2 = el('tbody');
    data.categories.forEach(function (c) {
      var sa = services(a, c.id);
      var sb = services(b, c.id);
      if (sa.length === 0 && sb.length === 0) return;
      body2.appendChild(
        el('tr', { 'data-category': c.id }, [
          el('th', { scope: 'row' }, [c.label]),
          el('td', { 'data-side': 'a' }, [serviceList(sa)]),
          el('td', { 'data-side': 'b' }, [serviceList(sb)]),
        ]),
      );
    });
    table2.appendChild(body2);
    svc.parentNode.replaceChild(table2, svc);
    var none = document.getElementById('pair-no-services');
    if (body2.children.length === 0 && !none) {
      table2.parentNode.parentNode.insertBefore(
        el('p', { id: 'pair-no-services', class: 'undocumented' }, ['Neither state has services in this catalog.']),
        table2.parentNode.nextSibling,
      );
    } else if (body2.children.length > 0 && none) {
      none.parentNode.removeChild(none);
    }
    status.textContent = 'Showing ' + a.name + ' and ' + b.name + '.';
  }

  function other(code) {
    for (var i = 0; i < data.states.length; i++) {
      if (data.states[i].code !== code) return data.states[i].code;
    }
    return code;
  }

  // The pair named in the address, if any: [a, b] with b possibly null.
  function fromHash() {
    var h = location.hash.replace(/^#/, '');
    var m = /^([a-z]{2})-vs-([a-z]{2})$/.exec(h);
    if (m && byCode(m[1]) && byCode(m[2])) return [m[1], m[2]];
    m = /^with-([a-z]{2})$/.exec(h);
    if (m && byCode(m[1])) return [m[1], null];
    return null;
  }

  function apply(pair) {
    if (pair) {
      pickA.value = pair[0];
      pickB.value = pair[1] || (pickB.value === pair[0] ? other(pair[0]) : pickB.value);
    }
    draw(byCode(pickA.value), byCode(pickB.value));
  }

  function remember() {
    try {
      history.replaceState(null, '', '#' + pickA.value + '-vs-' + pickB.value);
    } catch (e) {
      // Some browsers refuse to change the address of a page opened from
      // disk; the choice still works, it is just not in the address.
    }
  }

  function changed() {
    apply(null);
    remember();
  }

  pickA.addEventListener('change', changed);
  pickB.addEventListener('change', changed);
  window.addEventListener('hashchange', function () {
    var pair = fromHash();
    if (pair) apply(pair);
  });
  document.getElementById('pair-form').addEventListener('submit', function (e) {
    e.preventDefault();
  });
  apply(fromHash());
})();
