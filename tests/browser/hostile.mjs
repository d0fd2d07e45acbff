#!/usr/bin/env node
// Opens every page of a site built from tests/fixtures/hostile_payloads and
// asserts the payloads in it are inert:
//   - no dialog opens (alert, confirm, prompt; page.on('dialog'));
//   - window.__pwned, which every payload script sets, stays undefined;
//   - no element has an on* event-handler attribute;
//   - no href, src, action, formaction, data, poster or srcdoc holds a
//     javascript:, vbscript: or data: URL (after trimming, any case);
//   - the only scripts are the theme's files and the side-by-side data file;
//   - the payload text is shown as text (a check that can fail: the page
//     shows "<script>" literally);
// from file:// and over HTTP, and on the search pages with the payloads as
// results, and on the side-by-side page with a pair chosen.
//
//   node tests/browser/hostile.mjs --site DIR
// Prints each check, then `browser: N passed, M failed`; exits 1 on failure.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, serve } from './lib.mjs';

const args = process.argv.slice(2);
const site = args[0] === '--site' && args[1] ? path.resolve(args[1]) : null;
if (!site || !fs.existsSync(path.join(site, 'index.html'))) {
  console.error('usage: node hostile.mjs --site DIR');
  process.exit(2);
}

const checks = new Map();
function check(name, problems) {
  checks.set(name, [...(checks.get(name) ?? []), ...problems]);
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}${problems.length ? `\n      - ${problems.join('\n      - ')}` : ''}`);
}

const pages = [];
(function walk(dir) {
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) walk(p);
    else if (ent.name.endsWith('.html')) pages.push(path.relative(site, p).split(path.sep).join('/'));
  }
})(site);
pages.sort();

// Inspects the loaded page; returns problems.
async function inspect(page) {
  return page.evaluate(() => {
    const problems = [];
    if (window.__pwned !== undefined) problems.push(`a payload script ran (window.__pwned = ${window.__pwned})`);
    const bad = /^\s*(javascript|vbscript|data):/i;
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) problems.push(`<${el.localName}> has event handler ${a.name}="${a.value.slice(0, 40)}"`);
        if (['href', 'src', 'action', 'formaction', 'data', 'poster', 'srcdoc', 'xlink:href', 'srcset'].includes(a.name.toLowerCase()) && (bad.test(a.value) || a.name === 'srcdoc')) {
          problems.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`);
        }
      }
    }
    for (const s of document.querySelectorAll('script')) {
      const src = s.getAttribute('src') ?? '';
      if (!(/(^|\/)static\/[a-z0-9./-]+\.js$/.test(src) || /(^|\/)search\/[a-z]+\.js$/.test(src) || src === 'data.js')) {
        problems.push(`unexpected <script${src ? ` src="${src}"` : ''}>${s.textContent.slice(0, 40)}`);
      }
    }
    for (const t of ['iframe', 'object', 'embed', 'svg[onload]', 'style:not(head style)', 'base', 'meta[http-equiv]']) {
      for (const el of document.querySelectorAll(t)) problems.push(`injected <${el.localName}>`);
    }
    return problems;
  });
}

function guard(page) {
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()} dialog opened: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => dialogs.push(`page error: ${e.message}`));
  return dialogs;
}

const { server, base } = await serve(site);
const { ctx, close } = await launch();
try {
  let shown = 0;
  for (const [origin, url] of [['http', (p) => base + p], ['file', (p) => pathToFileURL(path.join(site, p)).href]]) {
    const problems = [];
    const page = await ctx.newPage();
    const dialogs = guard(page);
    for (const p of pages) {
      await page.goto(url(p));
      // Hover and focus everything once, so handlers bound to those events would fire.
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('body *')) {
          for (const t of ['mouseover', 'focus', 'pointerenter']) el.dispatchEvent(new Event(t));
        }
      });
      await page.waitForTimeout(20);
      problems.push(...(await inspect(page)).map((x) => `/${p}: ${x}`));
      if ((await page.textContent('body')).includes('<script>window.__pwned')) shown++;
    }
    problems.push(...dialogs);
    check(`${origin}: ${pages.length} pages, no payload ran, no dialog, no script URL`, problems);
    await page.close();
  }
  check(`payloads are shown as text on ${shown} page loads`, shown >= pages.length ? [] : [`only ${shown} of ${2 * pages.length} loads show a payload as text`]);

  // Search results that hold the payloads, on the state and national search pages.
  const searches = pages.filter((p) => /(^|\/)search\/index\.html$/.test(p));
  for (const p of searches) {
    for (const q of ['script', 'pwned', 'onerror', 'alert', 'javascript', 'psychotherapy']) {
      const page = await ctx.newPage();
      const dialogs = guard(page);
      await page.goto(`${base}${p}?q=${q}`);
      await page.waitForFunction((q) => document.getElementById('search-app')?.dataset.query === q && document.getElementById('search-app').dataset.complete === 'true', q, { timeout: 15_000 }).catch(() => {});
      const n = await page.$$eval('#search-results > li', (l) => l.length);
      await page.waitForTimeout(50);
      const problems = [...(await inspect(page)), ...dialogs];
      if (q === 'psychotherapy' && n === 0) problems.push('no results for a word in a payload field, so the results were not exercised');
      check(`search /${p}?q=${q} (${n} results) stays inert`, problems);
      await page.close();
    }
  }

  // The side-by-side page draws its table with script from data.js.
  if (pages.includes('compare/side-by-side/index.html')) {
    const page = await ctx.newPage();
    const dialogs = guard(page);
    await page.goto(`${base}compare/side-by-side/index.html`);
    const values = await page.$$eval('#pick-a option', (os) => os.map((o) => o.value).filter(Boolean));
    if (values.length >= 2) {
      await page.selectOption('#pick-a', values[1]);
      await page.selectOption('#pick-b', values[0]);
    }
    await page.waitForTimeout(100);
    check('side-by-side with a pair drawn stays inert', [...(await inspect(page)), ...dialogs]);
    await page.close();
  }
} finally {
  await close();
  server.close();
}
const failed = [...checks].filter(([, p]) => p.length);
console.log(`browser: ${checks.size - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
