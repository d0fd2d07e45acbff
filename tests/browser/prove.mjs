#!/usr/bin/env node
// The accessibility proof that check.mjs (every page as loaded) leaves to a
// person: pages in the states a user puts them in, the keyboard, and
// screenshots of every kind of page.
//
//   node tests/browser/prove.mjs --site DIR [--screenshots DIR]
//
// DIR is a site built from the sample catalog. Over HTTP under a sub-path:
//   1. axe-core WCAG 2.0/2.1 A and AA, zero violations, on each kind of page
//      after interaction: the state and national search pages with results
//      showing, every page with sortable tables after sorting each column
//      both ways, the side-by-side comparison with a pair chosen, the 404
//      page, a print guide (/<st>/guide/) when the site has one; at 1280 and
//      375 px;
//   2. keyboard only, on the state home and the state search page with
//      results: Tab visits every focusable element exactly once in DOM order
//      (skip link first, then the header's links, the search box, the main
//      content in order, the footer), every stop has a visible focus
//      indicator (outline or box-shadow that differs from the unfocused
//      element), Shift+Tab walks the same way back, and Tab leaves the last
//      element (no trap);
//   3. full-page screenshots of each kind of page at 375 and 1280 px into
//      --screenshots (kind-width.png).
// Prints each check, then `browser: N passed, M failed`; exits 1 on failure.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch, serve } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [375, 1280];
const TIMEOUT = 15_000;

function usage(msg) {
  if (msg) console.error(`prove.mjs: ${msg}`);
  console.error('usage: node prove.mjs --site DIR [--screenshots DIR]');
  process.exit(2);
}
const opts = { site: null, screenshots: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const val = () => process.argv[++i] ?? usage(`${a} needs a value`);
  if (a === '--site') opts.site = path.resolve(val());
  else if (a === '--screenshots') opts.screenshots = path.resolve(val());
  else usage(`unknown argument ${a}`);
}
if (!opts.site || !fs.existsSync(path.join(opts.site, 'index.html'))) usage('--site DIR with index.html is required');

const checks = new Map();
function check(name, problems) {
  checks.set(name, [...(checks.get(name) ?? []), ...problems]);
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}${problems.length ? `\n      - ${problems.join('\n      - ')}` : ''}`);
}
async function attempt(name, fn) {
  try {
    check(name, (await fn()) ?? []);
  } catch (e) {
    check(name, [`error: ${e.message.split('\n')[0]}`]);
  }
}

// ------------------------------------------------------------ the site

function pages(root) {
  const out = [];
  const walk = (dir) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.name.endsWith('.html')) out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}
const ALL = pages(opts.site);
const first = (re) => ALL.find((p) => re.test(p)) ?? null;
const STATE = first(/^[a-z]{2}\/index\.html$/)?.slice(0, 2);
if (!STATE) usage('the site has no state home');
// A code the state bills, so its search shows results.
const SEARCH_QUERY = first(new RegExp(`^${STATE}/codes/[^/]+/index\\.html$`))?.split('/')[2] ?? 'assessment';

// Each kind of page, with what to do before checking it. `prep` runs after
// the page has loaded.
const KINDS = [
  ['national-home', 'index.html'],
  ['state-home', `${STATE}/index.html`],
  ['services-index', `${STATE}/services/index.html`],
  ['service', first(new RegExp(`^${STATE}/services/[^/]+/index\\.html$`))],
  ['guidance', first(/^([a-z]{2}\/)?guidance\/[^/]+\/index\.html$/)],
  ['crosswalk', first(/^([a-z]{2}\/)?crosswalks\/[^/]+\/index\.html$/)],
  ['codes-index', `${STATE}/codes/index.html`],
  ['code', first(/^([a-z]{2}\/)?codes\/[^/]+\/index\.html$/)],
  ['icd10cm', first(/^([a-z]{2}\/)?icd10cm\/[^/]+\/index\.html$/)],
  ['sources', `${STATE}/sources/index.html`],
  ['az-index', `${STATE}/index/index.html`],
  ['compare', 'compare/index.html'],
  ['compare-dimension', first(/^compare\/(?!side-by-side)[^/]+\/index\.html$/)],
  ['compare-side-by-side', 'compare/side-by-side/index.html', pickPair],
  ['data', 'data/index.html'],
  ['search-state-results', `${STATE}/search/index.html?q=${SEARCH_QUERY}`, (p) => settled(p, SEARCH_QUERY)],
  ['search-national-results', `search/index.html?q=${SEARCH_QUERY}`, (p) => settled(p, SEARCH_QUERY)],
  ['guide', first(/^[a-z]{2}\/guide\/index\.html$/)],
  ['not-found', '404.html'],
].filter(([, p]) => p && ALL.includes(p.split('?')[0]));

async function settled(page, query) {
  await page.waitForFunction(
    (q) => {
      const app = document.getElementById('search-app');
      return app && app.dataset.query === q && app.dataset.complete === 'true' && document.querySelectorAll('#search-results > li').length > 0;
    },
    query,
    { timeout: TIMEOUT },
  );
}

async function pickPair(page) {
  const values = await page.$$eval('#pick-a option', (os) => os.map((o) => o.value).filter(Boolean));
  if (values.length < 2) throw new Error('side-by-side page offers fewer than two states');
  await page.selectOption('#pick-a', values[values.length - 1]);
  await page.selectOption('#pick-b', values[0]);
  await page.waitForFunction(() => document.querySelectorAll('#pair-dims tbody tr').length > 0, null, { timeout: TIMEOUT });
}

function watch(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !/favicon\.ico/.test(m.location()?.url ?? '') && problems.push(`console error: ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && !/favicon\.ico$/.test(r.url()) && problems.push(`HTTP ${r.status()} for ${r.url()}`));
  return problems;
}

async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  const v = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((x) => `${x.id} [${x.impact}]: ${x.help} at ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }, TAGS);
  return v;
}

// ------------------------------------------------------------ (1) axe

async function axeKinds(ctx, base) {
  for (const [kind, rel, prep] of KINDS) {
    await attempt(`axe ${kind} (/${rel}) at ${WIDTHS.join(' and ')} px`, async () => {
      const page = await ctx.newPage();
      const errors = watch(page);
      const problems = [];
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(base + rel);
        if (prep) await prep(page);
        for (const v of await axe(page)) problems.push(`${width}px: ${v}`);
        if (opts.screenshots) {
          await page.screenshot({ path: path.join(opts.screenshots, `${kind}-${width}.png`), fullPage: true, animations: 'disabled' });
        }
      }
      await page.close();
      return [...problems, ...errors];
    });
  }
}

// Every page with sortable tables: sort each column up and down, then axe.
async function sortedTables(ctx, base) {
  const sortable = ALL.filter((p) => fs.readFileSync(path.join(opts.site, p), 'utf8').includes('data-sortable'));
  await attempt(`axe after sorting every column of ${sortable.length} pages with sortable tables`, async () => {
    if (sortable.length === 0) return ['no page has a sortable table'];
    const problems = [];
    const page = await ctx.newPage();
    const errors = watch(page);
    for (const rel of sortable) {
      await page.goto(base + rel);
      const buttons = await page.$$('table[data-sortable] thead button');
      if (buttons.length === 0) problems.push(`/${rel}: sortable table without sort buttons`);
      for (const [i, b] of buttons.entries()) {
        await b.click();
        await b.click();
        if (i === 0 || i === buttons.length - 1) {
          const sort = await page.evaluate(() => [...document.querySelectorAll('th[aria-sort]')].map((th) => th.getAttribute('aria-sort')));
          if (!sort.some((s) => s === 'ascending' || s === 'descending')) problems.push(`/${rel}: no header says how the table is sorted`);
        }
      }
      for (const v of await axe(page)) problems.push(`/${rel}: ${v}`);
    }
    await page.close();
    return [...problems, ...errors];
  });
}

// ------------------------------------------------------------ (2) keyboard

// The elements Tab should reach, in DOM order, each with a label.
async function expectedStops(page) {
  return page.evaluate(() => {
    const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex], iframe, [contenteditable=""], [contenteditable=true]';
    const stops = [];
    for (const el of document.querySelectorAll(sel)) {
      if (el.tabIndex < 0 || el.disabled || el.closest('[inert]')) continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      if (el.matches('input[type=radio]') && !el.checked && document.querySelector(`input[type=radio][name="${el.name}"]:checked`)) continue;
      stops.push(el);
    }
    window.__stops = stops;
    return stops.map((el) => ({ tabIndex: el.tabIndex, label: label(el), region: region(el) }));
    function label(el) {
      const t = (el.getAttribute('aria-label') || el.textContent || el.value || el.id || '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}> ${t}`;
    }
    function region(el) {
      if (el.matches('.skip-link')) return 'skip';
      if (el.closest('form[role=search]') || el.matches('input[type=search]')) return 'search';
      if (el.closest('header')) return 'header';
      if (el.closest('nav.breadcrumbs')) return 'breadcrumbs';
      if (el.closest('main')) return 'main';
      if (el.closest('footer')) return 'footer';
      return 'other';
    }
  });
}

function focusStyle() {
  const el = document.activeElement;
  const cs = getComputedStyle(el);
  return { outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`, shadow: cs.boxShadow, bg: cs.backgroundColor, deco: cs.textDecorationLine };
}

async function keyboard(ctx, base, rel, prep) {
  await attempt(`keyboard: Tab order and visible focus on /${rel}`, () => keyboardProblems(ctx, base, rel, prep));
}

// The check must be able to fail: with every focus style removed, and with
// one link taken out of DOM order, it reports both.
async function keyboardCanFail(ctx, base, rel) {
  await attempt(`keyboard check fails on a page without focus styles and with a positive tabindex`, async () => {
    const css = '*:focus, *:focus-visible { outline: none !important; box-shadow: none !important; }';
    const unstyled = await keyboardProblems(ctx, base, rel, (page) => page.addStyleTag({ content: css }));
    const reordered = await keyboardProblems(ctx, base, rel, (page) =>
      page.evaluate(() => document.querySelector('main a[href]').setAttribute('tabindex', '1')),
    );
    const p = [];
    if (!unstyled.some((x) => x.startsWith('no visible focus indicator'))) p.push('missing focus styles went unnoticed');
    if (!reordered.some((x) => x.includes('positive tabindex'))) p.push('a positive tabindex went unnoticed');
    if (!reordered.some((x) => /^Tab 1 focused/.test(x))) p.push('a focus order out of DOM order went unnoticed');
    return p;
  });
}

async function keyboardProblems(ctx, base, rel, prep) {
  {
    const problems = [];
    const page = await ctx.newPage();
    const errors = watch(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(base + rel);
    if (prep) await prep(page);
    await page.evaluate(() => document.activeElement?.blur());
    const stops = await expectedStops(page);
    if (stops.some((s) => s.tabIndex > 0)) problems.push('an element has a positive tabindex, which breaks DOM focus order');
    if (stops.length < 5) problems.push(`only ${stops.length} focusable elements found`);
    // Landmark order the issue asks for.
    const regions = stops.map((s) => s.region);
    if (regions[0] !== 'skip') problems.push(`first stop is ${stops[0]?.label}, not the skip link`);
    const lastOf = (r) => regions.lastIndexOf(r);
    const firstOf = (r) => regions.indexOf(r);
    if (firstOf('header') < 0 || firstOf('search') < 0 || firstOf('main') < 0) problems.push(`missing header links, search box or main content links: ${regions.join(',')}`);
    if (lastOf('header') > firstOf('search')) problems.push('a header link comes after the search box');
    if (lastOf('search') > firstOf('main')) problems.push('the header search box comes after main content');
    if (regions.includes('other')) problems.push(`focusable elements outside the skip link, header, breadcrumbs, main and footer: ${stops.filter((s) => s.region === 'other').map((s) => s.label).join(', ')}`);
    if (firstOf('footer') >= 0 && lastOf('main') > firstOf('footer')) problems.push('main content comes after the footer');

    // Tab forward through every stop.
    const seen = [];
    for (let i = 0; i < stops.length; i++) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(`(() => {
        const i = window.__stops.indexOf(document.activeElement);
        const r = document.activeElement.getBoundingClientRect();
        return { i, style: (${focusStyle.toString()})(), onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight };
      })()`);
      seen.push(at);
      if (at.i !== i) {
        problems.push(`Tab ${i + 1} focused ${at.i < 0 ? 'an element outside the expected list' : stops[at.i].label}, expected ${stops[i].label}`);
        break;
      }
      if (!at.onScreen) problems.push(`Tab ${i + 1}: ${stops[i].label} is focused but not scrolled into view`);
    }
    // Visible focus: the focused style differs from the same element unfocused.
    await page.evaluate(() => document.activeElement?.blur());
    const unfocused = await page.evaluate(`window.__stops.map((el) => { const cs = getComputedStyle(el); return { outline: cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor, shadow: cs.boxShadow, bg: cs.backgroundColor, deco: cs.textDecorationLine }; })`);
    for (const [i, at] of seen.entries()) {
      if (at.i !== i) break;
      const f = at.style;
      const u = unfocused[i];
      const ring = (f.outline !== u.outline && !/^none /.test(f.outline) && !/ 0px /.test(f.outline)) || (f.shadow !== u.shadow && f.shadow !== 'none');
      if (!ring) problems.push(`no visible focus indicator on ${stops[i].label} (focused ${JSON.stringify(f)} vs ${JSON.stringify(u)})`);
    }
    // No trap: one more Tab leaves the last element.
    if (seen.length === stops.length && seen.every((s, i) => s.i === i)) {
      await page.evaluate(() => window.__stops[window.__stops.length - 1].focus());
      await page.keyboard.press('Tab');
      const after = await page.evaluate(() => window.__stops.indexOf(document.activeElement));
      if (after === stops.length - 1) problems.push(`focus is trapped on the last element ${stops[after].label}`);
      // Shift+Tab walks back in reverse order.
      await page.evaluate(() => window.__stops[window.__stops.length - 1].focus());
      for (let i = stops.length - 2; i >= 0; i--) {
        await page.keyboard.press('Shift+Tab');
        const at = await page.evaluate(() => window.__stops.indexOf(document.activeElement));
        if (at !== i) {
          problems.push(`Shift+Tab from ${stops[i + 1].label} focused ${at < 0 ? 'something else' : stops[at].label}, expected ${stops[i].label}`);
          break;
        }
      }
    }
    console.log(`      (${rel}: ${stops.length} focus stops: ${regions.filter((r, i) => r !== regions[i - 1]).join(' -> ')})`);
    await page.close();
    return [...problems, ...errors];
  }
}

// ------------------------------------------------------------ main

const { server, base } = await serve(opts.site);
const { ctx, close } = await launch();
if (opts.screenshots) fs.mkdirSync(opts.screenshots, { recursive: true });
try {
  check(`the site has the main kinds of page (${KINDS.map(([k]) => k).join(', ')})`, KINDS.length >= 17 ? [] : [`only ${KINDS.length} kinds found`]);
  await axeKinds(ctx, base);
  await sortedTables(ctx, base);
  await keyboard(ctx, base, `${STATE}/index.html`);
  await keyboard(ctx, base, `${STATE}/search/index.html?q=${SEARCH_QUERY}`, (p) => settled(p, SEARCH_QUERY));
  await keyboardCanFail(ctx, base, `${STATE}/index.html`);
  if (opts.screenshots) console.log(`browser: screenshots in ${opts.screenshots}`);
} finally {
  await close();
  server.close();
}
const failed = [...checks].filter(([, p]) => p.length);
console.log(`browser: ${checks.size - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
