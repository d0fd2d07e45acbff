#!/usr/bin/env node
// Browser checks for the comparison pages of a site built from the
// comparison fixture (tests/fixtures/compare):
//
//   node tests/browser/compare.mjs --site DIR
//
//   1. the side-by-side page, from file:// and over HTTP under a sub-path:
//      it draws the picked pair from its embedded data, cell by cell;
//      picking with the mouse or the keyboard redraws it; the address
//      remembers the pair and a state home's #with-<st> link preselects;
//      text from the catalog stays text; every link it draws resolves;
//   2. without its script the page shows the same first pair, word for word;
//   3. axe-core WCAG 2.1 A/AA on the comparison pages (after a redraw too),
//      no sideways scrolling at 320 px;
//   4. the tile map: 56 tiles, each with a text alternative, and every
//      catalog state's tile carries a text mark, so it reads without colour.
//
// Prints each failure, then `browser: N passed, M failed`; exits 1 on failure.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, serve } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PAIR = 'compare/side-by-side/';

const args = process.argv.slice(2);
const siteArg = args[args.indexOf('--site') + 1];
if (!args.includes('--site') || !siteArg || !fs.existsSync(path.join(siteArg, PAIR, 'index.html'))) {
  console.error('usage: node compare.mjs --site DIR (a site built from tests/fixtures/compare)');
  process.exit(2);
}
const site = fs.realpathSync(siteArg);

const results = [];
function check(name, problems) {
  results.push([name, problems]);
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}`);
  for (const p of problems) console.log(`    - ${p}`);
}

// Console errors and uncaught exceptions on a page. The browser's own
// favicon request is not the page's doing.
function watch(page) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location()?.url ?? '')) problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}

// What the page shows, row by row, read from the DOM.
function readPair() {
  const val = (td) => td.querySelector('.cmp-answer .cmp-value')?.textContent.trim();
  const groups = (td) => [...td.querySelectorAll('.cmp-group-value')].map((g) => g.textContent.trim());
  return {
    a: document.getElementById('pick-a').value,
    b: document.getElementById('pick-b').value,
    status: document.getElementById('pair-status').textContent.trim(),
    heads: [...document.querySelectorAll('#pair-dims thead th[data-side]')].map((th) => th.textContent.trim()),
    rows: [...document.querySelectorAll('#pair-dims tbody tr')].map((tr) => ({
      dim: tr.dataset.dimension,
      a: { status: tr.querySelector('td[data-side="a"]').dataset.status, value: val(tr.querySelector('td[data-side="a"]')), groups: groups(tr.querySelector('td[data-side="a"]')) },
      b: { status: tr.querySelector('td[data-side="b"]').dataset.status, value: val(tr.querySelector('td[data-side="b"]')), groups: groups(tr.querySelector('td[data-side="b"]')) },
    })),
    categories: [...document.querySelectorAll('#pair-services tbody tr')].map((tr) => ({
      id: tr.dataset.category,
      a: [...tr.querySelectorAll('td[data-side="a"] li a')].map((x) => x.textContent),
      b: [...tr.querySelectorAll('td[data-side="b"] li a')].map((x) => x.textContent),
      aEmpty: !!tr.querySelector('td[data-side="a"] .undocumented'),
      bEmpty: !!tr.querySelector('td[data-side="b"] .undocumented'),
    })),
    hash: location.hash,
    injected: window.__injected,
    imgs: document.querySelectorAll('#pair-result img').length,
    links: [...document.querySelectorAll('#pair-result a[href]')].map((a) => ({ raw: a.getAttribute('href'), url: a.href })),
  };
}

// The answer a cell must show, from the embedded data.
function expectedValue(cell) {
  if (cell.status === 'not_documented') return 'Not documented';
  if (cell.groups.length === 1) return cell.groups[0].value;
  return `${cell.value}:`;
}

async function expectPair(page, a, b, label) {
  const problems = [];
  const data = await page.evaluate(() => window.coverguideCompare);
  if (!data) return [`${label}: window.coverguideCompare is not defined (data.js did not load)`];
  const shown = await page.evaluate(readPair);
  const A = data.states.find((s) => s.code === a);
  const B = data.states.find((s) => s.code === b);
  if (shown.a !== a || shown.b !== b) problems.push(`${label}: picked ${shown.a}/${shown.b}, expected ${a}/${b}`);
  if (shown.status !== `Showing ${A.name} and ${B.name}.`) problems.push(`${label}: status says "${shown.status}"`);
  if (shown.heads.join('|') !== `${A.name}|${B.name}`) problems.push(`${label}: column heads ${shown.heads.join('|')}`);
  if (shown.rows.length !== data.dims.length) problems.push(`${label}: ${shown.rows.length} rows, expected ${data.dims.length}`);
  data.dims.forEach((d, i) => {
    const row = shown.rows[i];
    if (!row || row.dim !== d.key) return problems.push(`${label}: row ${i} is ${row?.dim}, expected ${d.key}`);
    for (const [side, st] of [['a', A], ['b', B]]) {
      const cell = st.cells[i];
      const got = row[side];
      const want = { status: cell.status, value: expectedValue(cell), groups: cell.groups.length > 1 ? cell.groups.map((g) => g.value) : [] };
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${label}: ${st.code} ${d.key} shows ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
  });
  const cats = data.categories
    .map((c) => ({ c, sa: A.categories.find((x) => x.id === c.id)?.services ?? [], sb: B.categories.find((x) => x.id === c.id)?.services ?? [] }))
    .filter(({ sa, sb }) => sa.length || sb.length);
  if (shown.categories.map((c) => c.id).join() !== cats.map(({ c }) => c.id).join()) {
    problems.push(`${label}: categories ${shown.categories.map((c) => c.id)} expected ${cats.map(({ c }) => c.id)}`);
  }
  cats.forEach(({ c, sa, sb }, i) => {
    const got = shown.categories[i];
    if (!got) return;
    if (got.a.join('|') !== sa.map((s) => s.name).join('|') || got.aEmpty !== (sa.length === 0)) problems.push(`${label}: ${c.id} for ${a}: ${JSON.stringify(got.a)}`);
    if (got.b.join('|') !== sb.map((s) => s.name).join('|') || got.bEmpty !== (sb.length === 0)) problems.push(`${label}: ${c.id} for ${b}: ${JSON.stringify(got.b)}`);
  });
  if (shown.injected !== undefined || shown.imgs) problems.push(`${label}: markup in catalog text became elements (img: ${shown.imgs})`);
  return problems;
}

// Relative links drawn by the script point at files that exist.
function linkProblems(links, label, toFile) {
  const problems = [];
  for (const { raw, url } of links) {
    if (/^https?:/.test(raw)) continue;
    const file = toFile(url.split('#')[0]);
    if (!file || !fs.existsSync(file)) problems.push(`${label}: href="${raw}" does not resolve (${file})`);
  }
  return problems;
}

async function sidebyside(ctx, base, label, toFile) {
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await page.goto(`${base}${PAIR}index.html`);
    problems.push(...(await expectPair(page, 'nm', 'or', `${label} first load`)));

    // Pick with the mouse: Washington, then Oregon.
    await page.selectOption('#pick-a', 'wa');
    await page.selectOption('#pick-b', 'or');
    problems.push(...(await expectPair(page, 'wa', 'or', `${label} after picking`)));
    const shown = await page.evaluate(readPair);
    const cell = (dim, side) => shown.rows.find((r) => r.dim === dim)[side];
    // Known answers from the fixture, independent of the data file.
    const known = [
      ['telehealth', 'a', 'documented', 'Yes'],
      ['telehealth', 'b', 'varies_by_service', 'Varies by service:'],
      ['dc05', 'a', 'not_documented', 'Not documented'],
      ['dc05', 'b', 'sources_disagree', 'Sources disagree:'],
      ['pre_diagnosis_sessions', 'a', 'documented', '3 to 5'],
      ['pre_diagnosis_sessions', 'b', 'documented', '5'],
      ['delivery_system', 'a', 'documented', 'managed care'],
      ['delivery_system', 'b', 'documented', 'Managed care and fee-for-service'],
    ];
    for (const [dim, side, status, value] of known) {
      const c = cell(dim, side);
      if (c.status !== status || c.value !== value) problems.push(`${label}: ${dim} ${side} is ${c.status} "${c.value}", expected ${status} "${value}"`);
    }
    if (cell('dc05', 'b').groups.join('|') !== 'Required|Allowed') problems.push(`${label}: OR dc05 groups ${cell('dc05', 'b').groups}`);
    const dyadic = shown.categories.find((c) => c.id === 'dyadic');
    if (!dyadic?.aEmpty || dyadic.b[0] !== 'Fixture dyadic <img src=x onerror="window.__injected=1"> therapy & more') {
      problems.push(`${label}: dyadic row ${JSON.stringify(dyadic)}`);
    }
    if (shown.hash !== '#wa-vs-or') problems.push(`${label}: address is ${shown.hash}, expected #wa-vs-or`);
    problems.push(...linkProblems(shown.links, label, toFile));

    // Pick with the keyboard: focus the second list and move down one.
    await page.focus('#pick-b');
    await page.keyboard.press('ArrowDown');
    const kb = await page.evaluate(readPair);
    if (kb.b !== 'wa') problems.push(`${label}: ArrowDown on the second list picked ${kb.b}, expected wa`);
    else problems.push(...(await expectPair(page, 'wa', 'wa', `${label} after the keyboard`)));

    // A link the script drew works: open Oregon's assessment service.
    await page.selectOption('#pick-b', 'or');
    await Promise.all([page.waitForEvent('load'), page.click('#pair-services a:has-text("Fixture assessment")')]);
    const h1 = await page.textContent('h1');
    if (h1?.trim() !== 'Fixture assessment, birth through five') problems.push(`${label}: service link opened "${h1}"`);

    // A state home's link preselects that state; a remembered pair reopens.
    await page.goto(`${base}${PAIR}index.html#with-wa`);
    problems.push(...(await expectPair(page, 'wa', 'or', `${label} #with-wa`)));
    await page.goto(`${base}${PAIR}index.html#or-vs-nm`);
    problems.push(...(await expectPair(page, 'or', 'nm', `${label} #or-vs-nm`)));
    await page.evaluate(() => { location.hash = '#wa-vs-nm'; });
    await page.waitForFunction(() => document.getElementById('pick-a').value === 'wa');
    problems.push(...(await expectPair(page, 'wa', 'nm', `${label} hash change`)));
  } catch (e) {
    problems.push(`${label}: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  return problems;
}

async function withoutScript(ctx, base) {
  const problems = [];
  const text = async (block) => {
    const page = await ctx.newPage();
    if (block) await page.route('**/compare.js', (r) => r.abort());
    await page.goto(`${base}${PAIR}index.html`);
    const t = await page.evaluate(() => ({
      result: document.getElementById('pair-result').innerText,
      status: document.getElementById('pair-status').innerText,
    }));
    await page.close();
    return t;
  };
  const plain = await text(true);
  const drawn = await text(false);
  if (plain.result !== drawn.result) {
    const a = plain.result.split('\n');
    const b = drawn.result.split('\n');
    const i = a.findIndex((l, k) => l !== b[k]);
    problems.push(`the page without script differs from the drawn page at line ${i}:\n        without: ${a[i]}\n        drawn:   ${b[i]}`);
  }
  if (plain.status !== drawn.status) problems.push(`status "${plain.status}" vs "${drawn.status}"`);
  return problems;
}

async function accessibility(ctx, base) {
  const problems = [];
  for (const p of ['compare/', 'compare/telehealth/', 'compare/dc05/', 'compare/pre-diagnosis-sessions/', PAIR, 'data/', 'or/', 'wa/', 'nm/']) {
    const page = await ctx.newPage();
    const errors = watch(page);
    await page.goto(`${base}${p}index.html`);
    if (p === PAIR) {
      await page.selectOption('#pick-a', 'or');
      await page.selectOption('#pick-b', 'wa');
    }
    for (const v of await axe(page)) problems.push(`/${p}: ${v}`);
    problems.push(...errors.map((e) => `/${p}: ${e}`));
    for (const width of [320]) {
      await page.setViewportSize({ width, height: 700 });
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      if (sw > width + 1) problems.push(`/${p}: scrolls sideways at ${width}px (scrollWidth ${sw})`);
      for (const v of await axe(page)) problems.push(`/${p} at ${width}px: ${v}`);
    }
    await page.close();
  }
  return problems;
}

async function map(ctx, base) {
  const problems = [];
  const page = await ctx.newPage();
  await page.goto(`${base}compare/telehealth/index.html`);
  const m = await page.evaluate(() => {
    const svg = document.querySelector('svg.tile-svg');
    const ids = (svg.getAttribute('aria-labelledby') || '').split(' ');
    const tiles = [...svg.querySelectorAll('g.tile[data-state]')].map((g) => {
      const rect = g.querySelector('rect');
      return {
        state: g.dataset.state,
        cls: g.dataset.class,
        title: g.querySelector(':scope > title')?.textContent ?? '',
        mark: g.querySelector('.tile-mark')?.textContent ?? '',
        fill: getComputedStyle(rect).fill,
        box: rect.getBoundingClientRect().width,
      };
    });
    return { role: svg.getAttribute('role'), labels: ids.map((id) => document.getElementById(id)?.textContent ?? null), tiles };
  });
  if (m.role !== 'img' || m.labels.some((l) => !l)) problems.push(`map: role ${m.role}, labels ${JSON.stringify(m.labels)}`);
  if (m.tiles.length !== 56) problems.push(`map: ${m.tiles.length} tiles, expected 56`);
  for (const t of m.tiles) {
    if (!t.title.includes(`(${t.state.toUpperCase()})`)) problems.push(`map: tile ${t.state} has title "${t.title}"`);
    if (t.cls !== 'absent' && !t.mark) problems.push(`map: tile ${t.state} (${t.cls}) has no text mark`);
    if (t.box < 20) problems.push(`map: tile ${t.state} is ${t.box}px wide`);
  }
  const fill = (s) => m.tiles.find((t) => t.state === s)?.fill;
  // Different answers, different fills; the not-documented one is a pattern.
  if (new Set([fill('wa'), fill('or'), fill('nm'), fill('tx')]).size !== 4) problems.push(`map: fills ${fill('wa')} ${fill('or')} ${fill('nm')} ${fill('tx')}`);
  if (!/url\(/.test(fill('nm') ?? '')) problems.push(`map: not-documented tile is filled ${fill('nm')}, not a pattern`);
  await page.close();
  return problems;
}

const { server, base } = await serve(site);
const { ctx, close } = await launch();
try {
  const httpFile = (url) => {
    const u = new URL(url);
    const rel = decodeURIComponent(u.pathname).replace(/^\/guides\//, '');
    return path.join(site, rel.endsWith('/') || rel === '' ? `${rel}index.html` : rel);
  };
  check('side by side over http', await sidebyside(ctx, base, 'http', httpFile));
  const fileBase = pathToFileURL(site).href + '/';
  check('side by side from file://', await sidebyside(ctx, fileBase, 'file', (url) => fileURLToPath(url)));
  check('side by side without script', await withoutScript(ctx, base));
  check('tile map', await map(ctx, base));
  check('axe and 320 px', await accessibility(ctx, base));
} catch (e) {
  check('harness', [e.stack ?? String(e)]);
} finally {
  await close();
  server.close();
}
const failed = results.filter(([, p]) => p.length).length;
console.log(`browser: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
