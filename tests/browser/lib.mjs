// Shared by every browser script in this folder: the Chromium launch
// settings this machine needs, a static server that mounts a built site
// under a sub-path, a tally of checks and the axe-core audit. Each script (check.mjs, and one per feature) imports it.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

// The site is mounted here, not at "/", to prove it works under a sub-path.
export const MOUNT = '/guides/';
export const HOST = '127.0.0.1';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// --headless etc. as required for a root, no-network CI box; the flags that
// disable background networking keep Chromium itself from phoning home, so
// every request we see comes from the page.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

// URL path under MOUNT -> absolute file path inside root, or null.
export function urlPathToFile(root, pathname) {
  if (!pathname.startsWith(MOUNT)) return null;
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice(MOUNT.length));
  } catch {
    return null;
  }
  const file = path.resolve(root, '.' + path.sep + rel);
  if (file !== root && !file.startsWith(root + path.sep)) return null; // ../ escape
  return file;
}

export function startServer(root) {
  const server = http.createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    const { pathname } = new URL(req.url, `http://${HOST}`);
    let file = urlPathToFile(root, pathname);
    if (!file) return send(404, 'not found (outside the mount)');
    let st = await fsp.stat(file).catch(() => null);
    if (st?.isDirectory()) {
      if (!pathname.endsWith('/')) return send(404, 'directory URL without trailing slash');
      file = path.join(file, 'index.html');
      st = await fsp.stat(file).catch(() => null);
    }
    if (!st?.isFile()) return send(404, 'not found');
    const body = await fsp.readFile(file);
    send(200, body, TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve(server)); // port 0 = any free port
  });
}


// A persistent context with a fresh profile (no cache or state from earlier
// runs). Returns { ctx, close } ; close() also removes the profile.
export async function launch(viewport = { width: 1280, height: 800 }) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coverguide-chromium-'));
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
    serviceWorkers: 'block',
  });
  const close = async () => {
    await ctx.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { ctx, close };
}

// Starts the server on a free port; returns { server, base } where base is
// the site's URL under the mount, e.g. http://127.0.0.1:PORT/guides/.
export async function serve(root) {
  const server = await startServer(fs.realpathSync(root));
  return { server, base: `http://${HOST}:${server.address().port}${MOUNT}` };
}

// axe-core's script, injected into a page to audit it.
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// A script's tally of named checks. `check(name, ok, detail)` counts one;
// `fail(message)` records a failure that is no check's (an unexpected error);
// `report(label)` prints each failure (with `log`), then
// `<label>: N passed, M failed`, and exits 1 if anything failed.
export function checks() {
  let passed = 0;
  const failures = [];
  return {
    check(name, ok, detail = '') {
      if (ok) passed++;
      else failures.push(`${name}${detail ? `: ${detail}` : ''}`);
    },
    fail(message) {
      failures.push(message);
    },
    report(label, log = console.log) {
      for (const f of failures) log(`FAIL ${f}`);
      console.log(`${label}: ${passed} passed, ${failures.length} failed`);
      process.exit(failures.length ? 1 : 0);
    },
  };
}

// The script errors of every page in `ctx` and the console errors of `page`,
// gathered into the returned list as they happen. Chromium asks the server
// root for /favicon.ico by itself; the site lives under a sub-path and names
// no icon, so that 404 is not the site's.
export function pageErrors(ctx, page) {
  const errors = [];
  ctx.on('weberror', (e) => errors.push(e.error().message));
  page.on('console', (m) => {
    const url = m.location()?.url ?? '';
    if (m.type() === 'error' && !url.endsWith('/favicon.ico')) errors.push(`${m.text()} (${url})`);
  });
  return errors;
}

// axe-core's WCAG 2.1 A and AA rules on `page` as it is now: one check,
// named `axe <label>`, that fails with each violation and the nodes it found.
export async function axe(page, check, label) {
  await page.evaluate(AXE);
  const v = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((x) => `${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  check(`axe ${label}`, v.length === 0, v.join('; '));
}
