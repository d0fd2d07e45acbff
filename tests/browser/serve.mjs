#!/usr/bin/env node
// Real-browser checks for `coverguide serve` (live reload and the error
// overlay).
//
//   node tests/browser/serve.mjs --url http://127.0.0.1:PORT/ --catalog DIR
//
// URL is a running `coverguide serve --catalog DIR` on a copy of the sample
// catalog, which this script edits. In Debian's Chromium:
//   1. a service page loads with the live-reload script and no overlay, and
//      no script error;
//   2. saving an edit to the service's file reloads the open page by itself,
//      showing the new name;
//   3. a broken edit reloads the page into the last good content with an
//      overlay: role=alertdialog, named by its heading, focused, listing the
//      file with line and column and the message; axe-core WCAG 2.1 A/AA
//      finds nothing on the page with the overlay, at 1280 and 320 px; Esc
//      hides it and the "Hide" button is reachable by keyboard;
//   4. fixing the file reloads the page without the overlay.
// Every wait has a deadline; nothing sleeps a fixed time to assert.
// Prints each failure, then `serve-browser: N passed, M failed`; exits 1 on failure.

import fs from 'node:fs';
import path from 'node:path';
import { axe, checks, launch } from './lib.mjs';


const args = process.argv.slice(2);
const url = args[args.indexOf('--url') + 1];
const catalog = args[args.indexOf('--catalog') + 1];
if (!url || !catalog || !fs.existsSync(path.join(catalog, 'states'))) {
  console.error('usage: node serve.mjs --url URL --catalog DIR');
  process.exit(2);
}
const WAIT = 60_000;
const SERVICE = path.join(catalog, 'states/wa/services/wa-iecmh-treatment.yaml');
const PAGE = new URL('wa/services/wa-iecmh-treatment/', url).href;
const ORIGINAL = 'Infant-early childhood mental health treatment';
const EDITED = 'Infant and early childhood treatment, edited in the browser test';

const { check, report } = checks();

function replaceIn(file, from, to) {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

const { ctx, close } = await launch();
try {
  const errors = [];
  ctx.on('weberror', (e) => errors.push(e.error().message));
  const page = await ctx.newPage();
  // Failed requests are listed by URL (the console message has none). The
  // browser's own favicon request is no page's doing.
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });

  // 1. The page, with the script and without the overlay.
  await page.goto(PAGE);
  const h1 = page.locator('h1');
  check('page shows the service', (await h1.textContent()).includes(ORIGINAL));
  check('live-reload script is loaded', (await page.locator('script[src="/__coverguide/live.js"]').count()) === 1);
  check('no overlay on a good build', (await page.locator('#coverguide-serve-errors').count()) === 0);
  // (Should the edit land before the event stream connects, the first event
  // already names a newer build than the page's data-build, which reloads.)

  // 2. An edit reloads the page.
  replaceIn(SERVICE, ORIGINAL, EDITED);
  try {
    await page.locator('h1', { hasText: EDITED }).waitFor({ timeout: WAIT });
    check('edit reloads the page with the new name', true);
  } catch (e) {
    check('edit reloads the page with the new name', false, e.message.split('\n')[0]);
  }

  // 3. A broken edit: overlay over the last good page.
  replaceIn(SERVICE, '\ncategory:', '\ncategry:');
  const overlay = page.locator('#coverguide-serve-errors');
  try {
    await overlay.waitFor({ state: 'visible', timeout: WAIT });
    check('broken edit shows the overlay', true);
  } catch (e) {
    check('broken edit shows the overlay', false, e.message.split('\n')[0]);
  }
  if ((await overlay.count()) === 1) {
    check('overlay is an alert dialog', (await overlay.getAttribute('role')) === 'alertdialog');
    const name = await page.evaluate(() => {
      const o = document.getElementById('coverguide-serve-errors');
      return document.getElementById(o.getAttribute('aria-labelledby'))?.textContent;
    });
    check('overlay is named by its heading', name === 'The catalog has 1 problem', name);
    // The overlay is in the page as it is parsed; the serve script at the end of the page focuses it.
    const focused = await page
      .waitForFunction(() => document.activeElement?.id === 'coverguide-serve-errors', null, { timeout: WAIT })
      .then(() => true, () => false);
    check('overlay has focus', focused);
    const text = await overlay.textContent();
    check('overlay names file, line and column', /wa-iecmh-treatment\.yaml:\d+:\d+/.test(text) && /line \d+, column \d+/.test(text), text.slice(0, 200));
    check('overlay gives the message and hint', text.includes('unknown field `categry`') && text.includes('did you mean `category`?'));
    check('the last good page stays under the overlay', (await h1.textContent()).includes(EDITED));
    await axe(page, check, 'page with the overlay at 1280 px');
    await page.setViewportSize({ width: 320, height: 640 });
    await axe(page, check, 'page with the overlay at 320 px');
    const fits = await page.evaluate(() => {
      const r = document.getElementById('coverguide-serve-errors').getBoundingClientRect();
      return r.left >= 0 && r.right <= window.innerWidth;
    });
    check('overlay fits 320 px', fits);
    await page.setViewportSize({ width: 1280, height: 800 });
    // Keyboard: from the focused dialog, Tab reaches the Hide button without
    // leaving the dialog; Esc hides it.
    let onButton = false;
    let inside = true;
    for (let i = 0; i < 6 && !onButton && inside; i++) {
      await page.keyboard.press('Tab');
      [onButton, inside] = await page.evaluate(() => [
        document.activeElement?.id === 'coverguide-serve-hide',
        !!document.activeElement?.closest('#coverguide-serve-errors'),
      ]);
    }
    check('Tab reaches the Hide button inside the dialog', onButton);
    await page.keyboard.press('Escape');
    check('Esc hides the overlay', await overlay.isHidden());
  }

  // 4. Fixing the file clears it.
  replaceIn(SERVICE, '\ncategry:', '\ncategory:');
  try {
    await overlay.waitFor({ state: 'detached', timeout: WAIT });
    await page.locator('h1', { hasText: EDITED }).waitFor({ timeout: WAIT });
    check('fixing the file removes the overlay', true);
  } catch (e) {
    check('fixing the file removes the overlay', false, e.message.split('\n')[0]);
  }
  check('no script errors', errors.length === 0, errors.join('; '));
} finally {
  await close();
}

report('serve-browser', console.error);
