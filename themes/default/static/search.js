// coverguide search: the state search pages (/<st>/search/) and the national
// one (/search/). Loaded only by those pages, after MiniSearch.
//
// The documents and their terms come from `coverguide build` (src/search/):
// each state's file, search/<st>.js, pushes its documents onto
// self.coverguideSearchData, which a page opened from disk can load where it
// could not fetch JSON. This script normalizes the query exactly as the Rust
// side normalizes documents (queryTerms below mirrors
// src/search/normalize.rs; tests/search_terms.rs holds them to the same
// output), indexes the documents with MiniSearch, and renders results and
// facet counts. National search first loads search/directory.js, which lists
// the files holding each term, and then only the files a query can match.
(function () {
  'use strict';

  // ------------------------------------------------------ normalization

  const STOP_WORDS = new Set([
    'a', 'an', 'and', 'are', 'as', 'at', 'be', 'been', 'but', 'by', 'can', 'do', 'does', 'for', 'from', 'has', 'have',
    'if', 'in', 'into', 'is', 'it', 'its', 'may', 'must', 'no', 'not', 'of', 'on', 'or', 'so', 'such', 'than', 'that',
    'the', 'their', 'them', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'were', 'when', 'which', 'who',
    'will', 'with',
  ]);

  const WORD = /^[\p{Alphabetic}\p{N}]$/u;
  const SPACE = /^\p{White_Space}$/u;
  const isWordChar = (c) => c !== undefined && WORD.test(c);
  const isDash = (c) => c === '-' || c === '\u2010' || c === '\u2011' || c === '\u2012' || c === '\u2013' || c === '\u2014' || c === '\u2212';
  const isIcdCategory = (s) => /^[a-z][0-9][0-9a-z]$/.test(s);
  const isIcdTail = (s) => /^[0-9a-z]{1,4}$/.test(s);
  const isBillingCode = (s) => /^([0-9]{5}|[0-9]{4}[a-z]|[a-z][0-9]{4})$/.test(s);
  const isModifier = (s) => /^[0-9a-z]{2}$/.test(s);

  function fold(text) {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  }

  function matchDc(chars, i) {
    while (i < chars.length && (chars[i] === ':' || chars[i] === ' ' || isDash(chars[i]))) i++;
    if (chars[i] !== '0') return null;
    i++;
    while (chars[i] === ' ') i++;
    if (!isDash(chars[i])) return null;
    i++;
    while (chars[i] === ' ') i++;
    let word;
    let len;
    if (chars[i] === '5') [word, len] = ['dc05', 1];
    else if (chars[i] === '3' && chars[i + 1] === 'r') [word, len] = ['dc03r', 2];
    else if (chars[i] === '3') [word, len] = ['dc03', 1];
    else return null;
    const end = i + len;
    if (isWordChar(chars[end])) return null;
    return [word, end];
  }

  function joinDc(text) {
    const chars = Array.from(text);
    let out = '';
    let i = 0;
    while (i < chars.length) {
      const atWordStart = i === 0 || !isWordChar(chars[i - 1]);
      if (atWordStart && chars[i] === 'd' && chars[i + 1] === 'c') {
        const m = matchDc(chars, i + 2);
        if (m) {
          out += ' ' + m[0] + ' ';
          i = m[1];
          continue;
        }
      }
      out += chars[i];
      i++;
    }
    return out;
  }

  function tokens(folded) {
    const chars = Array.from(joinDc(folded));
    const out = [];
    let cur = '';
    let sep = null;
    let pending = null;
    let i = 0;
    while (i < chars.length) {
      const c = chars[i];
      if (isWordChar(c)) {
        if (cur === '') {
          sep = pending;
          pending = null;
        }
        cur += c;
        i++;
        continue;
      }
      if (c === '.' && isIcdCategory(cur)) {
        let tail = '';
        for (let j = i + 1; j < chars.length && isWordChar(chars[j]); j++) tail += chars[j];
        if (isIcdTail(tail)) {
          out.push({ text: cur + tail, sep, dottedIcd: true });
          cur = '';
          i += 1 + Array.from(tail).length;
          continue;
        }
      }
      if (cur !== '') {
        out.push({ text: cur, sep, dottedIcd: false });
        cur = '';
      }
      const kind = SPACE.test(c) ? ' ' : isDash(c) ? '-' : '?';
      if (pending === null || pending === ' ') pending = kind;
      else if (pending === '-' && kind === ' ') pending = '-';
      else pending = kind === ' ' ? pending : '?';
      i++;
    }
    if (cur !== '') out.push({ text: cur, sep, dottedIcd: false });
    return out;
  }

  function icdTerms(flat) {
    const out = [flat];
    for (let len = flat.length - 1; len >= 3; len--) out.push(flat.slice(0, len));
    return out;
  }

  // mode: 'document' or 'query', as in normalize.rs.
  function terms(text, mode) {
    const folded = fold(text);
    const toks = tokens(folded);
    const lastChar = Array.from(folded).pop();
    const typing = mode === 'query' && (lastChar === undefined || isWordChar(lastChar));
    const out = [];
    let i = 0;
    while (i < toks.length) {
      const t = toks[i];
      const last = i + 1 === toks.length;
      i++;
      if (t.dottedIcd) {
        if (mode === 'document') out.push(...icdTerms(t.text));
        else out.push(t.text);
        continue;
      }
      if (isBillingCode(t.text)) {
        out.push(t.text);
        while (i < toks.length) {
          const next = toks[i];
          const joined = next.sep === '-' || (next.sep === ' ' && mode === 'query');
          if (!(joined && isModifier(next.text))) break;
          out.push(t.text + next.text);
          i++;
        }
        continue;
      }
      if (/^[\x00-\x7f]*$/.test(t.text) && t.text.length > 5 && t.text.length % 2 === 1 && isBillingCode(t.text.slice(0, 5))) {
        const code = t.text.slice(0, 5);
        const rest = t.text.slice(5);
        const mods = rest.match(/.{2}/g) || [];
        if (mods.every((m) => /^[0-9a-z]{2}$/.test(m))) {
          out.push(code);
          for (const m of mods) out.push(code + m);
          continue;
        }
      }
      if (!(typing && last)) {
        if (STOP_WORDS.has(t.text)) continue;
        const chars = Array.from(t.text);
        if (chars.length === 1 && !/^\p{N}$/u.test(t.text)) continue;
      }
      out.push(t.text);
    }
    return out;
  }

  function queryTerms(query) {
    const seen = new Set();
    return terms(query, 'query').filter((t) => !seen.has(t) && seen.add(t));
  }

  // Exposed for tests/search_terms.rs (run under Node) and for debugging.
  const api = { queryTerms, documentTerms: (t) => terms(t, 'document'), fold };
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (typeof document === 'undefined') return;

  // ------------------------------------------------------------- set-up

  const app = document.getElementById('search-app');
  const nojs = document.getElementById('search-nojs');
  if (!app) return;
  if (typeof MiniSearch === 'undefined') {
    const why = nojs && nojs.querySelector('.nojs-reason');
    if (why) why.textContent = 'Search could not start in this browser.';
    return;
  }
  window.coverguideSearch = api;

  const FIELDS = ['name', 'codes', 'keywords', 'diagnoses', 'body'];
  // A code or a service's name outranks a passing mention in a long text.
  const BOOST = { name: 6, codes: 8, keywords: 2, diagnoses: 2, body: 1 };
  // Between equally good matches, a service comes first.
  const KIND_BOOST = { service: 1.5, crosswalk: 1.3, guidance: 1, fact: 0.9, state: 0.9 };
  const KIND_LABEL = { service: 'Service', crosswalk: 'Crosswalk row', guidance: 'Guidance', fact: 'Cited fact', state: 'State overview' };
  const PAGE = 25;
  // National search loads one state file until it has a result to show,
  // then this many at a time: the first result waits for one file, not for
  // every file a query matches.
  const PARALLEL_LOADS = 3;
  const NATIONAL = app.dataset.scope === 'national';

  const $ = (id) => document.getElementById(id);
  const input = $('search-q');
  const form = $('search-form');
  const list = $('search-results');
  const more = $('search-more');
  const status = $('search-status');
  const live = $('search-live');
  const clear = $('search-clear');
  const nationalLink = $('search-national');
  const root = app.dataset.root || '';
  const groups = [...document.querySelectorAll('#search-facets fieldset[data-group]')].map((fs) => fs.dataset.group);

  const hasDigit = (t) => /[0-9]/.test(t);
  const searchOptions = (combineWith) => ({
    boost: BOOST,
    combineWith,
    // Prefixes from two characters (`assess` finds assessment); typos in
    // words of five letters or more, never in codes (90791 is not 90792).
    prefix: (term) => term.length >= 2,
    fuzzy: (term) => (hasDigit(term) || term.length < 5 ? false : 0.2),
    maxFuzzy: 2,
  });

  const index = new MiniSearch({
    fields: FIELDS,
    idField: 'id',
    extractField: (doc, field) => (field === 'id' ? doc.id : doc.x[FIELDS.indexOf(field)]),
    tokenize: (s) => s.split(' '),
    processTerm: (t) => t || null,
  });

  // id -> document (with .id, .shard, .order added)
  const docs = new Map();
  // shard key -> { key, name, labels, state: 'loading'|'loaded'|'failed', promise }
  const shards = new Map();
  // group -> Map(key -> label), merged over loaded shards
  const labels = new Map(groups.map((g) => [g, new Map()]));
  let shardOrder = [];
  let directory = null;
  let directoryIndex = null;

  function accept(data) {
    if (!data || data.v !== 1 || !Array.isArray(data.docs)) return;
    const s = shards.get(data.key) || { key: data.key };
    if (s.state === 'loaded') return;
    s.name = data.name;
    s.state = 'loaded';
    shards.set(data.key, s);
    const rank = shardOrder.indexOf(data.key);
    const batch = [];
    data.docs.forEach((d, i) => {
      if (NATIONAL && d.dup) return; // the national file has this crosswalk row
      d.id = `${data.key}:${i}`;
      d.shard = data.key;
      d.order = (rank < 0 ? 999 : rank) * 1e6 + i;
      docs.set(d.id, d);
      batch.push(d);
    });
    index.addAll(batch);
    for (const [group, values] of Object.entries(data.labels || {})) {
      const m = labels.get(group);
      if (!m) continue;
      for (const [key, label] of values) if (!m.has(key) || label < m.get(key)) m.set(key, label);
    }
    const st = labels.get('st');
    if (st && !st.has(data.key)) st.set(data.key, data.name);
  }

  const queue = (self.coverguideSearchData = self.coverguideSearchData || []);
  const acceptDirectory = (data) => {
    if (data && data.v === 1 && typeof data.terms === 'string') {
      directory = data;
      shardOrder = data.shards.map((s) => s.key);
      const st = labels.get('st');
      // States by name, the national pages last.
      for (const s of [...data.shards].sort((a, b) => (a.key === 'national') - (b.key === 'national') || a.name.localeCompare(b.name))) {
        st?.set(s.key, s.name);
      }
      return true;
    }
    return false;
  };
  const take = (data) => acceptDirectory(data) || accept(data);
  queue.forEach(take);
  queue.length = 0;
  queue.push = (...items) => {
    items.forEach(take);
    return 0;
  };

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const el = document.createElement('script');
      el.src = src;
      el.async = true;
      el.onload = () => resolve();
      el.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.appendChild(el);
    });
  }

  function loadShard(key, file) {
    let s = shards.get(key);
    if (s && s.promise) return s.promise;
    s = s || { key };
    shards.set(key, s);
    if (s.state === 'loaded') return (s.promise = Promise.resolve());
    s.state = 'loading';
    s.promise = loadScript(root + file).then(
      () => {
        if (s.state !== 'loaded') throw new Error(`${file} held no search data`);
      },
      (e) => {
        s.state = 'failed';
        throw e;
      },
    );
    s.promise.catch(() => {
      s.state = 'failed';
    });
    return s.promise;
  }

  // The shards each query term can match, from the national directory.
  function shardsFor(queryTerms) {
    if (!directoryIndex) {
      directoryIndex = new MiniSearch({
        fields: ['t'],
        idField: 'i',
        extractField: (d, f) => (f === 'i' ? d.i : d.t),
        tokenize: (s) => [s],
        processTerm: (t) => t,
      });
      const terms = directory.terms ? directory.terms.split(' ') : [];
      directoryIndex.addAll(terms.map((t, i) => ({ i, t })));
      directoryIndex.lists = directory.shard_lists ? directory.shard_lists.split(' ') : [];
    }
    const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
    const all = directory.shards.map((s, i) => (s.docs > 0 ? i : -1)).filter((i) => i >= 0);
    return queryTerms.map((t) => {
      const set = new Set();
      const opts = searchOptions('OR');
      delete opts.boost;
      for (const r of directoryIndex.search(t, opts)) {
        const list = directoryIndex.lists[r.id];
        for (const i of list === '*' ? all : Array.from(list, (d) => digits.indexOf(d))) set.add(i);
      }
      return set;
    });
  }

  // ---------------------------------------------------------- URL state

  const selected = new Map(groups.map((g) => [g, new Set()]));

  function readUrl() {
    const p = new URLSearchParams(location.search);
    input.value = p.get('q') || '';
    for (const g of groups) selected.set(g, new Set(p.getAll(g).filter(Boolean)));
  }

  function urlFor() {
    const p = new URLSearchParams();
    if (input.value.trim()) p.set('q', input.value.trim());
    for (const g of groups) for (const k of [...selected.get(g)].sort()) p.append(g, k);
    const qs = p.toString();
    return location.pathname + (qs ? `?${qs}` : '') + location.hash;
  }

  // While typing, the URL follows the box once typing pauses (browsers
  // throttle pages that change history on every key); a facet, Enter or
  // Escape writes it at once, as a new history entry.
  let urlTimer = 0;
  function writeUrl(push) {
    clearTimeout(urlTimer);
    if (!push) {
      urlTimer = setTimeout(() => commitUrl(false), 300);
      return;
    }
    commitUrl(true);
  }

  function commitUrl(push) {
    clearTimeout(urlTimer);
    urlTimer = 0;
    const url = urlFor();
    if (url === location.pathname + location.search + location.hash) return;
    try {
      if (push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    } catch {
      // Some browsers refuse history changes on file:// pages; search still works.
    }
  }

  // ------------------------------------------------------------ searching

  const valuesOf = (doc, group) => (group === 'st' ? [doc.shard] : doc.f[group] || []);
  const passes = (doc, group) => {
    const sel = selected.get(group);
    return sel.size === 0 || valuesOf(doc, group).some((v) => sel.has(v));
  };

  function search(terms) {
    if (terms.length === 0) return { hits: [], any: false };
    const q = terms.join(' ');
    let hits = index.search(q, searchOptions('AND'));
    let any = false;
    if (hits.length === 0 && terms.length > 1) {
      hits = index.search(q, searchOptions('OR'));
      any = hits.length > 0;
    }
    // The kind boost is the same for every term of a document, so it can
    // scale the final score. Equal scores in a fixed order: by file, then
    // document.
    const scored = hits.map((h) => {
      const doc = docs.get(h.id);
      return { doc, score: h.score * (KIND_BOOST[doc.t] ?? 1) };
    });
    scored.sort((a, b) => b.score - a.score || a.doc.order - b.doc.order);
    return { hits: scored.map((h) => h.doc), any };
  }

  // Facet counts: a value's count is the number of results the page would
  // show with that value chosen in its group (other groups as they are).
  function facetCounts(hits) {
    const counts = new Map(groups.map((g) => [g, new Map()]));
    const maps = groups.map((g) => counts.get(g));
    const active = groups.filter((g) => selected.get(g).size > 0);
    for (const doc of hits) {
      // A document counts in every group if it passes all chosen values, or
      // only in the one group whose choice it fails.
      let failed = null;
      let fails = 0;
      for (const g of active) {
        if (!passes(doc, g)) {
          failed = g;
          if (++fails > 1) break;
        }
      }
      if (fails > 1) continue;
      for (let i = 0; i < groups.length; i++) {
        if (fails === 1 && failed !== groups[i]) continue;
        const c = maps[i];
        for (const v of valuesOf(doc, groups[i])) c.set(v, (c.get(v) || 0) + 1);
      }
    }
    return counts;
  }

  // --------------------------------------------------------------- facets

  const facetNodes = new Map(); // `${group}\u0000${key}` -> { li, input, count }

  function facetNode(group, key) {
    const id = `${group}\u0000${key}`;
    let n = facetNodes.get(id);
    if (n) return n;
    const li = document.createElement('li');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `facet-${group}-${key}`;
    box.dataset.group = group;
    box.dataset.key = key;
    const label = document.createElement('label');
    label.htmlFor = box.id;
    const text = document.createElement('span');
    const count = document.createElement('span');
    count.className = 'facet-count';
    label.append(text, ' ', count);
    li.append(box, label);
    n = { li, box, text, count };
    facetNodes.set(id, n);
    return n;
  }

  function renderFacets(counts, show) {
    let any = false;
    for (const fs of document.querySelectorAll('#search-facets fieldset[data-group]')) {
      const g = fs.dataset.group;
      const ul = fs.querySelector('ul');
      const keys = [...labels.get(g).keys()];
      for (const k of selected.get(g)) if (!keys.includes(k)) keys.push(k);
      let visible = 0;
      const wanted = [];
      for (const k of keys) {
        const n = facetNode(g, k);
        const c = counts.get(g).get(k) || 0;
        const on = selected.get(g).has(k);
        n.text.textContent = labels.get(g).get(k) || k;
        n.count.textContent = `(${c})`;
        n.box.checked = on;
        n.li.hidden = !show || (c === 0 && !on);
        if (!n.li.hidden) visible++;
        wanted.push(n.li);
      }
      // Keep DOM order equal to label order without moving focused nodes needlessly.
      wanted.forEach((li, i) => {
        if (ul.children[i] !== li) ul.insertBefore(li, ul.children[i] || null);
      });
      fs.hidden = visible === 0;
      any = any || selected.get(g).size > 0;
    }
    clear.hidden = !any;
  }

  // -------------------------------------------------------------- results

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function result(doc, terms) {
    const li = el('li', 'result');
    const h = el('h3', 'result-title');
    const a = el('a', null, doc.n);
    a.href = root + doc.u;
    h.append(a);
    li.append(h);
    const meta = el('p', 'result-meta');
    const parts = [KIND_LABEL[doc.t] || doc.t, shards.get(doc.shard)?.name || doc.shard];
    if (doc.p) parts.push(doc.p);
    meta.textContent = parts.join(' · ');
    if (doc.il) meta.append(' ', el('span', 'tag-illustrative', 'Illustrative'));
    li.append(meta);
    if (doc.c && doc.c.length) {
      const p = el('p', 'result-codes');
      p.append(doc.t === 'crosswalk' ? 'ICD-10-CM: ' : 'Codes: ');
      const shown = doc.c.slice(0, 12);
      shown.forEach((code, i) => {
        const hit = terms.length && terms.some((t) => documentTermsOf(code).has(t));
        const c = el(hit ? 'mark' : 'span', 'code', code);
        p.append(c);
        if (i + 1 < shown.length) p.append(', ');
      });
      if (doc.c.length > shown.length) p.append(`, and ${doc.c.length - shown.length} more`);
      li.append(p);
    }
    if (doc.m) li.append(el('p', 'result-summary', doc.m));
    return li;
  }

  const codeTermCache = new Map();
  function documentTermsOf(code) {
    let s = codeTermCache.get(code);
    if (!s) codeTermCache.set(code, (s = new Set(terms(code, 'document'))));
    return s;
  }

  // ------------------------------------------------------------ the loop

  let current = { hits: [], shown: 0, terms: [] };
  let seq = 0;
  let announceTimer = 0;
  let renders = 0;

  function describe(count, any, query, loading) {
    if (!query) return NATIONAL ? 'Type a code, a diagnosis or words to search every state.' : 'Type a code, a diagnosis or words.';
    if (loading) return `Searching… ${loading}`;
    const q = `“${query}”`;
    const filtered = groups.some((g) => selected.get(g).size > 0);
    if (count === 0 && filtered) return `No results for ${q} with these filters. Clear a filter, check the spelling or try fewer words.`;
    if (count === 0) return `No results for ${q}. Check the spelling, try fewer words, or search by code.`;
    const n = `${count} result${count === 1 ? '' : 's'}`;
    if (any) return `No result has every word of ${q}; ${n} ${count === 1 ? 'has' : 'have'} some of them.`;
    return `${n} for ${q}${filtered ? ', filtered' : ''}.`;
  }

  function announce(text, now) {
    clearTimeout(announceTimer);
    // Announce once typing pauses, not on every key.
    announceTimer = setTimeout(() => {
      live.textContent = text;
    }, now ? 50 : 700);
  }

  function render(query, found, loading, announceNow) {
    const terms = found.terms;
    const active = groups.filter((g) => selected.get(g).size > 0);
    const filtered = active.length ? found.hits.filter((d) => active.every((g) => passes(d, g))) : found.hits;
    current = { hits: filtered, shown: 0, terms };
    list.replaceChildren();
    showMore();
    renderFacets(facetCounts(found.hits), terms.length > 0);
    const text = describe(filtered.length, found.any, query.trim(), loading);
    status.textContent = text;
    list.setAttribute('aria-busy', loading ? 'true' : 'false');
    if (!loading) announce(text, announceNow);
    if (nationalLink) {
      nationalLink.href = nationalLink.getAttribute('href').split('?')[0] + (query.trim() ? `?q=${encodeURIComponent(query.trim())}` : '');
    }
    renders++;
    app.dataset.query = query.trim();
    app.dataset.complete = loading ? 'false' : 'true';
    app.dataset.results = String(filtered.length);
    app.dataset.renders = String(renders);
    document.dispatchEvent(new CustomEvent('coverguide:search', { detail: { query: query.trim(), results: filtered.length, complete: !loading } }));
  }

  function showMore() {
    const start = current.shown;
    const next = current.hits.slice(start, start + PAGE);
    for (const d of next) list.append(result(d, current.terms));
    current.shown = start + next.length;
    more.hidden = current.shown >= current.hits.length;
    more.textContent = `Show more results (${current.hits.length - current.shown} more)`;
    return next.length;
  }

  function run(announceNow) {
    const query = input.value;
    const terms = queryTerms(query);
    const mine = ++seq;
    if (!NATIONAL || terms.length === 0) {
      const found = search(terms);
      found.terms = terms;
      render(query, found, null, announceNow);
      return;
    }
    if (!directory) {
      render(query, { hits: [], any: false, terms }, 'loading the list of states', announceNow);
      return;
    }
    // Load the files that hold every term; if none has them all, those
    // holding any term, for the fall-back to "some of the words".
    let finished = false;
    const per = shardsFor(terms);
    const every = per.reduce((acc, s) => new Set([...acc].filter((i) => s.has(i))));
    const some = new Set(per.flatMap((s) => [...s]));
    // Loads the wanted files a few at a time, the chosen states first,
    // showing results as each arrives; resolves false if any failed.
    const step = (wanted) => {
      const chosen = selected.get('st') || new Set();
      const keys = [...wanted].sort((a, b) => a - b).map((i) => directory.shards[i]);
      const pending = keys
        .filter((s) => shards.get(s.key)?.state !== 'loaded')
        .sort((a, b) => chosen.has(b.key) - chosen.has(a.key));
      if (pending.length === 0) return Promise.resolve(true);
      let done = keys.length - pending.length;
      let shown = false;
      let frame = 0;
      const partial = () => {
        frame = 0;
        if (mine !== seq || finished) return;
        const found = search(terms);
        found.terms = terms;
        render(query, found, `loaded ${done} of ${keys.length} files`, false);
        shown = shown || current.hits.length > 0;
      };
      // The first results as soon as they are in; later ones once a frame.
      const update = () => {
        if (!shown) partial();
        else if (!frame) frame = requestAnimationFrame(partial);
      };
      partial();
      return new Promise((resolve) => {
        let next = 0;
        let active = 0;
        let ok = true;
        const pump = () => {
          // A newer query takes over; files already loading still arrive.
          if (mine !== seq) return resolve(ok);
          // One file until there is something to show, then a few at a time.
          while (active < (shown ? PARALLEL_LOADS : 1) && next < pending.length) {
            const s = pending[next++];
            active++;
            loadShard(s.key, s.file)
              .catch(() => {
                ok = false;
              })
              .finally(() => {
                active--;
                done++;
                if (done < keys.length) update();
                pump();
              });
          }
          if (active === 0 && next >= pending.length) resolve(ok);
        };
        pump();
      });
    };
    const finish = (ok) => {
      if (mine !== seq) return;
      finished = true;
      const found = search(terms);
      found.terms = terms;
      render(query, found, null, announceNow);
      if (!ok) status.textContent += ' Some search data could not be loaded, so results may be missing.';
    };
    step(every).then((ok) => {
      if (mine !== seq) return;
      const found = search(terms);
      if (found.hits.length === 0 && terms.length > 1 && some.size > every.size) step(some).then(finish);
      else finish(ok);
    });
  }

  // ------------------------------------------------------------- events

  input.addEventListener('input', () => {
    writeUrl(false);
    run(false);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    writeUrl(true);
    run(true);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      const first = list.querySelector('a');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    } else if (e.key === 'Escape' && input.value) {
      e.preventDefault();
      input.value = '';
      writeUrl(true);
      run(true);
    }
  });
  list.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...list.querySelectorAll('.result-title a')];
    const i = links.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowDown' && i + 1 < links.length) links[i + 1].focus();
    else if (e.key === 'ArrowDown' && !more.hidden) more.focus();
    else if (e.key === 'ArrowUp') (i > 0 ? links[i - 1] : input).focus();
  });
  more.addEventListener('click', () => {
    const first = current.shown;
    if (showMore() > 0) list.querySelectorAll('.result-title a')[first]?.focus();
  });
  document.getElementById('search-facets').addEventListener('change', (e) => {
    const box = e.target;
    if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') return;
    const set = selected.get(box.dataset.group);
    if (box.checked) set.add(box.dataset.key);
    else set.delete(box.dataset.key);
    writeUrl(true);
    run(true);
  });
  clear.addEventListener('click', () => {
    for (const g of groups) selected.get(g).clear();
    writeUrl(true);
    run(true);
    input.focus();
  });
  window.addEventListener('popstate', () => {
    clearTimeout(urlTimer);
    readUrl();
    run(true);
  });
  // Leaving for a result before typing paused: Back must bring the query back.
  const flushUrl = () => {
    if (urlTimer) commitUrl(false);
  };
  list.addEventListener('click', flushUrl);
  window.addEventListener('pagehide', flushUrl);

  // -------------------------------------------------------------- start

  readUrl();
  nojs.hidden = true;
  app.hidden = false;
  status.textContent = 'Loading search data…';
  const file = app.dataset.data;
  loadScript(file)
    .then(() => {
      if (NATIONAL && !directory) throw new Error(`${file} held no directory`);
      if (!NATIONAL && docs.size === 0 && shards.size === 0) throw new Error(`${file} held no search data`);
      run(true);
    })
    .catch((e) => {
      status.textContent = `Search data could not be loaded (${e.message}). The A-Z index lists every service and code.`;
      live.textContent = status.textContent;
      app.dataset.complete = 'true';
    });
})();
