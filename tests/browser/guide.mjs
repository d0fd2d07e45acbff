#!/usr/bin/env node
// Real-browser checks for the printable guide (/<st>/guide/).
//
//   node tests/browser/guide.mjs --site DIR --state or
//
// DIR is a catalog built by coverguide. In Debian's Chromium, over HTTP under
// a sub-path:
//   1. every contents link names an element on the page, and clicking one
//      makes that part the :target; no id appears twice;
//   2. with print media emulated: the site navigation, search, breadcrumbs
//      and print button are not displayed; every part starts a new page
//      (break-before: page); external links print their URL; "Not
//      documented" stays italic with its dash, with no colour needed;
//   3. page.pdf() prints more pages than the guide has parts;
//   4. the print button calls window.print(); the state home's button opens
//      the guide and prints it; without script the buttons stay hidden and
//      the state home's plain link opens the guide;
//   5. axe-core WCAG 2.1 A/AA with screen and print media; no sideways
//      scrolling at 320 px.
// Prints each failure, then `guide-browser: N passed, M failed`; exits 1 on failure.

import fs from 'node:fs';
import path from 'node:path';
import { axe, checks, launch, pageErrors, serve } from './lib.mjs';


const args = process.argv.slice(2);
const arg = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const site = arg('--site');
const st = arg('--state') || 'or';
if (!site || !fs.existsSync(path.join(site, st, 'guide', 'index.html'))) {
  console.error('usage: node guide.mjs --site DIR --state XX (DIR/XX/guide/index.html must exist)');
  process.exit(2);
}

const { check, fail, report } = checks();

const { server, base } = await serve(site);
const { ctx, close } = await launch();
try {
  // Record print requests instead of opening a dialog.
  await ctx.addInitScript(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  const page = await ctx.newPage();
  const errors = pageErrors(ctx, page);
  const guide = `${base}${st}/guide/index.html`;

  // 1. Contents and ids.
  await page.goto(guide);
  const toc = await page.$$eval('nav.guide-toc a', (as) => as.map((a) => a.getAttribute('href')));
  const missing = await page.evaluate((hrefs) => hrefs.filter((h) => !h.startsWith('#') || !document.getElementById(decodeURIComponent(h.slice(1)))), toc);
  check('the guide has a table of contents', toc.length >= 4, `${toc.length} links`);
  check('every contents link names an element on the page', missing.length === 0, missing.join(', '));
  const dupes = await page.evaluate(() => {
    const seen = new Map();
    for (const e of document.querySelectorAll('[id]')) seen.set(e.id, (seen.get(e.id) || 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  check('no id appears twice', dupes.length === 0, dupes.join(', '));
  const parts = await page.$$eval('.guide-part', (s) => s.map((x) => x.id));
  const firstService = parts.find((id) => id.startsWith('svc-'));
  check('the guide has service parts', !!firstService, parts.join(', '));
  await page.locator(`nav.guide-toc a[href="#${firstService}"]`).click();
  await page.waitForURL(new RegExp(`#${firstService}$`));
  check('a contents link makes its part the :target', (await page.evaluate(() => document.querySelector(':target')?.id)) === firstService);
  const docHeading = await page.$$eval('nav.guide-toc a[href*="--"]', (as) => as.map((a) => a.getAttribute('href')));
  check('guidance headings are listed with per-document ids', docHeading.length > 0 && docHeading.every((h) => /^#doc-[a-z0-9-]+--/.test(h)), docHeading.join(', '));
  check('the print button shows with script', await page.locator('button[data-print]').isVisible());
  await axe(page, check, 'guide (screen)');

  // 2. Print media.
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.evaluate(() =>
    ['.state-nav', '.site-search', '.breadcrumbs', 'button[data-print]', '.skip-link'].map((sel) => {
      const e = document.querySelector(sel);
      return [sel, e ? getComputedStyle(e).display : 'absent'];
    }),
  );
  check('navigation, search and buttons are not printed', hidden.every(([, d]) => d === 'none'), JSON.stringify(hidden));
  const breaks = await page.$$eval('.guide-part', (s) => s.map((x) => getComputedStyle(x).breakBefore));
  check('every part starts a new printed page', breaks.length === parts.length && breaks.every((b) => b === 'page'), breaks.join(','));
  check('the contents list is printed', (await page.$eval('nav.guide-toc', (n) => getComputedStyle(n).display)) !== 'none');
  const ext = await page.$$eval('main a[href^="http"]', (as) => as.map((a) => [a.href, getComputedStyle(a, '::after').content]));
  check('external links print their URL', ext.length > 0 && ext.every(([href, c]) => c.includes(href) || c.includes(href.replace(/\/$/, ''))), JSON.stringify(ext.slice(0, 3)));
  const internal = await page.$$eval('main a[href^="#"]', (as) => as.map((a) => getComputedStyle(a, '::after').content));
  check('in-page links print no URL', internal.every((c) => c === 'none' || c === 'normal'), internal.slice(0, 3).join(','));
  const nd = await page.$$eval('.undocumented', (es) => es.map((e) => [getComputedStyle(e).fontStyle, getComputedStyle(e, '::before').content, e.textContent.trim()]));
  check('"Not documented" is marked by shape and text, not colour', nd.length > 0 && nd.every(([s, b]) => s === 'italic' && b.includes('—')), JSON.stringify(nd.slice(0, 2)));
  const font = await page.evaluate(() => getComputedStyle(document.body).fontSize);
  check("print body text is 11pt", Math.abs(parseFloat(font) - (11 * 96) / 72) < 0.01, font);
  const rowsSplit = await page.$$eval('main tr', (rs) => rs.every((r) => getComputedStyle(r).breakInside === 'avoid'));
  check('table rows are not split across pages', rowsSplit);
  await axe(page, check, 'guide (print media)');

  // 3. A real PDF.
  const pdf = await page.pdf({ format: 'Letter', printBackground: false });
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
  check('page.pdf() writes a PDF', text.startsWith('%PDF-'));
  check('the PDF has a page per part at least', pages > parts.length, `${pages} pages for ${parts.length} parts`);
  await page.emulateMedia({ media: 'screen' });

  // 4. Print buttons.
  await page.locator('button[data-print]').click();
  check('the print button calls window.print()', (await page.evaluate(() => window.__printed)) === 1);
  await page.goto(`${base}${st}/index.html`);
  const homeButton = page.locator('button[data-print-guide]');
  check('the state home shows its print button with script', await homeButton.isVisible());
  await homeButton.click();
  await page.waitForURL(/\/guide\/index\.html\?print$/);
  await page.waitForLoadState('load');
  await page.waitForFunction(() => window.__printed === 1, null, { timeout: 5000 }).catch(() => {});
  check('the state home button opens the guide and prints it', (await page.evaluate(() => window.__printed)) === 1);
  await axe(page, check, 'state home');

  const bare = await ctx.newPage();
  const cdp = await ctx.newCDPSession(bare);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await bare.goto(`${base}${st}/index.html`);
  check('without script the state home button stays hidden', !(await bare.locator('button[data-print-guide]').isVisible()));
  await bare.getByRole('link', { name: 'Printable guide' }).click();
  await bare.waitForURL(/\/guide\/index\.html$/);
  check('without script the plain link opens the guide', (await bare.locator('h1').textContent()).length > 0);
  check('without script the guide print button stays hidden', !(await bare.locator('button[data-print]').isVisible()));
  check('without script the guide says how to print', await bare.locator('.print-hint').isVisible());
  await bare.close();

  // 5. Narrow screens.
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(guide);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check('no sideways scrolling at 320 px', wide <= 0, `${wide}px`);
  check('no script or console errors', errors.length === 0, errors.join('; '));
} catch (e) {
  fail(`unexpected: ${e.stack || e}`);
} finally {
  await close();
  server.close();
}
report('guide-browser');
