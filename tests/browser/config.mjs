#!/usr/bin/env node
// Real-browser checks for the branding set in coverguide.toml.
//
//   node tests/browser/config.mjs --site DIR
//
// DIR is the branded test catalog (tests/config_browser.rs) built by
// coverguide. Over HTTP under a sub-path, on the home, a state, a service and
// a search page, at 1280 and 320 px:
//   1. the header logo loads (naturalWidth > 0) and its alt text is the
//      configured `logo_alt`, which is part of the home link's accessible name;
//   2. the accent colour is applied: links are computed in the accent
//      (#7a2e0e), and the header band in its darker shade;
//   3. the footer shows the configured text, agency and contact links;
//   4. axe-core WCAG 2.1 A/AA finds no violation (contrast included).
// Prints each failure, then `config-browser: N passed, M failed`; exits 1 on failure.

import fs from 'node:fs';
import path from 'node:path';
import { axe, checks, launch, serve } from './lib.mjs';


const args = process.argv.slice(2);
const site = args[args.indexOf('--site') + 1];
if (!site || !fs.existsSync(path.join(site, 'index.html'))) {
  console.error('usage: node config.mjs --site DIR');
  process.exit(2);
}

const { check, report } = checks();

const PAGES = ['index.html', 'or/index.html', 'or/services/or-assessment/index.html', 'or/search/index.html'];
const { server, base } = await serve(site);
try {
  for (const width of [1280, 320]) {
    const { ctx, close } = await launch({ width, height: 800 });
    try {
      for (const rel of PAGES) {
        const label = `${rel} @${width}`;
        const page = await ctx.newPage();
        await page.goto(base + rel);
        await page.waitForLoadState('load');
        const logo = await page.evaluate(() => {
          const img = document.querySelector('header img.site-logo');
          return img && { alt: img.getAttribute('alt'), w: img.naturalWidth, name: img.closest('a').innerText, complete: img.complete };
        });
        check(`logo ${label}`, logo && logo.complete && logo.w > 0, JSON.stringify(logo));
        check(`logo alt ${label}`, logo && logo.alt === 'Example Health Authority logo', JSON.stringify(logo));
        const name = await page.locator('header a.site-title').evaluate((a) => a.textContent + ' ' + a.querySelector('img').alt);
        check(`home link name ${label}`, name.includes('Test state IECMH guide') && name.includes('Example Health Authority logo'), name);
        const colours = await page.evaluate(() => ({
          link: getComputedStyle(document.querySelector('main a:not(.button-secondary)') || document.querySelector('footer a')).color,
          header: getComputedStyle(document.querySelector('header.site-header')).backgroundColor,
        }));
        check(`accent on links ${label}`, colours.link === 'rgb(122, 46, 14)', colours.link);
        check(`darker accent on header ${label}`, colours.header === 'rgb(92, 35, 11)', colours.header);
        const footer = await page.locator('footer').innerText();
        check(`footer ${label}`, footer.includes('Published for tests only.') && footer.includes('Published by Example Health Authority') && footer.includes('iecmh@example.gov'), footer);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        check(`no horizontal scroll ${label}`, overflow <= 0, `${overflow}px`);
        await axe(page, check, label);
        await page.close();
      }
    } finally {
      await close();
    }
  }
} finally {
  server.closeAllConnections?.();
  server.close();
}

report('config-browser');
