#!/usr/bin/env node
// Real-browser checks for code pages and crosswalks (issue: code sets and
// crosswalks navigable both ways).
//
//   node tests/browser/codes.mjs --site DIR
//
// DIR is the tests/fixtures/codes_pages catalog built by coverguide. In
// Debian's Chromium, over HTTP under a sub-path:
//   1. a sortable table: every column heading holds a <button>; clicking one
//      sorts the rows and sets aria-sort; clicking again reverses; the
//      keyboard (Tab to the button, Enter) does the same; a status message
//      announces the order;
//   2. without JavaScript the table is the page's own, in file order;
//   3. the crosswalk's CSV link downloads the file, whose first line is the
//      header;
//   4. navigation both ways by clicking links: crosswalk -> ICD-10-CM code
//      page -> service page -> billing code page, and ICD-10-CM page ->
//      crosswalk row (its #row-N target exists);
//   5. axe-core WCAG 2.1 A/AA on the enhanced pages, at 1280 and 320 px.
// Prints each failure, then `codes-browser: N passed, M failed`; exits 1 on failure.

import fs from 'node:fs';
import path from 'node:path';
import { axe, checks, launch, pageErrors, serve } from './lib.mjs';


const args = process.argv.slice(2);
const site = args[args.indexOf('--site') + 1];
if (!site || !fs.existsSync(path.join(site, 'index.html'))) {
  console.error('usage: node codes.mjs --site DIR');
  process.exit(2);
}

const { check, fail, report } = checks();

const column = (page, n) =>
  page.$$eval(`table[data-sortable] tbody tr`, (rows, n) => rows.map((r) => r.cells[n].textContent.trim()), n);

const { server, base } = await serve(site);
const { ctx, close } = await launch();
try {
  const page = await ctx.newPage();
  const errors = pageErrors(ctx, page);

  // 1. Sorting by mouse, then by keyboard.
  await page.goto(base + 'or/crosswalks/test-crosswalk/index.html');
  const buttons = await page.$$eval('table[data-sortable] thead th', (ths) => ths.map((th) => !!th.querySelector('button.sort-button')));
  check('every heading has a sort button', buttons.length === 6 && buttons.every(Boolean), JSON.stringify(buttons));
  const before = await column(page, 0);
  check('rows start in file order', before[0] === 'Global Developmental Delay', before.join(' | '));
  const dc05 = page.locator('table[data-sortable] thead th').nth(0);
  await dc05.locator('button').click();
  check('click sorts ascending', (await dc05.getAttribute('aria-sort')) === 'ascending');
  const asc = await column(page, 0);
  check('rows sorted ascending', asc[0].startsWith('Autism') && asc[1] === 'Global Developmental Delay', asc.join(' | '));
  await dc05.locator('button').click();
  check('second click sorts descending', (await dc05.getAttribute('aria-sort')) === 'descending');
  check('rows sorted descending', (await column(page, 0))[0] === 'Global Developmental Delay');
  const status = await page.locator('[role="status"]').first().textContent();
  check('sort is announced', /Sorted by DC:0-5.*descending/.test(status), status);
  // Keyboard: focus the "Category" button and press Enter; only one heading is sorted.
  await page.locator('table[data-sortable] thead th').nth(1).locator('button').focus();
  await page.keyboard.press('Enter');
  const sorts = await page.$$eval('table[data-sortable] thead th', (ths) => ths.map((th) => th.getAttribute('aria-sort')));
  check('Enter sorts by the focused column alone', sorts[1] === 'ascending' && sorts.filter(Boolean).length === 1, JSON.stringify(sorts));
  await axe(page, check, 'crosswalk (sorted)');

  // 3. CSV download.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download this crosswalk as CSV/ }).click()]);
  const file = await download.path();
  const first = fs.readFileSync(file, 'utf8').split('\r\n')[0];
  check('CSV downloads with its header', first.startsWith('dc05_diagnosis,dc05_category,'), first);
  check('CSV keeps its file name', download.suggestedFilename() === 'test-crosswalk.csv', download.suggestedFilename());

  // 4. DC:0-5 -> ICD-10-CM -> service -> billing code, by clicking.
  await page.locator('table[data-sortable] a.code', { hasText: 'F88' }).first().click();
  await page.waitForURL(/or\/icd10cm\/F88\/index\.html$/);
  check('crosswalk code opens its ICD-10-CM page', (await page.locator('h1').textContent()).includes('F88'));
  await axe(page, check, 'ICD-10-CM page');
  // ICD-10-CM -> DC:0-5: the crosswalk row it came from.
  const rowHref = await page.locator('a[href*="#row-"]').first().getAttribute('href');
  await page.locator('a[href*="#row-"]').first().click();
  await page.waitForURL(/#row-\d$/);
  const target = await page.evaluate(() => document.querySelector(':target')?.querySelector('th')?.textContent ?? null);
  check('ICD-10-CM page links to the crosswalk row', target !== null && target.length > 0, `${rowHref} -> ${target}`);
  await page.goBack();
  await page.getByRole('link', { name: 'Dyadic therapy' }).first().click();
  await page.waitForURL(/or\/services\/or-therapy\/index\.html$/);
  await page.getByRole('link', { name: 'H2019' }).click();
  await page.waitForURL(/or\/codes\/H2019\/index\.html$/);
  check('service links its billing code page', (await page.locator('h1').textContent()).trim() === 'H2019');
  await axe(page, check, 'state code page');
  await page.getByRole('link', { name: 'Compare all states' }).click();
  await page.waitForURL(/\/codes\/H2019\/index\.html$/);
  const states = await column(page, 0);
  check('national page lists states side by side', states.join(',') === 'Oregon,Washington', states.join(','));
  await page.locator('table[data-sortable] thead th').nth(0).locator('button').click();
  await page.locator('table[data-sortable] thead th').nth(0).locator('button').click();
  check('national table sorts by state', (await column(page, 0)).join(',') === 'Washington,Oregon');
  await axe(page, check, 'national code page');

  // 5. 320 px: no sideways scroll, and still accessible, on the widest table.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(base + 'codes/H2019/index.html');
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  check('320 px: no sideways scrolling', sw <= 321, `scrollWidth ${sw}`);
  await axe(page, check, 'national code page at 320 px');
  check('no script or console errors', errors.length === 0, errors.join('; '));

  // 2. Without JavaScript: the plain table, in file order, no buttons.
  const { ctx: noJs, close: closeNoJs } = await launch();
  try {
    const p2 = await noJs.newPage();
    await noJs.route('**/*.js', (r) => r.abort());
    await p2.goto(base + 'or/crosswalks/test-crosswalk/index.html');
    const plain = await p2.$$eval('table[data-sortable] thead button', (b) => b.length);
    check('without JavaScript the headings are plain', plain === 0, `${plain} buttons`);
    check('without JavaScript rows keep file order', (await column(p2, 0))[0] === 'Global Developmental Delay');
  } finally {
    await closeNoJs();
  }
} catch (e) {
  fail(`unexpected error: ${e.stack ?? e}`);
} finally {
  await close();
  server.closeAllConnections?.();
  server.close();
}
report('codes-browser');
