#!/usr/bin/env node
// The browser check of the HTML briefing: opens it (file://) in Debian's headless Chromium through
// playwright-core and fails on anything a reader would meet as a fault.
//
//   node tests/browser/check.js [FILE]      (default: out/briefing.html; run.sh wraps this)
//
// Fails (exit 1) on: any script (<script>, an on* handler, a javascript: URL); a console or
// page error; any network request at all (the page must be self-contained); an in-page link
// whose target id is missing, or a duplicate id; headings that skip a level or do not start at
// a single h1; a missing or malformed `lang`; text below WCAG AA contrast (4.5:1, 3:1 for large
// text) against its actual background; the page scrolling sideways on a phone-sized screen.
// Each check runs in the light and in the dark colour scheme, contrast once more as printed
// (print media, which must be light). The last line counts the checks: "N passed, N failed".
// Saves, next to this script: screenshot-light.png and screenshot-dark.png (full page, 1280 px
// wide), screenshot-narrow.png (390 px wide, first screens) and print.pdf (A4).
// Exit 2 on a usage or setup error (no file, no Chromium). Environment: CHROMIUM (the browser,
// default /usr/bin/chromium), SCREENSHOT_MAX_HEIGHT (px, default 16000: taller pages are cut).
//
// Served: `node check.js http://127.0.0.1:PORT/` checks the page as `briefing serve` serves it
// (run.sh --serve starts the server). The same checks, except that the server's reload script
// (script#briefing-reload, and nothing else) and its long-poll to /__briefing/events on the same
// server are expected; and one more, `reload`: with TOUCH naming an article file of the served
// project, a line is added to it and the open page must reload by itself with a newer build
// generation.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const HERE = __dirname;
const REPO = path.resolve(HERE, '..', '..');
const started = Date.now();

function die(message) {
  console.error(`browser check: ${message}`);
  process.exit(2);
}

const served = /^https?:\/\//.test(process.argv[2] || '');
const file = served ? process.argv[2] : path.resolve(process.argv[2] || path.join(REPO, 'out', 'briefing.html'));
if (!served && !fs.existsSync(file)) die(`${file} does not exist (run: cargo run --release -- build)`);
const touch = process.env.TOUCH;
if (served && !(touch && fs.existsSync(touch))) die('a served page needs TOUCH=<an article file of the served project>');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(executablePath)) {
  die(`${executablePath} not found: install Debian's chromium (apt-get update && apt-get install -y chromium) or set CHROMIUM`);
}
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  die(`playwright-core is not installed: run (cd tests/browser && npm ci), or tests/browser/run.sh`);
}
const maxShotHeight = Number(process.env.SCREENSHOT_MAX_HEIGHT || 16000);

const url = served ? file : pathToFileURL(file).href;
// Each failure belongs to one of these checks; the closing line counts the checks that passed.
const CHECKS = ['lang', 'links', 'ids', 'headings', 'scripts', 'console', 'network', 'contrast', 'layout', 'print'];
if (served) CHECKS.push('reload');
// What a served page may ask its server for: the long-poll of the reload script.
const isEvents = (u) => served && u.startsWith(new URL('/__briefing/events?', url).href);
const failures = [];
const failed = new Set();
const fail = (check, where, what) => {
  failed.add(check);
  failures.push(`[${check}] ${where}: ${what}`);
};

// Runs in the page: every structural check that needs the DOM. Returns plain data.
function inspect(served) {
  const out = { links: 0, inPage: 0, external: 0, broken: [], duplicateIds: [], headings: [], headingErrors: [], scripts: [], lang: document.documentElement.getAttribute('lang') };
  // No JavaScript at all: no <script>, no inline handler, no javascript: URL. Served, the
  // server's reload script is the one exception, and it must be there.
  if (served && !document.querySelector('script#briefing-reload')) out.scripts.push('served without the reload script');
  for (const el of document.querySelectorAll('*')) {
    if (el.tagName === 'SCRIPT' && !(served && el.id === 'briefing-reload')) out.scripts.push('<script>');
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) out.scripts.push(`${attr.name}= on <${el.tagName.toLowerCase()}>`);
      if (/^\s*javascript:/i.test(attr.value)) out.scripts.push(`${attr.name}="${attr.value.slice(0, 30)}" on <${el.tagName.toLowerCase()}>`);
    }
  }
  const here = location.href.split('#')[0];
  const ids = new Map();
  for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
  for (const [id, n] of ids) if (n > 1) out.duplicateIds.push(`${id} (${n}×)`);
  for (const a of document.querySelectorAll('a[href]')) {
    out.links++;
    const raw = a.getAttribute('href');
    let target;
    try { target = new URL(raw, location.href); } catch (e) { out.broken.push(`${raw} (not a URL)`); continue; }
    if (target.href.split('#')[0] !== here) { out.external++; continue; }
    out.inPage++;
    const frag = decodeURIComponent(target.hash.slice(1));
    if (!frag || !document.getElementById(frag)) out.broken.push(`${raw} ("${a.textContent.trim().slice(0, 40)}")`);
  }
  let previous = 0;
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const level = Number(h.tagName[1]);
    const text = h.textContent.trim().replace(/\s+/g, ' ');
    out.headings.push(level);
    if (!text) out.headingErrors.push(`empty <h${level}>`);
    if (previous === 0 && level !== 1) out.headingErrors.push(`the first heading is <h${level}> "${text.slice(0, 50)}", not <h1>`);
    if (previous !== 0 && level === 1) out.headingErrors.push(`a second <h1> "${text.slice(0, 50)}"`);
    if (previous !== 0 && level > previous + 1) out.headingErrors.push(`<h${previous}> is followed by <h${level}> "${text.slice(0, 50)}"`);
    previous = level;
  }
  return out;
}

// Runs in the page: WCAG contrast of every element that holds text, against the colour actually
// behind it (its own and its ancestors' backgrounds composited over the canvas).
function contrast() {
  const parse = (c) => {
    let m = c.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
    if (m) return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
    m = c.match(/^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/);
    if (m) return [m[1] * 255, m[2] * 255, m[3] * 255, m[4] === undefined ? 1 : +m[4]];
    return null;
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map((i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat([a]);
  };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const canvas = parse(getComputedStyle(document.documentElement).backgroundColor);
  const base = canvas && canvas[3] > 0 ? over(canvas, [255, 255, 255, 1]) : [255, 255, 255, 1];
  const result = { checked: 0, worst: Infinity, low: [], unparsed: [] };
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || seen.has(el)) continue;
    seen.add(el);
    if (el.closest('.vh, [aria-hidden="true"]')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || !el.getClientRects().length) continue;
    const fg = parse(style.color);
    if (!fg) { result.unparsed.push(style.color); continue; }
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (!bg) { result.unparsed.push(getComputedStyle(e).backgroundColor); break; }
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let back = base;
    for (let i = layers.length - 1; i >= 0; i--) back = over(layers[i], back);
    const front = over(fg, back);
    const [l1, l2] = [lum(front), lum(back)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    result.checked++;
    result.worst = Math.min(result.worst, ratio);
    if (ratio < need) {
      const cls = el.className && typeof el.className === 'string' ? '.' + el.className.split(/\s+/).join('.') : '';
      result.low.push(`${ratio.toFixed(2)}:1 < ${need}:1 on <${el.tagName.toLowerCase()}${cls}> "${node.textContent.trim().slice(0, 40)}" (${style.color} on rgb(${back.slice(0, 3).map(Math.round).join(', ')}))`);
    }
  }
  result.unparsed = [...new Set(result.unparsed)];
  return result;
}

function report(check, where, list, what, max = 8) {
  for (const item of list.slice(0, max)) fail(check, where, `${what}: ${item}`);
  if (list.length > max) fail(check, where, `${what}: …and ${list.length - max} more`);
}

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
      ],
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      // Offline, but a served page needs its own server (every other request is refused below).
      offline: !served,
    });
  } catch (e) {
    fs.rmSync(profile, { recursive: true, force: true });
    die(`could not start ${executablePath}: ${e.message.split('\n')[0]}`);
  }
  const summary = {};
  let pdfPages = 0;
  let version = 'Chromium';
  try {
    // Anything the page asks for beyond its own file is a failure, and never leaves the machine.
    await context.route('**/*', (route) => {
      const req = route.request();
      if (req.url().split('#')[0] === url || isEvents(req.url())) return route.continue();
      fail('network', 'network', `the page requested ${req.url().slice(0, 120)} (${req.resourceType()}); it must be self-contained`);
      return route.abort();
    });
    const page = context.pages()[0] || (await context.newPage());
    const cdp = await context.newCDPSession(page);
    version = (await cdp.send('Browser.getVersion')).product.replace('/', ' ');
    await cdp.detach();
    let label = 'load';
    page.on('console', (msg) => {
      if (msg.type() === 'error') fail('console', label, `console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => fail('console', label, `page error: ${err.message}`));
    page.on('requestfailed', (req) => {
      if (req.url().split('#')[0] !== url) return; // already reported by the route, or a long-poll a reload ended
      fail('network', label, `request failed: ${req.url()} (${req.failure() && req.failure().errorText})`);
    });

    for (const scheme of ['light', 'dark']) {
      label = scheme;
      await page.emulateMedia({ media: 'screen', colorScheme: scheme });
      await page.setViewportSize({ width: 1280, height: 900 });
      const response = await page.goto(url, { waitUntil: 'load' });
      if (!response || !response.ok()) fail('network', scheme, `loading ${url} failed`);
      const dom = await page.evaluate(inspect, served);
      if (!dom.lang || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(dom.lang)) fail('lang', scheme, `<html lang> is ${JSON.stringify(dom.lang)}`);
      report('links', scheme, dom.broken, 'in-page link to a missing id');
      report('ids', scheme, dom.duplicateIds, 'duplicate id');
      report('scripts', scheme, dom.scripts, 'script in the page');
      report('headings', scheme, dom.headingErrors, 'heading order');
      if (!dom.headings.length) fail('headings', scheme, 'no headings');
      const c = await page.evaluate(contrast);
      report('contrast', scheme, c.low, 'low contrast');
      report('contrast', scheme, c.unparsed, 'colour the check cannot read');
      summary[scheme] = { dom, c };
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const shot = path.join(HERE, `screenshot-${scheme}.png`);
      if (height <= maxShotHeight) await page.screenshot({ path: shot, fullPage: true });
      else await page.screenshot({ path: shot, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: maxShotHeight } });
      summary[scheme].height = height;

      // A phone: nothing may make the page scroll sideways (wide tables scroll in their box).
      await page.setViewportSize({ width: 390, height: 844 });
      const wide = await page.evaluate(() => {
        const doc = document.documentElement;
        if (doc.scrollWidth <= doc.clientWidth + 1) return null;
        // Overflow inside a scrolling box is fine (wide tables scroll in .table-wrap); name the
        // outermost elements that stick out of the page itself.
        const scrolls = (e) => {
          for (let p = e; p && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') return true;
          }
          return false;
        };
        const out = (e) => {
          if (e.getBoundingClientRect().right <= doc.clientWidth + 1) return false;
          const pos = getComputedStyle(e).position;
          if (pos === 'fixed') return true;
          return !scrolls(pos === 'absolute' ? e.offsetParent : e.parentElement);
        };
        const culprits = [...document.body.querySelectorAll('*')]
          .filter((e) => out(e) && !(e.parentElement && out(e.parentElement)))
          .slice(0, 3)
          .map((e) => `<${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ').join('.') : ''}> "${e.textContent.trim().slice(0, 30)}"`);
        return `${doc.scrollWidth}px wide in a ${doc.clientWidth}px viewport (${culprits.join(', ')})`;
      });
      if (wide) fail('layout', `${scheme}, 390px`, `the page scrolls sideways: ${wide}`);
      if (scheme === 'light') await page.screenshot({ path: path.join(HERE, 'screenshot-narrow.png'), fullPage: true, clip: { x: 0, y: 0, width: 390, height: 4000 } });
    }

    // Paper: print media must give the light scheme (even for a reader in dark mode), keep
    // contrast, and lay out on A4.
    label = 'print';
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const printed = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    if (!/^rgba?\(255, 255, 255/.test(printed)) fail('print', 'print', `the printed page background is ${printed}, not white`);
    const pc = await page.evaluate(contrast);
    report('contrast', 'print', pc.low, 'low contrast');
    const pdf = await page.pdf({ path: path.join(HERE, 'print.pdf'), format: 'A4', printBackground: true, preferCSSPageSize: true });
    pdfPages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    if (!pdfPages) fail('print', 'print', 'the PDF has no pages');

    if (served) {
      // An article changes: the server rebuilds, and the open page reloads by itself.
      label = 'reload';
      await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
      await page.goto(url, { waitUntil: 'load' });
      const generation = () => page.evaluate(() => {
        const s = document.getElementById('briefing-reload');
        const m = s && s.textContent.match(/const generation = (\d+);/);
        return m ? Number(m[1]) : null;
      });
      const before = await generation();
      await page.evaluate(() => { window.briefingCheckStale = true; });
      fs.appendFileSync(touch, '\nA sentence the browser check added, to see the page reload.\n');
      try {
        await page.waitForFunction(() => !window.briefingCheckStale && document.readyState === 'complete', null, { timeout: 120000 });
        const after = await generation();
        if (!(before !== null && after > before)) fail('reload', 'reload', `the build generation went from ${before} to ${after}`);
        if (await page.$('#briefing-build-error')) fail('reload', 'reload', 'the page shows a build error');
      } catch (e) {
        fail('reload', 'reload', `the page did not reload after an article changed (${e.message.split('\n')[0]})`);
      }
    }
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const relative = served ? '' : path.relative(process.cwd(), file);
  const rel = relative && !relative.startsWith('..') ? relative : file;
  const counts = `browser-check: ${CHECKS.length - failed.size} passed, ${failed.size} failed`;
  if (failures.length) {
    for (const f of failures) console.log(`FAIL ${f}`);
    console.log(`browser check: ${rel}: FAILED ${[...failed].join(', ')} (${failures.length} findings, ${seconds}s)`);
    console.log(counts);
    process.exit(1);
  }
  const d = summary.light.dom;
  const worst = Math.min(summary.light.c.worst, summary.dark.c.worst).toFixed(2);
  console.log(
    `browser check: ${rel}: OK in ${seconds}s (${version}) — lang=${d.lang}; ` +
      `${d.inPage} in-page links resolve (${d.external} external); ${d.headings.length} headings in order; ` +
      `no scripts, no console errors, no requests; contrast >= ${worst}:1 on ${summary.light.c.checked} text elements (light, dark, print); ` +
      `no sideways scroll at 390px; print.pdf ${pdfPages} A4 pages; screenshots in tests/browser/` +
      (served ? '; served with only the reload script, and reloaded after an article changed' : ''),
  );
  console.log(counts);
})().catch((e) => {
  console.error(`browser check: ${e.stack || e}`);
  process.exit(2);
});
