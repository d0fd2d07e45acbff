#!/usr/bin/env node
// Real-browser checks for pages made of parts (render::parts): a state's
// printable guide (a part per service, crosswalk and guidance document) and
// a national code page (a part per state's rows).
//
//   node tests/browser/parts.mjs --built DIR --served DIR --state ma --code 96110 --edited TEXT
//
// --built is the sample catalog, edited, built by `coverguide build`;
// --served is what the serve engine served after the same edits, its parts
// rendered at different times and put together. In Debian's Chromium, over
// HTTP under a sub-path, for each site:
//   1. the guide: every part is an element (no markup shown as text), in the
//      order of the contents, each contents link names one element, no id
//      appears twice, and the edited service's section shows the edit;
//   2. the national code page: one table body holds every state's rows, in
//      state order, and sorting by state reorders rows across the parts;
//   3. the two sites' pages are the same document (whitespace aside: the
//      build's templates are compacted);
//   4. axe-core WCAG 2.1 A/AA on both pages; no sideways scrolling at 320 px.
// Prints each failure, then `parts-browser: N passed, M failed`; exits 1 on failure.

import fs from 'node:fs';
import path from 'node:path';
import { axe, checks, launch, pageErrors, serve } from './lib.mjs';


const args = process.argv.slice(2);
const arg = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const built = arg('--built');
const served = arg('--served');
const st = arg('--state');
const code = arg('--code');
const edited = arg('--edited');
for (const dir of [built, served]) {
  if (!dir || !st || !code || !edited || !fs.existsSync(path.join(dir, st, 'guide', 'index.html'))) {
    console.error('usage: node parts.mjs --built DIR --served DIR --state XX --code CODE --edited TEXT');
    process.exit(2);
  }
}

const { check, report } = checks();

// The document under <main> as a list of lines: elements with their
// attributes, and text with its whitespace collapsed; whitespace-only text
// is left out (a browser renders none of it between these blocks and rows).
const outline = (page) =>
  page.evaluate(() => {
    const out = [];
    const walk = (node, depth) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const t = node.textContent.replace(/\s+/g, ' ').trim();
        if (t) out.push(`${' '.repeat(depth)}"${t}"`);
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      const attrs = [...node.attributes].map((a) => `${a.name}=${a.value}`).sort().join(' ');
      out.push(`${' '.repeat(depth)}<${node.localName} ${attrs}>`);
      for (const c of node.childNodes) walk(c, depth + 1);
    };
    walk(document.querySelector('main'), 0);
    return out;
  });

const sites = [
  ['built', built],
  ['served', served],
];
const outlines = {};
const { ctx, close } = await launch();
const servers = [];
try {
  const page = await ctx.newPage();
  const errors = pageErrors(ctx, page);
  for (const [label, dir] of sites) {
    const { server, base } = await serve(dir);
    servers.push(server);

    // 1. The guide.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${base}${st}/guide/index.html`);
    const g = await page.evaluate(() => {
      const article = document.querySelector('article.guide');
      const parts = [...article.querySelectorAll(':scope > section.guide-part')].map((s) => s.id);
      const toc = [...document.querySelectorAll('nav.guide-toc a')].map((a) => a.getAttribute('href').slice(1));
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      const targets = toc.filter((id) => document.querySelectorAll(`[id="${CSS.escape(id)}"]`).length !== 1);
      return { parts, toc, dupes: ids.filter((id, i) => ids.indexOf(id) !== i), targets, text: article.innerText };
    });
    // The contents lists the overview, the parts (with their guidance
    // headings) and the sources, in page order.
    const tocParts = g.toc.filter((id) => !id.includes('--'));
    check(`${label}: guide parts are elements in contents order`, JSON.stringify(tocParts) === JSON.stringify(g.parts), `${tocParts} vs ${g.parts}`);
    check(`${label}: guide has its parts`, g.parts.filter((id) => id.startsWith('svc-')).length >= 3, String(g.parts));
    check(`${label}: every contents link names one element`, g.targets.length === 0, String(g.targets));
    check(`${label}: no id twice`, g.dupes.length === 0, String(g.dupes));
    check(`${label}: no markup shown as text`, !/<\/?(section|h2|tr|td|p)\b|&lt;|&amp;lt;/.test(g.text));
    check(`${label}: the edited service shows the edit`, g.text.includes(edited));
    outlines[`${label} guide`] = await outline(page);
    await axe(page, check, `${label} guide`);
    await page.setViewportSize({ width: 320, height: 640 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    check(`${label}: guide fits 320 px`, wide <= 320, `${wide}px`);

    // 2. The national code page.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${base}codes/${code}/index.html`);
    const states = () => page.$$eval('table[data-sortable] tbody tr', (rows) => rows.map((r) => r.cells[0].textContent.trim()));
    const t = await page.evaluate(() => ({
      bodies: document.querySelectorAll('table[data-sortable] tbody').length,
      cells: [...document.querySelectorAll('table[data-sortable] tbody tr')].map((r) => r.cells.length),
      heads: document.querySelectorAll('table[data-sortable] thead th').length,
      text: document.querySelector('main').innerText,
    }));
    const asWritten = await states();
    check(`${label}: one table body`, t.bodies === 1, String(t.bodies));
    check(`${label}: rows of two or more states`, new Set(asWritten).size >= 2, String(asWritten));
    check(`${label}: every row has every column`, t.cells.every((n) => n === t.heads), `${t.cells} of ${t.heads}`);
    // Rows come in postal-code order (the state's link is `../../<st>/index.html`).
    const codesWritten = await page.$$eval('table[data-sortable] tbody tr', (rows) =>
      rows.map((r) => r.cells[0].querySelector('a').getAttribute('href').split('/')[2]),
    );
    check(`${label}: states in order`, JSON.stringify(codesWritten) === JSON.stringify([...codesWritten].sort()), String(codesWritten));
    check(`${label}: no markup shown as text`, !/<\/?(tr|td|th)\b|&lt;/.test(t.text));
    check(`${label}: the code page shows the edit`, t.text.includes(edited));
    outlines[`${label} code`] = await outline(page);
    const stateButton = page.locator('table[data-sortable] thead th').nth(0).locator('button');
    await stateButton.click();
    await stateButton.click();
    const descending = await states();
    check(
      `${label}: sorting by state reorders rows across parts`,
      JSON.stringify(descending) === JSON.stringify([...asWritten].sort().reverse()) && descending[0] !== asWritten[0],
      String(descending),
    );
    await axe(page, check, `${label} code page`);
  }
  // 3. The same documents.
  for (const which of ['guide', 'code']) {
    const [a, b] = [outlines[`built ${which}`], outlines[`served ${which}`]];
    const at = a.findIndex((line, i) => line !== b[i]);
    check(`${which}: served page is the built page`, a.length === b.length && at === -1, at === -1 ? `${a.length} vs ${b.length} lines` : `${a[at]} vs ${b[at]}`);
  }
  check('no script errors', errors.length === 0, errors.join('; '));
} finally {
  await close();
  for (const s of servers) s.close();
}

report('parts-browser');
