#!/usr/bin/env node
// Real-browser checks for a site written by `coverguide build`.
//
//   node tests/browser/check.mjs --site DIR [--screenshots DIR] [--jobs N]
//
// Drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) through
// playwright-core and runs axe-core inside each page. Nothing is downloaded:
// playwright-core is only the driver, the browser is the system one.
//
// What it checks (see the contract in the project README / site layout):
//   1. serves DIR under the sub-path /guides/ on 127.0.0.1, so any
//      root-absolute URL ("/static/style.css") 404s and is caught;
//   2. every */index.html: loads with no console error, page error, failed
//      request, HTTP >= 400 subresource or request to another origin; no
//      axe-core WCAG 2.0/2.1 A/AA violation; exactly one <h1>; every linked
//      stylesheet loaded and has rules;
//   3. every relative <a href> resolves to an existing target (HTTP 200) and
//      every #fragment names an element id on the target page;
//   4. a few pages opened from file:// still get their CSS (same computed
//      styles as over HTTP) and their relative links point at existing files;
//   5. keyboard: first Tab lands on a visible skip link with a focus
//      indicator, Enter moves focus (or the focus starting point) into <main>;
//   6. at 320 CSS px the national home and a service page do not scroll
//      sideways (wide tables must scroll inside their own wrapper);
//   7. full-page screenshots at 375 and 1280 px of one page of each kind;
//   8. prints every failure, then `browser: N passed, M failed`, and exits 1
//      if M > 0 (2 on a usage or set-up error).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { MOUNT, HOST, CHROMIUM, CHROMIUM_ARGS, startServer, urlPathToFile } from './lib.mjs';

const require = createRequire(import.meta.url);
// Injected into every page; read once.
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const DESKTOP = { width: 1280, height: 800 };
const NARROW = 320;
const SHOT_WIDTHS = [375, 1280];
const NAV_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------- arguments

function usage(msg) {
  if (msg) console.error(`check.mjs: ${msg}`);
  console.error('usage: node check.mjs --site DIR [--screenshots DIR] [--jobs N] [--timeout SECONDS]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { site: null, screenshots: null, jobs: Math.max(2, Math.min(4, os.cpus().length + 1)), timeout: 1800 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--site') opts.site = path.resolve(val());
    else if (a === '--screenshots') opts.screenshots = path.resolve(val());
    else if (a === '--jobs') opts.jobs = Number(val());
    else if (a === '--timeout') opts.timeout = Number(val());
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!opts.site) usage('--site is required');
  if (!fs.existsSync(path.join(opts.site, 'index.html'))) usage(`${opts.site}/index.html does not exist`);
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1) usage('--jobs must be a positive integer');
  return opts;
}

// ------------------------------------------------------------------ results
//
// Each named check passes (no problems) or fails with a list of problems.
// The summary counts checks, not problems.

const checks = new Map(); // name -> array of problem strings

function check(name, problems) {
  const list = checks.get(name) ?? [];
  list.push(...problems);
  checks.set(name, list);
  if (problems.length) console.log(`FAIL ${name}: ${problems.length} problem(s)`);
}

function report() {
  // Checks run a few pages at a time, so sort for stable output: by page,
  // then by kind ("axe /or/" -> ["/or/", "axe"]).
  const key = (name) => {
    const i = name.lastIndexOf(' ');
    return `${name.slice(i + 1)}\u0000${name.slice(0, i)}`;
  };
  const failed = [...checks].filter(([, p]) => p.length).sort(([a], [b]) => key(a).localeCompare(key(b)));
  if (failed.length) {
    console.log(`\n${failed.length} failing check(s):`);
    for (const [name, problems] of failed) {
      console.log(`\n✗ ${name}`);
      for (const p of problems) console.log(`    - ${p}`);
    }
    console.log('');
  }
  const passed = checks.size - failed.length;
  // Exact format relied on by CI log readers.
  console.log(`browser: ${passed} passed, ${failed.length} failed`);
  return failed.length;
}

// ------------------------------------------------------------ static server
//
// Deliberately dumb, like a plain static host: a URL ending in "/" serves
// that directory's index.html; a directory without the slash is a 404 (a
// link like "../services" would break relative URLs on the target page and
// opens a directory listing under file://, so it must not be papered over).

// --------------------------------------------------------------- discovery

// Every page under root, as site paths: "/", "/or/", "/or/services/" for
// index.html files, and the file's own path for any other .html file (such
// as "/404.html"), which is checked too, at its own URL.
function discoverPages(root) {
  const pages = [];
  const walk = (dir) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.name === 'index.html') {
        const rel = path.relative(root, dir).split(path.sep).join('/');
        pages.push(rel ? `/${rel}/` : '/');
      } else if (ent.name.endsWith('.html')) {
        pages.push('/' + path.relative(root, p).split(path.sep).join('/'));
      }
    }
  };
  walk(root);
  // Shallow pages first, then alphabetical: stable, readable output.
  const depth = (p) => p.split('/').length;
  return pages.sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
}

// One representative page of each kind, for the screenshot, keyboard,
// responsive and file:// checks. Prefers pages of the first state that has
// the kind, then national ones.
function pickSamples(pages) {
  const states = pages.map((p) => p.match(/^\/([a-z]{2})\/$/)?.[1]).filter(Boolean);
  const first = (re) => pages.find((p) => re.test(p)) ?? null;
  const st = states[0];
  const pickStateFirst = (kind) =>
    (st && first(new RegExp(`^/${st}/${kind}/[^/]+/$`))) ||
    first(new RegExp(`^/[a-z]{2}/${kind}/[^/]+/$`)) ||
    first(new RegExp(`^/${kind}/[^/]+/$`));
  return {
    'national-home': first(/^\/$/),
    'state-home': st ? `/${st}/` : null,
    'services-index': (st && first(new RegExp(`^/${st}/services/$`))) || first(/^\/[a-z]{2}\/services\/$/),
    service: (st && first(new RegExp(`^/${st}/services/[^/]+/$`))) || first(/^\/[a-z]{2}\/services\/[^/]+\/$/),
    guidance: pickStateFirst('guidance'),
    crosswalk: pickStateFirst('crosswalks'),
  };
}

// ------------------------------------------------------------ page helpers

const isFetchable = (url) => /^https?:/i.test(url);

// Watches a page for the ways a load can go wrong and collects problems.
// Requests to any origin but our own are aborted (so the check never hits the
// network) and reported.
async function watch(page, allowedOrigin) {
  const problems = [];
  const blocked = new Set();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const loc = m.location();
    // The abort of an other-origin request is reported once, below.
    if (blocked.has(loc?.url) && /ERR_BLOCKED_BY_CLIENT/.test(m.text())) return;
    problems.push(`console error: ${m.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (!blocked.has(r.url())) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  page.on('websocket', (ws) => problems.push(`websocket opened: ${ws.url()}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    const ok = allowedOrigin === 'file:' ? url.startsWith('file:') : url.startsWith(allowedOrigin + '/');
    if (ok || /^(data|blob|about):/i.test(url)) return route.continue();
    blocked.add(url);
    problems.push(`request to another origin: ${url}`);
    return route.abort('blockedbyclient');
  });
  return problems;
}

// Runs in the page: facts about the DOM the checks need.
function probeDom() {
  const sheets = [...document.querySelectorAll('link[rel~="stylesheet" i]')].map((l) => {
    let rules = null;
    let error = null;
    try {
      rules = l.sheet ? l.sheet.cssRules.length : null;
    } catch (e) {
      error = String(e); // cross-origin (e.g. file://) sheets are opaque
    }
    return { href: l.getAttribute('href'), url: l.href, loaded: l.sheet !== null, rules, error };
  });
  // Non-link elements that would fetch something from elsewhere (preconnect,
  // CDN scripts, web fonts...). <a href> to external sites is fine: the
  // sources pages cite state websites.
  const externalRefs = [];
  for (const el of document.querySelectorAll('[src],[srcset],[poster],[data],link[href],form[action],use[href]')) {
    for (const attr of ['src', 'srcset', 'poster', 'data', 'href', 'action']) {
      const v = el.getAttribute(attr);
      if (v && /^\s*(https?:)?\/\//i.test(v)) externalRefs.push(`<${el.localName} ${attr}="${v}">`);
    }
  }
  const cs = (el) => {
    if (!el) return null;
    const s = getComputedStyle(el);
    return [s.fontFamily, s.fontSize, s.lineHeight, s.color, s.backgroundColor, s.marginLeft, s.paddingLeft, s.maxWidth, s.display].join('|');
  };
  return {
    h1: document.querySelectorAll('h1').length,
    styleSheetCount: document.styleSheets.length,
    sheets,
    externalRefs,
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id).concat([...document.querySelectorAll('a[name]')].map((a) => a.name)),
    links: [...document.querySelectorAll('a[href]')].map((a) => ({ raw: a.getAttribute('href'), url: a.href })),
    // Computed-style fingerprint, compared between HTTP and file:// loads.
    style: [cs(document.body), cs(document.querySelector('main')), cs(document.querySelector('h1')), cs(document.querySelector('header'))].join(' / '),
  };
}

// Classifies an <a href> value. Returns null for links we don't follow
// (external sites, mailto:, same-page "#top"), or {problem} / {url}.
function classifyHref(raw, resolved) {
  const v = raw.trim();
  if (v === '') return { problem: 'empty href' };
  if (v.startsWith('#')) return { url: resolved }; // same page: fragment still checked
  if (v.startsWith('//')) return null; // protocol-relative external link
  const scheme = v.match(/^([a-z][a-z0-9+.-]*):/i)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https' || scheme === 'mailto' || scheme === 'tel') return null;
  if (scheme) return { problem: `${scheme}: link` };
  if (v.startsWith('/')) return { problem: 'root-absolute link (breaks sub-path hosting and file://; links must be relative)' };
  return { url: resolved };
}

function formatAxe(v) {
  const lines = [`axe ${v.id} [${v.impact ?? 'n/a'}]: ${v.help} (${v.helpUrl})`];
  for (const n of v.nodes.slice(0, 10)) {
    const target = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' ');
    lines.push(`      at ${target}${n.summary ? ` — ${n.summary.split('\n').slice(1, 2).join('').trim()}` : ''}`);
  }
  if (v.nodes.length > 10) lines.push(`      … and ${v.nodes.length - 10} more node(s)`);
  return lines.join('\n');
}

// axe-core, WCAG 2.0/2.1 A and AA rules only. The source is evaluated
// through the DevTools protocol, so a page CSP can't block it and nothing is
// added to the DOM before the scan.
async function runAxe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
      }));
    },
    AXE_TAGS,
  );
}

// Runs fn over items with at most `jobs` in flight.
async function pool(items, jobs, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
}

// ------------------------------------------------------------------- checks

// (2) Loads one page over HTTP and runs the per-page checks. Returns what the
// link check and the file:// check need later.
async function checkPageOverHttp(ctx, origin, sitePath) {
  const url = origin + MOUNT + sitePath.slice(1);
  const page = await ctx.newPage();
  const loadProblems = await watch(page, origin);
  try {
    let resp;
    try {
      resp = await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
    } catch (e) {
      loadProblems.push(`navigation failed: ${e.message.split('\n')[0]}`);
      check(`load ${sitePath}`, loadProblems);
      return null;
    }
    if (!resp || resp.status() !== 200) loadProblems.push(`page answered HTTP ${resp?.status()}`);
    await page.evaluate(() => document.fonts.ready);
    const dom = await page.evaluate(probeDom);

    const violations = await runAxe(page);

    for (const r of dom.externalRefs) loadProblems.push(`external reference in markup: ${r}`);
    check(`load ${sitePath}`, loadProblems.splice(0)); // splice: later events belong to nobody
    check(`axe ${sitePath}`, violations.map(formatAxe));
    check(`h1 ${sitePath}`, dom.h1 === 1 ? [] : [`expected exactly one <h1>, found ${dom.h1}`]);

    // Stylesheet applied: there is at least one <link rel=stylesheet>, and
    // every one of them produced a CSSStyleSheet with rules (a 404 or a
    // wrong relative path leaves .sheet null or empty).
    const css = [];
    if (dom.sheets.length === 0) css.push('no <link rel="stylesheet"> on the page');
    for (const s of dom.sheets) {
      if (!s.loaded) css.push(`stylesheet ${s.href} did not load (${s.url})`);
      else if (s.error) css.push(`stylesheet ${s.href} unreadable: ${s.error}`);
      else if (!s.rules) css.push(`stylesheet ${s.href} is empty or failed to load (${s.url})`);
    }
    check(`css ${sitePath}`, css);
    return { ids: new Set(dom.ids), links: dom.links, style: dom.style, url };
  } finally {
    await page.close();
  }
}

// (3) Every relative link from every page resolves (HTTP 200) and its
// fragment, if any, is an id on the target page.
async function checkLinks(ctx, root, origin, visited) {
  const mountUrl = origin + MOUNT;
  const targetCache = new Map(); // url without hash -> Promise<{status, ids|null}>

  const target = (urlNoHash) => {
    if (!targetCache.has(urlNoHash)) {
      targetCache.set(
        urlNoHash,
        (async () => {
          const pathname = new URL(urlNoHash).pathname;
          const sitePath = pathname.slice(MOUNT.length - 1);
          if (visited.get(sitePath)) return { status: 200, ids: visited.get(sitePath).ids };
          const res = await fetch(urlNoHash, { redirect: 'manual' }).catch((e) => ({ status: `error ${e.message}` }));
          let ids = null;
          if (res.status === 200 && /text\/html/.test(res.headers.get('content-type') ?? '')) {
            // An HTML target that is not an index.html we visited: load it for its ids.
            const page = await ctx.newPage();
            try {
              await page.goto(urlNoHash, { waitUntil: 'domcontentloaded', timeout: NAV_TIMEOUT_MS });
              ids = new Set(await page.evaluate(() => [...document.querySelectorAll('[id],a[name]')].map((e) => e.id || e.name)));
            } finally {
              await page.close();
            }
          }
          return { status: res.status, ids };
        })(),
      );
    }
    return targetCache.get(urlNoHash);
  };

  let followed = 0;
  for (const [sitePath, info] of visited) {
    if (!info) continue; // page itself failed to load; already reported
    const problems = [];
    const seen = new Set();
    for (const { raw, url } of info.links) {
      if (seen.has(raw)) continue;
      seen.add(raw);
      const c = classifyHref(raw, url);
      if (!c) continue;
      if (c.problem) {
        problems.push(`href="${raw}": ${c.problem}`);
        continue;
      }
      const u = new URL(c.url);
      if (!u.href.startsWith(mountUrl)) {
        problems.push(`href="${raw}" resolves outside the site root (${u.pathname})`);
        continue;
      }
      const fragment = u.hash ? decodeURIComponent(u.hash.slice(1)) : '';
      u.hash = '';
      u.search = '';
      const file = urlPathToFile(root, u.pathname);
      if (file && !u.pathname.endsWith('/') && fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
        problems.push(`href="${raw}" points at a directory without a trailing slash`);
        continue;
      }
      followed++;
      const t = await target(u.href);
      if (t.status !== 200) {
        problems.push(`href="${raw}" is broken: HTTP ${t.status} for ${u.pathname}`);
        continue;
      }
      // "#" and "#top" scroll to the top by definition (HTML spec).
      if (fragment && fragment.toLowerCase() !== 'top' && t.ids && !t.ids.has(fragment)) {
        problems.push(`href="${raw}": no element with id="${fragment}" on ${u.pathname.slice(MOUNT.length - 1)}`);
      }
    }
    check(`links ${sitePath}`, problems);
  }
  console.log(`browser: followed ${followed} internal links to ${targetCache.size} distinct targets`);
}

// (4) The page opened from disk: CSS must apply exactly as over HTTP, and
// relative links must name files that exist.
async function checkFileUrl(ctx, root, sitePath, httpStyle) {
  const file = path.join(root, sitePath, 'index.html');
  const page = await ctx.newPage();
  const problems = await watch(page, 'file:');
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
    const dom = await page.evaluate(probeDom);
    if (dom.sheets.length === 0) problems.push('no <link rel="stylesheet">');
    for (const s of dom.sheets) {
      // file:// sheets are opaque to script, so check the file exists and
      // Chromium built a sheet for it; the computed-style comparison below
      // proves the rules actually applied.
      const p = s.url.startsWith('file:') ? fileURLToPath(s.url) : null;
      if (!p || !fs.existsSync(p)) problems.push(`stylesheet ${s.href} resolves to a missing file (${s.url})`);
      else if (!s.loaded) problems.push(`stylesheet ${s.href} did not load`);
    }
    if (httpStyle && dom.style !== httpStyle) {
      problems.push(`computed styles differ from the HTTP load:\n        http: ${httpStyle}\n        file: ${dom.style}`);
    }
    const seen = new Set();
    for (const { raw, url } of dom.links) {
      if (seen.has(raw)) continue;
      seen.add(raw);
      const c = classifyHref(raw, url);
      if (!c) continue;
      if (c.problem) {
        problems.push(`href="${raw}": ${c.problem}`);
        continue;
      }
      const u = new URL(c.url);
      u.hash = '';
      u.search = '';
      let p = fileURLToPath(u);
      if (u.pathname.endsWith('/')) p = path.join(p, 'index.html');
      if (!p.startsWith(root + path.sep)) problems.push(`href="${raw}" resolves outside the site (${p})`);
      else if (!fs.statSync(p, { throwIfNoEntry: false })?.isFile()) problems.push(`href="${raw}" resolves to a missing file (${p})`);
    }
  } catch (e) {
    problems.push(`navigation failed: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  check(`file:// ${sitePath}`, problems);
}

// (5) Skip link: first Tab focuses it, it is visibly on screen with a focus
// indicator, and Enter takes keyboard users into <main>.
async function checkKeyboard(ctx, origin, sitePath) {
  const problems = [];
  const page = await ctx.newPage();
  try {
    await page.setViewportSize(DESKTOP);
    await page.goto(origin + MOUNT + sitePath.slice(1), { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      // Hit-test the centre: catches clip/clip-path tricks and skip links
      // hidden behind a sticky header, which a bounding box alone misses.
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return {
        html: el.outerHTML.slice(0, 120),
        isSkip: el.matches('a.skip-link[href="#main"]'),
        rect: { x: r.left, y: r.top, w: r.width, h: r.height },
        vw: innerWidth,
        vh: innerHeight,
        onTop: !!hit && (hit === el || el.contains(hit)),
        visibility: s.visibility,
        opacity: Number(s.opacity),
        outline: `${s.outlineStyle} ${s.outlineWidth}`,
        outlineVisible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
        boxShadow: s.boxShadow,
      };
    });
    if (!f) {
      problems.push('Tab focused nothing');
    } else {
      if (!f.isSkip) problems.push(`first Tab focused ${f.html}, not <a class="skip-link" href="#main">`);
      const { x, y, w, h } = f.rect;
      if (w < 1 || h < 1) problems.push(`focused skip link has no size (${w}x${h})`);
      else if (x < 0 || y < 0 || x + w > f.vw || y + h > f.vh) problems.push(`focused skip link is off screen at (${x},${y}) ${w}x${h}`);
      else if (!f.onTop) problems.push('focused skip link is covered or clipped (hit test at its centre misses it)');
      if (f.visibility !== 'visible' || f.opacity < 0.1) problems.push(`focused skip link invisible (visibility ${f.visibility}, opacity ${f.opacity})`);
      if (!f.outlineVisible && f.boxShadow === 'none') problems.push(`no focus indicator (outline ${f.outline}, box-shadow none)`);
    }
    if (f?.isSkip) {
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#main', null, { timeout: 3000 }).catch(() => {});
      const inMain = () => {
        const m = document.getElementById('main');
        const a = document.activeElement;
        return { hash: location.hash, hasMain: !!m, inMain: !!m && !!a && (a === m || m.contains(a)) };
      };
      let after = await page.evaluate(inMain);
      if (!after.hasMain) problems.push('no element with id="main"');
      else if (after.hash !== '#main') problems.push(`Enter on the skip link did not navigate to #main (hash is "${after.hash}")`);
      else if (!after.inMain) {
        // <main> without tabindex="-1" is not focused itself, but Chromium
        // moves the sequential focus starting point there: the next Tab
        // must land inside main, not back in the header/nav.
        await page.keyboard.press('Tab');
        after = await page.evaluate(inMain);
        if (!after.inMain) problems.push('after Enter on the skip link, focus (and the next Tab) is not inside <main>');
      }
    }
  } catch (e) {
    problems.push(`keyboard check error: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  check(`keyboard ${sitePath}`, problems);
}

// (6) No sideways scrolling of the whole document at 320 CSS px.
async function checkNarrow(ctx, origin, sitePath) {
  const problems = [];
  const page = await ctx.newPage();
  try {
    await page.setViewportSize({ width: NARROW, height: 640 });
    await page.goto(origin + MOUNT + sitePath.slice(1), { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
    const r = await page.evaluate((limit) => {
      const sw = document.documentElement.scrollWidth;
      if (sw <= limit) return { sw, culprits: [] };
      // Name the outermost elements sticking out past the viewport that are
      // not inside a scroll container of their own.
      const selector = (el) => {
        const parts = [];
        for (let e = el; e && e !== document.documentElement && parts.length < 4; e = e.parentElement) {
          parts.unshift(e.localName + (e.id ? `#${e.id}` : '') + (e.classList.length ? '.' + [...e.classList].join('.') : ''));
        }
        return parts.join(' > ');
      };
      const clipped = (el) => {
        for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
          if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(e).overflowX)) return true;
        }
        return false;
      };
      const wide = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > limit && !clipped(e));
      const outer = wide.filter((e) => !wide.includes(e.parentElement));
      return { sw, culprits: outer.slice(0, 8).map((e) => `${selector(e)} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`) };
    }, NARROW + 1);
    if (r.sw > NARROW + 1) {
      problems.push(`document scrolls sideways at ${NARROW}px: scrollWidth ${r.sw}`);
      for (const c of r.culprits) problems.push(`  too wide: ${c}`);
    }
    // Again at this width: a table wrapper that only scrolls when narrow
    // must then be keyboard-scrollable (axe scrollable-region-focusable),
    // and reflowed text must still have contrast, targets, etc.
    problems.push(...(await runAxe(page)).map((v) => `at ${NARROW}px: ${formatAxe(v)}`));
  } catch (e) {
    problems.push(`responsive check error: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  check(`${NARROW}px ${sitePath}`, problems);
}

// (7) Full-page screenshots for a human to look at. Written only when
// --screenshots is given, but always taken (a render crash is a failure).
async function screenshot(ctx, origin, kind, sitePath, outDir) {
  for (const width of SHOT_WIDTHS) {
    const name = `screenshot ${kind} ${width}px`;
    if (!sitePath) {
      check(name, [`no ${kind} page found in the site`]);
      continue;
    }
    const page = await ctx.newPage();
    try {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(origin + MOUNT + sitePath.slice(1), { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
      const file = outDir ? path.join(outDir, `${kind}-${width}.png`) : undefined;
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      check(name, []);
    } catch (e) {
      check(name, [`${sitePath}: ${e.message.split('\n')[0]}`]);
    } finally {
      await page.close();
    }
  }
}

// --------------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`check.mjs: ${CHROMIUM} not found (apt-get install chromium), or set $CHROMIUM`);
    process.exit(2);
  }
  // A hung browser must not hang CI forever.
  setTimeout(() => {
    console.log(`browser: harness timed out after ${opts.timeout}s`);
    report();
    process.exit(1);
  }, opts.timeout * 1000).unref();

  const root = fs.realpathSync(opts.site);
  const pages = discoverPages(root);
  const samples = pickSamples(pages);
  if (opts.screenshots) fs.mkdirSync(opts.screenshots, { recursive: true });

  const server = await startServer(root);
  const origin = `http://${HOST}:${server.address().port}`;
  // A fresh profile every run: no cache, cookies or state from earlier runs.
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coverguide-chromium-'));
  let ctx;
  try {
    ctx = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: DESKTOP,
      deviceScaleFactor: 1,
      locale: 'en-US',
      timezoneId: 'UTC',
      serviceWorkers: 'block',
      offline: false,
    });
    console.log(`browser: ${pages.length} pages from ${root}, served at ${origin}${MOUNT}, Chromium ${ctx.browser()?.version() ?? ''}`.trim());

    // (2) every page, a few at a time.
    const visited = new Map();
    const t0 = Date.now();
    await pool(pages, opts.jobs, async (p, i) => {
      visited.set(p, await checkPageOverHttp(ctx, origin, p));
      if ((i + 1) % 50 === 0) console.log(`  … ${i + 1}/${pages.length} pages`);
    });
    console.log(`browser: loaded and scanned ${pages.length} pages in ${((Date.now() - t0) / 1000).toFixed(1)}s`);

    // (3) links, now that every page's ids are known.
    await checkLinks(ctx, root, origin, visited);

    // (4) file://
    for (const kind of ['national-home', 'state-home', 'service']) {
      const p = samples[kind];
      if (p) await checkFileUrl(ctx, root, p, visited.get(p)?.style);
      else check(`file:// ${kind}`, [`no ${kind} page found in the site`]);
    }

    // (5) keyboard
    for (const kind of ['national-home', 'state-home']) {
      if (samples[kind]) await checkKeyboard(ctx, origin, samples[kind]);
      else check(`keyboard ${kind}`, [`no ${kind} page found in the site`]);
    }

    // (6) 320 px
    for (const kind of ['national-home', 'service']) {
      if (samples[kind]) await checkNarrow(ctx, origin, samples[kind]);
      else check(`${NARROW}px ${kind}`, [`no ${kind} page found in the site`]);
    }

    // (7) screenshots
    for (const [kind, p] of Object.entries(samples)) await screenshot(ctx, origin, kind, p, opts.screenshots);
    if (opts.screenshots) console.log(`browser: screenshots in ${opts.screenshots}`);
  } catch (e) {
    check('harness', [`unexpected error: ${e.stack ?? e}`]);
  } finally {
    await ctx?.close().catch(() => {});
    server.closeAllConnections?.();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  process.exit(report() ? 1 : 0);
}

await main();
