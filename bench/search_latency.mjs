#!/usr/bin/env node
// Search in headless Chromium, measured (a benchmark: it reports numbers and
// asserts nothing).
//
//   node bench/search_latency.mjs --site DIR [--state al] [--out FILE.json]
//
// DIR is a site built by `coverguide build` (bench/search.sh builds one from
// bench/gen_catalog.py). Serves it on 127.0.0.1 under /guides/ and measures:
//
//   keystroke to results: each of QUERIES is typed into the search box one
//     key at a time; the time from the last key's keydown event to the first
//     frame after the results for the whole query are in the page. Measured
//     on a state's page and on the national page once every state it needs
//     is loaded (a national search's later keystrokes).
//   national payload before the first result: a fresh national page opened
//     with ?q=QUERY (a shared link); the gzip -9 size of the page and every
//     file it had received when its first result was put on the page (as the
//     page's resource timing lists them at that moment), and of every file
//     it requested until its results were complete.
//
// Prints a JSON report (and writes it to --out).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// lib.mjs resolves playwright-core from tests/browser/node_modules.
const { launch, serve, MOUNT } = await import(new URL('../tests/browser/lib.mjs', import.meta.url));

// Twenty queries of the kinds providers type: codes, codes with modifiers,
// prefixes, whole words, misspellings, two-word phrases.
export const QUERIES = [
  '90791', 'H2019', 'H2019-HA', 'T1017 U1', '97153', '96127', 'psychotherapy', 'psychoterapy', 'assess', 'crisis',
  'respite care', 'telehealth', 'peer support', 'applied behavior', 'habilitation', 'wheelchair', 'case management',
  'school', 'substance use', 'ambulance',
];

const opts = { site: null, state: 'al', out: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const val = () => process.argv[++i];
  if (a === '--site') opts.site = path.resolve(val());
  else if (a === '--state') opts.state = val();
  else if (a === '--out') opts.out = path.resolve(val());
  else {
    console.error(`unknown argument ${a}`);
    process.exit(2);
  }
}
if (!opts.site || !fs.existsSync(path.join(opts.site, 'search', 'index.html'))) {
  console.error('usage: node bench/search_latency.mjs --site DIR [--state al] [--out FILE.json]');
  process.exit(2);
}

const gz = new Map();
function gzipSize(file) {
  if (!gz.has(file)) gz.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length);
  return gz.get(file);
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: at(0.5), p90: at(0.9), max: s[s.length - 1], min: s[0] };
};
const round = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 10) / 10 : v]));

async function ready(page, query) {
  await page.waitForFunction(
    (q) => {
      const app = document.getElementById('search-app');
      return app && app.dataset.query === q && app.dataset.complete === 'true';
    },
    query,
    { timeout: 60_000 },
  );
}

// Types each query and measures the last keystroke to the next frame after
// its complete results.
async function keystrokes(page) {
  await page.evaluate(() => {
    window.__bench = { keydown: 0, done: null };
    document.addEventListener('keydown', (e) => (window.__bench.keydown = e.timeStamp), true);
    document.addEventListener('coverguide:search', (e) => {
      if (!e.detail.complete) return;
      const q = e.detail.query;
      requestAnimationFrame(() => setTimeout(() => (window.__bench.done = { q, at: performance.now(), results: e.detail.results })));
    });
  });
  const out = [];
  for (const q of QUERIES) {
    await page.fill('#search-q', '');
    await ready(page, '');
    await page.evaluate(() => (window.__bench.done = null));
    await page.focus('#search-q');
    await page.keyboard.type(q);
    await page.waitForFunction((q) => window.__bench.done && window.__bench.done.q === q, q, { timeout: 60_000 });
    const r = await page.evaluate(() => ({ ms: window.__bench.done.at - window.__bench.keydown, results: window.__bench.done.results }));
    out.push({ query: q, ...r });
  }
  return out;
}

async function main() {
  const { ctx, close } = await launch();
  const { server, base } = await serve(opts.site);
  const root = fs.realpathSync(opts.site);
  const fileOf = (url) => {
    const u = new URL(url);
    let rel = decodeURIComponent(u.pathname.slice(MOUNT.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    return path.join(root, rel);
  };
  const report = { site: opts.site, queries: QUERIES };
  try {
    // Keystroke to results on one state's page.
    let page = await ctx.newPage();
    await page.goto(`${base}${opts.state}/search/index.html`);
    await ready(page, '');
    const stateRuns = await keystrokes(page);
    report.state = { page: `/${opts.state}/search/`, docs: await page.evaluate(() => document.querySelectorAll('script[src*="search/"]').length), per_query: stateRuns, ms: round(stats(stateRuns.map((r) => r.ms))) };
    await page.close();

    // National: payload before the first result, for each query on a fresh page.
    const payload = [];
    for (const q of QUERIES) {
      page = await ctx.newPage();
      const requested = [];
      page.on('request', (r) => requested.push(r.url()));
      // At the first result (or a complete answer of no results), in the
      // page and synchronously: the document and every file received so far.
      await page.addInitScript(() => {
        document.addEventListener('coverguide:search', (e) => {
          if (window.__before || !(e.detail.results > 0 || e.detail.complete)) return;
          window.__before = [location.href, ...performance.getEntriesByType('resource').map((r) => r.name)];
        });
      });
      await page.goto(`${base}search/index.html?q=${encodeURIComponent(q)}`);
      await ready(page, q);
      const bytes = (urls) => [...new Set(urls)].filter((u) => u.startsWith(base)).reduce((sum, u) => sum + gzipSize(fileOf(u.split('?')[0])), 0);
      const before = await page.evaluate(() => window.__before);
      const shards = requested.filter((u) => /\/search\/[a-z]{2}\.js$|\/search\/national\.js$/.test(u));
      payload.push({ query: q, before_first_kb: bytes(before) / 1024, complete_kb: bytes(requested) / 1024, files_before_first: before.length, shards_loaded: shards.length, results: Number(await page.evaluate(() => document.getElementById('search-app').dataset.results)) });
      await page.close();
    }
    report.national_payload = {
      per_query: payload.map(round),
      before_first_kb: round(stats(payload.map((p) => p.before_first_kb))),
      complete_kb: round(stats(payload.map((p) => p.complete_kb))),
    };

    // National keystrokes once the states a query needs are loaded: load
    // every state first (a query every state matches), then type.
    page = await ctx.newPage();
    await page.goto(`${base}search/index.html?q=medicaid`);
    await ready(page, 'medicaid');
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/search\/[a-z]+\.js$/.test(e.name)).length);
    const nationalRuns = await keystrokes(page);
    report.national = { files_loaded: loaded, per_query: nationalRuns, ms: round(stats(nationalRuns.map((r) => r.ms))) };
    await page.close();
    report.chromium = ctx.browser()?.version() ?? null;
  } finally {
    await close();
    server.close();
  }
  const json = JSON.stringify(report, null, 2);
  if (opts.out) fs.writeFileSync(opts.out, json + '\n');
  console.log(json);
}

await main();
