#!/usr/bin/env node
// Search in a real browser: the state and national search pages of a site
// built by `coverguide build`, opened both over HTTP (under the sub-path
// /guides/) and from disk (file://).
//
//   node tests/browser/search.mjs --fixture DIR [--sample DIR]
//
// --fixture is the site built from tests/fixtures/search/catalog (it bills
// H2019 with and without HA, 90791 in two states, and has a crosswalk with
// F43.10, F43.12 and F43.20); --sample is the site built from the sample
// catalog in catalog/. Prints every failure, then `browser: N passed, M
// failed`, and exits 1 if any check failed (2 on a usage error).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, launch, serve } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TIMEOUT = 15_000;

function usage(msg) {
  if (msg) console.error(`search.mjs: ${msg}`);
  console.error('usage: node search.mjs --fixture DIR [--sample DIR]');
  process.exit(2);
}

const opts = { fixture: null, sample: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const val = () => process.argv[++i] ?? usage(`${a} needs a value`);
  if (a === '--fixture') opts.fixture = path.resolve(val());
  else if (a === '--sample') opts.sample = path.resolve(val());
  else usage(`unknown argument ${a}`);
}
if (!opts.fixture) usage('--fixture is required');
for (const d of [opts.fixture, opts.sample].filter(Boolean)) {
  if (!fs.existsSync(path.join(d, 'search', 'index.html'))) usage(`${d}/search/index.html does not exist`);
}

// ------------------------------------------------------------- results

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

// --------------------------------------------------------------- helpers

// Page errors and failed loads fail the check that opened the page.
function watch(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // The browser asks the server root for /favicon.ico on its own; the site is
  // mounted below it and has no icon, so that request is not the page's.
  page.on('console', (m) => m.type() === 'error' && !/\/favicon\.ico$/.test(m.location()?.url ?? '') && problems.push(`console error: ${m.text()}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && !/\/favicon\.ico$/.test(r.url()) && problems.push(`HTTP ${r.status()} for ${r.url()}`));
  return problems;
}

// Waits until the page has rendered the complete results of `query`.
async function settled(page, query) {
  await page.waitForFunction(
    (q) => {
      const app = document.getElementById('search-app');
      return app && app.dataset.query === q && app.dataset.complete === 'true';
    },
    query.trim(),
    { timeout: TIMEOUT },
  );
}

async function results(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('#search-results > li')].map((li) => ({
      title: li.querySelector('.result-title').textContent,
      href: li.querySelector('.result-title a').href,
      meta: li.querySelector('.result-meta').textContent,
      marked: [...li.querySelectorAll('mark.code')].map((m) => m.textContent),
    })),
  );
}

async function search(page, query) {
  await page.fill('#search-q', query);
  await settled(page, query);
  return results(page);
}

// Facet values as shown: [{group, key, label, count, checked}]
async function facets(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('#search-facets fieldset:not([hidden]) li:not([hidden])')].map((li) => {
      const box = li.querySelector('input');
      const count = li.querySelector('.facet-count').textContent;
      return { group: box.dataset.group, key: box.dataset.key, label: li.querySelector('label').textContent, count: Number(count.slice(1, -1)), checked: box.checked };
    }),
  );
}

const titles = (rs) => rs.map((r) => r.title);

// One expectation per query the issue names: the top result, results that
// must be there, results that must not.
const STATE_QUERIES = [
  ['F43.10', 'Post-traumatic Stress Disorder', ['Mental health assessment for young children'], ['Post-traumatic Stress Disorder, chronic', 'Adjustment Disorder']],
  ['f4310', 'Post-traumatic Stress Disorder', ['Mental health assessment for young children'], ['Adjustment Disorder']],
  ['F43.1', null, ['Post-traumatic Stress Disorder', 'Post-traumatic Stress Disorder, chronic', 'Mental health assessment for young children'], ['Adjustment Disorder']],
  ['F43', null, ['Post-traumatic Stress Disorder', 'Post-traumatic Stress Disorder, chronic', 'Adjustment Disorder', 'Mental health assessment for young children'], []],
  ['90791', 'Mental health assessment for young children', [], ['Therapeutic behavioral services']],
  ['H2019-HA', 'Mental health assessment for young children', [], ['Therapeutic behavioral services']],
  ['H2019 HA', 'Mental health assessment for young children', [], ['Therapeutic behavioral services']],
  ['h2019ha', 'Mental health assessment for young children', [], ['Therapeutic behavioral services']],
  ['H2019', null, ['Mental health assessment for young children', 'Therapeutic behavioral services'], []],
  ['DC:0-5', 'Mental health assessment for young children', ['Post-traumatic Stress Disorder'], []],
  ['DC 0-5', 'Mental health assessment for young children', [], []],
  ['assess', 'Mental health assessment for young children', [], []],
  ['dyadik', 'Child-parent psychotherapy', [], []],
  ['psychoterapy', 'Child-parent psychotherapy', ['Sessions'], []],
];

function expectResults(rs, top, include, exclude) {
  const p = [];
  const t = titles(rs);
  if (rs.length === 0) return ['no results'];
  if (top && t[0] !== top) p.push(`top result is "${t[0]}", expected "${top}" (all: ${t.join(' | ')})`);
  for (const x of include) if (!t.includes(x)) p.push(`"${x}" missing from results (${t.join(' | ')})`);
  for (const x of exclude) if (t.includes(x)) p.push(`"${x}" should not be a result`);
  return p;
}

// ------------------------------------------------------------------ main

async function main() {
  const { ctx, close } = await launch();
  const fixture = await serve(opts.fixture);
  const sample = opts.sample ? await serve(opts.sample) : null;
  const origins = {
    http: (site, p) => (site === opts.fixture ? fixture.base : sample.base) + p.replace(/^\//, ''),
    file: (site, p) => pathToFileURL(path.join(site, p, p.endsWith('/') ? 'index.html' : '')).href,
  };
  const at = (how, site, p, query) => {
    const url = origins[how](site, p);
    const u = p.endsWith('/') && how === 'http' ? `${url}index.html` : url;
    return query === undefined ? u : `${u}?q=${encodeURIComponent(query)}`;
  };

  try {
    for (const how of ['http', 'file']) {
      // The issue's queries on a state page, typed into the box.
      await attempt(`${how}: state search finds what providers type`, async () => {
        const page = await ctx.newPage();
        const errors = watch(page);
        await page.goto(at(how, opts.fixture, '/or/search/'));
        const problems = [];
        for (const [q, top, include, exclude] of STATE_QUERIES) {
          problems.push(...expectResults(await search(page, q), top, include, exclude).map((p) => `${q}: ${p}`));
        }
        // The matching code is marked in the result.
        const rs = await search(page, 'H2019 HA');
        if (!rs[0]?.marked.includes('H2019-HA')) problems.push(`H2019 HA: the H2019-HA line is not marked (${JSON.stringify(rs[0])})`);
        // A result links straight to its page.
        await search(page, '90791');
        await page.click('#search-results .result-title a');
        await page.waitForLoadState('load');
        const h1 = await page.textContent('h1');
        if (h1 !== 'Mental health assessment for young children') problems.push(`first result for 90791 opened "${h1}"`);
        await page.close();
        return [...problems, ...errors];
      });

      // National search: every state, lazily loaded, facets that never lie.
      await attempt(`${how}: national search and facet counts`, async () => {
        const page = await ctx.newPage();
        const errors = watch(page);
        await page.goto(at(how, opts.fixture, '/search/', '90791'));
        await settled(page, '90791');
        const problems = [];
        const rs = await results(page);
        problems.push(...expectResults(rs, null, ['Mental health assessment for young children', 'Assessment sessions for children birth to five', 'Assessment codes'], []));
        const states = rs.map((r) => r.meta.split(' · ')[1]);
        for (const s of ['Oregon', 'Washington']) if (!states.includes(s)) problems.push(`no result from ${s}: ${states}`);
        const st = (await facets(page)).filter((f) => f.group === 'st').map((f) => `${f.label}`);
        if (st.join(', ') !== 'Oregon (1), Washington (1), National pages (1)') problems.push(`state facet shows ${st.join(', ')}`);
        // Every count equals the results that choosing the value shows.
        for (const f of await facets(page)) {
          await page.check(`[id="facet-${f.group}-${f.key}"]`);
          await settled(page, '90791');
          const n = (await results(page)).length + (await page.evaluate(() => {
            const m = document.getElementById('search-more');
            return m.hidden ? 0 : Number(m.textContent.match(/\d+/)?.[0] ?? 0);
          }));
          if (n !== f.count) problems.push(`${f.group}=${f.key} shows (${f.count}) but choosing it gives ${n} results`);
          await page.uncheck(`[id="facet-${f.group}-${f.key}"]`);
          await settled(page, '90791');
        }
        // Combining facets narrows; a value's count in its own group stays.
        await page.check('#facet-st-or');
        await settled(page, '90791');
        await page.check('#facet-type-service');
        await settled(page, '90791');
        const narrowed = await results(page);
        if (titles(narrowed).join() !== 'Mental health assessment for young children') problems.push(`st=or & type=service gives ${titles(narrowed)}`);
        const wa = (await facets(page)).find((f) => f.group === 'st' && f.key === 'wa');
        if (wa?.count !== 1) problems.push(`with Oregon chosen, Washington should still count (1), shows ${JSON.stringify(wa)}`);
        const url = await page.evaluate(() => location.search);
        if (!/q=90791/.test(url) || !/st=or/.test(url) || !/type=service/.test(url)) problems.push(`URL does not hold the search: ${url}`);
        // A shared URL reloads to the same results.
        await page.reload();
        await settled(page, '90791');
        const again = await results(page);
        if (titles(again).join() !== titles(narrowed).join()) problems.push(`after reload: ${titles(again)} instead of ${titles(narrowed)}`);
        if (!(await page.isChecked('#facet-st-or'))) problems.push('after reload the Oregon facet is not chosen');
        // Back undoes the last facet, then the one before.
        await page.goBack();
        await settled(page, '90791');
        if (await page.isChecked('#facet-type-service')) problems.push('after Back, the last facet is still chosen');
        if (!(await page.isChecked('#facet-st-or'))) problems.push('after one Back, the earlier facet is gone too');
        await page.goBack();
        await settled(page, '90791');
        const back = await results(page);
        if (back.length !== rs.length) problems.push(`after two Backs: ${back.length} results, expected ${rs.length}`);
        await page.goForward();
        await settled(page, '90791');
        if (!(await page.isChecked('#facet-st-or'))) problems.push('Forward does not bring the facet back');
        // Fall-back to "some of the words" says so.
        await search(page, 'assessment zzzzqq');
        const status = await page.textContent('#search-status');
        if (!/No result has every word/.test(status)) problems.push(`fall-back not explained: ${status}`);
        await page.close();
        return [...problems, ...errors];
      });

      // The search box in every page's header leads to the state's search.
      await attempt(`${how}: header search box`, async () => {
        const page = await ctx.newPage();
        const errors = watch(page);
        await page.goto(at(how, opts.fixture, '/or/services/or-dyadic/'));
        await page.fill('#site-search-q', 'H2019-HA');
        await page.press('#site-search-q', 'Enter');
        await page.waitForLoadState('load');
        await settled(page, 'H2019-HA');
        const problems = [];
        if (!/\/or\/search\/index\.html\?q=H2019-HA$/.test(page.url())) problems.push(`went to ${page.url()}`);
        problems.push(...expectResults(await results(page), 'Mental health assessment for young children', [], []));
        if ((await page.inputValue('#search-q')) !== 'H2019-HA') problems.push('the query is not in the search page box');
        // From the national home, the box searches every state.
        await page.goto(at(how, opts.fixture, '/'));
        await page.fill('#site-search-q', '96161');
        await page.press('#site-search-q', 'Enter');
        await page.waitForLoadState('load');
        await settled(page, '96161');
        if (!/\/search\/index\.html\?q=96161$/.test(page.url()) || /\/or\/search/.test(page.url())) problems.push(`national box went to ${page.url()}`);
        problems.push(...expectResults(await results(page), 'Caregiver depression screening', [], []));
        await page.close();
        return [...problems, ...errors];
      });
    }

    // Only the files a query can match are loaded.
    await attempt('http: national search loads only the states a query needs', async () => {
      const page = await ctx.newPage();
      const errors = watch(page);
      const loaded = [];
      page.on('request', (r) => {
        const m = r.url().match(/\/search\/([a-z]+)\.js$/);
        if (m) loaded.push(m[1]);
      });
      await page.goto(at('http', opts.fixture, '/search/', '96161'));
      await settled(page, '96161');
      const problems = [];
      if (loaded.sort().join() !== 'directory,wa') problems.push(`loaded ${loaded.join(', ')}; expected directory and wa only`);
      await search(page, 'H2019 HA');
      if (!loaded.includes('or')) problems.push('H2019 HA did not load Oregon');
      await page.close();
      return [...problems, ...errors];
    });

    // Keyboard only: reach the box, type, move through results and facets.
    await attempt('http: keyboard only', async () => {
      const page = await ctx.newPage();
      const errors = watch(page);
      await page.goto(at('http', opts.fixture, '/or/search/'));
      await page.waitForFunction(() => document.getElementById('search-app').dataset.complete === 'true');
      const problems = [];
      const active = () => page.evaluate(() => {
        const a = document.activeElement;
        const s = getComputedStyle(a);
        return { id: a.id, tag: a.localName, text: a.textContent.trim(), group: a.dataset?.group, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, cls: a.className };
      });
      let tabs = 0;
      while ((await active()).id !== 'search-q' && tabs < 30) {
        await page.keyboard.press('Tab');
        tabs++;
      }
      if ((await active()).id !== 'search-q') return ['Tab never reaches the search box'];
      await page.keyboard.type('H2019');
      await settled(page, 'H2019');
      await page.keyboard.press('ArrowDown');
      let a = await active();
      if (a.text !== 'Mental health assessment for young children') problems.push(`ArrowDown from the box focused "${a.text}"`);
      if (!a.outline) problems.push('the focused result has no visible focus outline');
      await page.keyboard.press('ArrowDown');
      a = await active();
      if (a.text !== 'Therapeutic behavioral services') problems.push(`second ArrowDown focused "${a.text}"`);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      if ((await active()).id !== 'search-q') problems.push('ArrowUp from the first result does not return to the box');
      // The live region announces the results once typing stops.
      await page.waitForFunction(() => /2 results for “H2019”/.test(document.getElementById('search-live').textContent), null, { timeout: TIMEOUT }).catch(() => problems.push('results were not announced in the live region'));
      // Tab on to a facet and choose it with Space.
      let found = false;
      for (let i = 0; i < 40 && !found; i++) {
        await page.keyboard.press('Tab');
        const f = await active();
        found = f.tag === 'input' && f.group === 'cat';
      }
      if (!found) problems.push('Tab never reaches a facet checkbox');
      else {
        const f = await active();
        if (!f.outline) problems.push('the focused checkbox has no visible focus outline');
        await page.keyboard.press('Space');
        await page.waitForFunction(() => /cat=/.test(location.search), null, { timeout: TIMEOUT }).catch(() => problems.push('Space on a facet did not filter'));
        await settled(page, 'H2019');
        const n = (await results(page)).length;
        if (n !== 1) problems.push(`after choosing a category with Space, ${n} results (expected 1)`);
      }
      // The clear button works from the keyboard and returns to the box.
      await page.focus('#search-clear');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !/cat=/.test(location.search), null, { timeout: TIMEOUT }).catch(() => problems.push('Clear all filters did not clear the URL'));
      await settled(page, 'H2019');
      if ((await active()).id !== 'search-q') problems.push('after Clear all filters, focus is not in the box');
      if ((await results(page)).length !== 2) problems.push('Clear all filters did not bring back every result');
      // Escape in the box clears the search.
      await page.focus('#search-q');
      await page.keyboard.press('Escape');
      await settled(page, '');
      if ((await page.inputValue('#search-q')) !== '') problems.push('Escape did not clear the box');
      // Enter on a result opens it.
      await page.keyboard.type('dyadik');
      await settled(page, 'dyadik');
      await page.keyboard.press('ArrowDown');
      await Promise.all([page.waitForURL(/\/services\/or-dyadic\//), page.keyboard.press('Enter')]);
      await page.waitForLoadState('load');
      const h1 = await page.textContent('h1');
      if (h1 !== 'Child-parent psychotherapy') problems.push(`Enter on the first result opened "${h1}"`);
      // Back returns to the search as it was, even though the result was
      // opened before typing paused.
      await page.goBack();
      await settled(page, 'dyadik');
      if ((await page.inputValue('#search-q')) !== 'dyadik') problems.push('after Back from a result, the query is gone');
      if ((await results(page))[0]?.title !== 'Child-parent psychotherapy') problems.push('after Back from a result, the results differ');
      await page.close();
      return [...problems, ...errors];
    });

    // Accessibility of the search pages with results and facets showing.
    for (const [p, q, choose] of [['/or/search/', 'H2019', null], ['/search/', '90791', '#facet-st-or']]) {
      await attempt(`http: axe and 320 px on ${p}?q=${q}`, async () => {
        const problems = [];
        for (const width of [1280, 320]) {
          const page = await ctx.newPage();
          const errors = watch(page);
          await page.setViewportSize({ width, height: 800 });
          await page.goto(at('http', opts.fixture, p, q));
          await settled(page, q);
          if (choose) {
            await page.check(choose);
            await settled(page, q);
          }
          await page.evaluate(AXE_SOURCE);
          const v = await page.evaluate(async () => {
            const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
            return r.violations.map((x) => `${x.id}: ${x.help} at ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
          });
          problems.push(...v.map((x) => `${width}px: axe ${x}`));
          const sw = await page.evaluate(() => document.documentElement.scrollWidth);
          if (sw > width + 1) problems.push(`${width}px: page scrolls sideways (scrollWidth ${sw})`);
          problems.push(...errors);
          await page.close();
        }
        return problems;
      });
    }

    // Without JavaScript: a message and the plain-HTML A-Z index.
    await attempt('no JavaScript: the search page links to the A-Z index', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coverguide-nojs-'));
      const nojs = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, javaScriptEnabled: false });
      const problems = [];
      try {
        for (const how of ['http', 'file']) {
          const page = await nojs.newPage();
          await page.goto(at(how, opts.fixture, '/or/search/'));
          if (!(await page.isVisible('#search-nojs'))) problems.push(`${how}: no message without JavaScript`);
          if (await page.isVisible('#search-app')) problems.push(`${how}: the search form shows without JavaScript`);
          await page.click('#search-nojs a');
          await page.waitForLoadState('load');
          const text = await page.textContent('main');
          for (const code of ['90791', 'H2019', 'F43.10', 'F43.20', 'Child-parent psychotherapy', 'Therapeutic behavioral services']) {
            if (!text.includes(code)) problems.push(`${how}: A-Z index lacks ${code}`);
          }
          if (!/\/or\/index\/index\.html$/.test(page.url())) problems.push(`${how}: the link led to ${page.url()}`);
          // Its links work without JavaScript too.
          await page.click('text=Therapeutic behavioral services');
          await page.waitForLoadState('load');
          if ((await page.textContent('h1')) !== 'Therapeutic behavioral services') problems.push(`${how}: A-Z link opened ${page.url()}`);
          await page.goto(at(how, opts.fixture, '/search/'));
          const links = await page.$$eval('#search-nojs a', (as) => as.map((a) => a.textContent));
          if (links.join() !== 'Oregon,Washington') problems.push(`${how}: national page links to ${links} without JavaScript`);
          await page.close();
        }
      } finally {
        await nojs.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
      return problems;
    });

    // The sample catalog's real codes.
    if (opts.sample) {
      for (const how of ['http', 'file']) {
        await attempt(`${how}: sample catalog codes`, async () => {
          const page = await ctx.newPage();
          const errors = watch(page);
          const problems = [];
          const cases = [
            ['/wa/search/', 'F84.0', 'Autism Spectrum Disorder', ['Mental health assessment for young children (birth through age five)']],
            ['/wa/search/', 'f840', 'Autism Spectrum Disorder', []],
            ['/va/search/', '97153', 'Applied behavior analysis under EPSDT', []],
            ['/ma/search/', '96110', 'Standardized behavioral-health screen at well-child visits', []],
            ['/or/search/', 'Z69.010', 'Behavioral health services after child abuse or neglect (Prioritized List line 125)', []],
            ['/search/', '96110', null, ['EPSDT Intensive Developmental Diagnostic Assessment (under age two)', 'Standardized behavioral-health screen at well-child visits']],
            ['/search/', 'F90.1', null, ['Attention Deficit/Hyperactivity Disorder', 'Overactivity Disorder of Toddlerhood']],
          ];
          for (const [p, q, top, include] of cases) {
            await page.goto(at(how, opts.sample, p, q));
            await settled(page, q);
            problems.push(...expectResults(await results(page), top, include, []).map((x) => `${p} ${q}: ${x}`));
          }
          // National search by code finds the service page of every state
          // whose services bill the code, read from the site's own download.
          const all = JSON.parse(fs.readFileSync(path.join(opts.sample, 'data', 'all-states.json'), 'utf8'));
          for (const code of ['90791', '90847', '96161']) {
            const want = [];
            for (const st of all.states) {
              for (const svc of st.services) {
                if (svc.billing.some((b) => b.code === code)) want.push(`${st.state.toLowerCase()}/services/${svc.id}/`);
              }
            }
            if (new Set(want.map((w) => w.split('/')[0])).size < 3) problems.push(`${code}: fewer than 3 states bill it`);
            await page.goto(at(how, opts.sample, '/search/', code));
            await settled(page, code);
            const hrefs = (await results(page)).map((r) => r.href);
            for (const w of want) {
              if (!hrefs.some((h) => h.includes(`/${w}`))) problems.push(`/search/ ${code}: ${w} missing (${hrefs.length} results)`);
            }
          }
          await page.close();
          return [...problems, ...errors];
        });
      }
    }
  } finally {
    await close();
    fixture.server.close();
    sample?.server.close();
  }
  const failed = [...checks.values()].filter((p) => p.length).length;
  console.log(`browser: ${checks.size - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();
