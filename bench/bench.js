#!/usr/bin/env node
// Measures the app and the hand-written baseline in headless Chromium; prints the table
// and the budgets, and writes them as Markdown. Called by ./run, which builds the app and
// generates the bundles first; see the top of ./run for what is measured and how.
//
//   node bench.js --dist DIR --data DIR --out DIR [--runs N] [--max-minutes M]
//                 [--started EPOCH_MS] [--chromium PATH] [--baseline DIR]
//                 [--sizes 100,1000,10000] [--verbose] [--http] [--visits-only]
//
// --visits-only: the first- and repeat-visit figures (and Somerset's load, for the
// transfer sizes) and nothing else: a quick second measurement of the visits.
// --http: the first- and repeat-visit figures over plain HTTP/1.1 instead of HTTPS (HTTP/2)
// with a certificate made for the run. (Chromium asks a host for brotli only over HTTPS;
// Chromium 156 asks for it over plain HTTP too, but only from 127.0.0.1 and localhost.)
//
// --data holds bundle-N.json, manifest.json (from gen-bundles.js) and somerset.json.
//
// Exit status: 0 when every figure was measured (whatever the budgets say), 2 when some
// figure could not be measured at all, 1 on a setup error.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');
const { spawn, execFileSync } = require('child_process');
const puppeteer = require('puppeteer-core');

// ---- options ------------------------------------------------------------------------
function options() {
  const args = process.argv.slice(2);
  const o = {
    dist: null, data: null, out: null, runs: 5, maxMinutes: 8, chromium: '/usr/bin/chromium',
    baseline: path.join(__dirname, 'baseline'), sizes: null, verbose: false, http: false,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = () => {
      if (i + 1 >= args.length) throw new Error(`${a} needs a value`);
      return args[++i];
    };
    if (a === '--dist') o.dist = val();
    else if (a === '--data') o.data = val();
    else if (a === '--out') o.out = val();
    else if (a === '--runs') o.runs = Number(val());
    else if (a === '--max-minutes') o.maxMinutes = Number(val());
    else if (a === '--chromium') o.chromium = val();
    else if (a === '--baseline') o.baseline = val();
    else if (a === '--sizes') o.sizes = val().split(',').map(Number);
    else if (a === '--started') o.started = Number(val());
    else if (a === '--verbose') o.verbose = true;
    else if (a === '--http') o.http = true;
    else if (a === '--visits-only') o.visitsOnly = true;
    else throw new Error(`unknown option ${a}`);
  }
  if (!o.dist || !o.data || !o.out) throw new Error('--dist, --data and --out are required');
  if (!(o.runs >= 1)) throw new Error('--runs must be at least 1');
  return o;
}

const SEARCH_WORD = 'stroke'; // six letters; occurs in titles and commentary
const VIEWPORT = { width: 1280, height: 900, deviceScaleFactor: 1 };
const LOAD_TIMEOUT = 60000;

// ---- in-page instrumentation, installed before any script of the page ---------------
// Records long tasks and long animation frames, when the item list first appears, every
// value the chart's canvas writes to data-draw-ms, and DOM mutations (for the settle
// detection).
function instrument() {
  const B = (window.__bench = {
    longtasks: [], loafs: [], draws: [], listAt: null, listPaintedAt: null, problemsAt: null,
    listShownAt: null, listOnScreenAt: null, listFrom: null, listInView: null,
    mutations: 0, lastMutation: 0, armed: null,
  });
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) B.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { /* not supported */ }
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) B.loafs.push([e.startTime, e.duration, e.blockingDuration]);
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch (e) { /* not supported */ }
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const countText = () => {
    const c = document.querySelector('[data-result-count]');
    return c ? c.textContent : null;
  };
  new MutationObserver((records) => {
    B.mutations += records.length;
    B.lastMutation = performance.now();
    if (B.listAt == null && document.querySelector('[data-result-count]')) {
      B.listAt = B.lastMutation;
      requestAnimationFrame(() => requestAnimationFrame(() => { B.listPaintedAt = performance.now(); }));
    }
    if (B.problemsAt == null && document.querySelector('.problems')) {
      B.problemsAt = B.lastMutation;
      B.problemsText = document.querySelector('.problems').textContent.slice(0, 2000);
    }
    for (const r of records) {
      if (r.type === 'attributes' && r.attributeName === 'data-draw-ms') {
        const v = r.target.getAttribute('data-draw-ms');
        if (v) B.draws.push(parseFloat(v));
      }
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-draw-ms'] });

  // The item list on screen, as a person sees it: the first item card whose title is laid
  // out and not hidden (display, visibility, opacity), whether the page's static first
  // view (the app's #se-prerendered) or a list drawn by script; the same test for the app
  // and the baseline. It is checked in a requestAnimationFrame callback, so in a frame
  // that is being rendered (never while a stylesheet still blocks rendering, and with the
  // styles in force), and "on screen" is the start of the next frame, after that frame's
  // paint. A card below the first screen counts (on a phone the overview comes first):
  // it is drawn, a scroll away. listInView says whether it was in the first screen.
  const CARD = '.item-card .item-title';
  const shown = (t) => t.textContent.trim() !== '' && t.getBoundingClientRect().height > 0 &&
    (!t.checkVisibility || t.checkVisibility({ visibilityProperty: true, opacityProperty: true }));
  let watching = false;
  const watchList = () => {
    if (watching || B.listShownAt != null) return;
    watching = true;
    const tick = () => {
      const t = [...document.querySelectorAll(CARD)].find(shown);
      if (t) {
        B.listShownAt = performance.now();
        B.listFrom = t.closest('#se-prerendered') ? 'static' : 'script';
        B.listInView = t.getBoundingClientRect().top < innerHeight;
        listWatch.disconnect();
        requestAnimationFrame(() => { B.listOnScreenAt = performance.now(); });
        if (B.onList) B.onList();
        return;
      }
      // A card that is there but not shown yet (the static view waits for its class):
      // looked at again next frame.
      if (document.querySelector(CARD)) requestAnimationFrame(tick);
      else watching = false;
    };
    requestAnimationFrame(tick);
  };
  const listWatch = new MutationObserver(watchList);
  listWatch.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'hidden', 'style'] });

  // Before an input: remembers the state, notes when the triggering event happens, and
  // starts watching every frame. B.settle() then waits until the DOM has settled: it
  // changed, and two frames passed with no further change. It returns `start` (the
  // event's timeStamp) and `end`: the end of the first frame after the last change (a
  // rAF callback posts a message, which runs once that frame was rendered), so
  // end - start is what a person waits. (How much of that the main thread was busy comes
  // from a trace: see traced().)
  B.arm = (eventType, { needChange = true, maxMs = 10000 } = {}) => {
    const a = (B.armed = { start: null, count: countText() });
    addEventListener(eventType, (e) => { if (a.start == null) a.start = e.timeStamp; }, { capture: true, once: true });
    const seen0 = B.mutations;
    a.done = (async () => {
      const t0 = performance.now();
      let seen = seen0;
      let quiet = 0;
      let paintAt = null;
      for (;;) {
        await frame();
        const now = performance.now();
        if (a.start == null) {
          if (now - t0 > 5000) return { error: 'the input event never arrived' };
          continue;
        }
        if (B.mutations !== seen) {
          seen = B.mutations;
          quiet = 0;
          paintAt = null;
          const mc = new MessageChannel();
          mc.port1.onmessage = () => { if (B.mutations === seen) paintAt = performance.now(); };
          mc.port2.postMessage(0);
          continue;
        }
        const changed = countText() !== a.count;
        if (seen !== seen0 && (changed || !needChange)) {
          if (++quiet >= 2) break;
        } else if (now - a.start > maxMs) {
          return { error: `no DOM change within ${maxMs} ms`, changed };
        }
      }
      await frame();
      return { start: a.start, end: paintAt, count: countText() };
    })();
  };
  B.settle = () => B.armed.done;

  // Scrolls the page down from the top, `step` px per frame, for `maxSteps` frames or to
  // the bottom, as a reader skimming the list would; a "Show more" button that comes into
  // view is clicked (a page that draws rows as they near the screen has none). Records
  // every frame's length and the long tasks in that time.
  B.scroll = async ({ step = 400, maxSteps = 450 } = {}) => {
    window.scrollTo(0, 0);
    await frame();
    await frame();
    const t0 = performance.now();
    const lt0 = B.longtasks.length;
    const frames = [];
    let last = performance.now();
    let steps = 0;
    let clicks = 0;
    for (; steps < maxSteps; steps++) {
      await frame();
      const now = performance.now();
      frames.push(now - last);
      last = now;
      const more = document.querySelector('button.show-more');
      if (more && !more.hidden && more.getBoundingClientRect().top < innerHeight) {
        more.click();
        clicks++;
        continue;
      }
      if (innerHeight + scrollY >= document.documentElement.scrollHeight - 2) break;
      window.scrollBy(0, step);
    }
    await frame();
    frames.push(performance.now() - last);
    const lts = B.longtasks.slice(lt0).map((t) => t[1]);
    return {
      ms: performance.now() - t0, steps, clicks, scrolled: scrollY, rows: document.querySelectorAll('[data-item-id]').length,
      longestFrame: Math.max(...frames), longFrames: frames.filter((f) => f > 50).length, frames: frames.length,
      longTasks: lts.length, longestTask: lts.length ? Math.max(...lts) : 0,
    };
  };
}

// ---- the server ---------------------------------------------------------------------
function startServer(mounts) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'server.js'), ...mounts], { stdio: ['pipe', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /PORT (\d+)/.exec(buf);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`the file server stopped (${code})`)));
    setTimeout(() => reject(new Error('the file server did not start')), 15000);
  });
}

// A self-signed certificate for 127.0.0.1 in `dir`, and its key's SHA-256 (base64), which
// Chromium is told to accept.
function makeCert(dir) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const spki = crypto.createPublicKey(fs.readFileSync(key)).export({ type: 'spki', format: 'der' });
  return { key, cert, spki: crypto.createHash('sha256').update(spki).digest('base64') };
}

// ---- statistics ---------------------------------------------------------------------
const signed = (x) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${fmt(Math.abs(x))}`;

// 95% interval of median(a) − median(b), by resampling each (seeded, so repeatable).
function bootstrapDiff(a, b, n = 4000) {
  let seed = 20240331;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (xs) => Array.from(xs, () => xs[Math.floor(rand() * xs.length)]);
  const d = Array.from({ length: n }, () => median(pick(a)) - median(pick(b))).sort((x, y) => x - y);
  return [d[Math.floor(0.025 * n)], d[Math.ceil(0.975 * n) - 1]];
}

// One-sided Mann-Whitney U test (normal approximation, ties corrected): the p-value of
// "values of `a` tend to be larger than those of `b`" (the app slower).
function mannWhitneySlower(a, b) {
  const all = [...a.map((v) => [v, 0]), ...b.map((v) => [v, 1])].sort((x, y) => x[0] - y[0]);
  const ranks = new Array(all.length);
  let tie = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j + 1 < all.length && all[j + 1][0] === all[i][0]) j++;
    for (let k = i; k <= j; k++) ranks[k] = (i + j) / 2 + 1;
    const t = j - i + 1;
    tie += t * t * t - t;
    i = j + 1;
  }
  const n1 = a.length;
  const n2 = b.length;
  const r1 = all.reduce((s, x, i) => s + (x[1] === 0 ? ranks[i] : 0), 0);
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const n = n1 + n2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tie / (n * (n - 1))));
  if (!(sd > 0)) return 0.5;
  const z = (u - mean - 0.5) / sd;
  return 1 - normalCdf(z);
}

function normalCdf(z) {
  // Abramowitz and Stegun 7.1.26.
  const t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.SQRT2);
  const y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

// ---- one session: a fresh browser context (no shared cache), one page ---------------
async function session(browser, url, body) {
  const ctx = await browser.createBrowserContext();
  try {
    const page = await ctx.newPage();
    await page.setViewport(VIEWPORT);
    await page.evaluateOnNewDocument(instrument);
    page.setDefaultTimeout(LOAD_TIMEOUT);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    // Chromium is started so that no name but 127.0.0.1 resolves; this says so if a page tries.
    page.on('request', (req) => {
      const u = new URL(req.url());
      if (u.hostname !== '127.0.0.1' && /^(https?|wss?):$/.test(u.protocol)) errors.push(`request outside 127.0.0.1 (refused): ${req.url()}`);
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: LOAD_TIMEOUT });
    return await body(page, errors);
  } finally {
    await ctx.close().catch(() => {});
  }
}

async function frames(page, n = 2) {
  await page.evaluate((n) => new Promise((r) => {
    let k = 0;
    const f = () => (++k >= n ? r() : requestAnimationFrame(f));
    requestAnimationFrame(f);
  }), n);
}

// Waits for the list (or the problems page), then reads the load figures and the heap.
async function loaded(page, errors) {
  await page.waitForFunction(() => window.__bench && (window.__bench.listPaintedAt != null || window.__bench.problemsAt != null),
    { timeout: LOAD_TIMEOUT, polling: 50 }).catch(() => {});
  const b = await page.evaluate(() => {
    const B = window.__bench;
    const mark = (n) => {
      const e = performance.getEntriesByName(n, 'mark')[0];
      return e ? e.startTime : null;
    };
    return {
      listAt: B.listAt, listPaintedAt: B.listPaintedAt, problems: B.problemsText || null,
      marks: { start: mark('se:fetch-start'), fetched: mark('se:fetched'), parsed: mark('se:parsed'), rendered: mark('se:rendered') },
      longtasks: B.longtasks.slice(),
      resources: [location.href, ...performance.getEntriesByType('resource').map((e) => e.name)],
    };
  });
  if (b.problems) throw new Error(`the page could not open the bundle: ${b.problems.slice(0, 400)}`);
  if (b.listAt == null) throw new Error(`the item list did not appear within ${LOAD_TIMEOUT / 1000} s${errors.length ? `: ${errors[0]}` : ''}`);
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  // Every WebAssembly.Memory of the page (the app's linear memory lives outside the JS heap).
  const proto = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
  const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
  const sum = await cdp.send('Runtime.callFunctionOn', {
    objectId: found.objects.objectId, returnByValue: true,
    functionDeclaration: 'function () { return this.reduce((s, m) => s + m.buffer.byteLength, 0); }',
  });
  await cdp.detach();
  return { ...b, heap: heap.usedSize, wasm: sum.result.value || null };
}

// Runs `body` while Chromium traces its tasks ('toplevel': little overhead). Returns what
// `body` returned, and busy(start, end): how many ms of [start, end] (performance.now()
// times of the page) the page's main thread spent running tasks.
async function traced(page, body) {
  await page.tracing.start({ categories: ['toplevel', 'blink.user_timing'] });
  let out;
  let sync;
  try {
    sync = await page.evaluate(() => performance.mark('trace-sync').startTime);
    out = await body();
  } finally {
    var raw = await page.tracing.stop();
  }
  const events = JSON.parse(Buffer.from(raw).toString('utf8')).traceEvents;
  const mark = events.find((e) => e.name === 'trace-sync');
  if (!mark) throw new Error('the trace has no trace-sync mark');
  const at = (ts) => (ts - mark.ts) / 1000 + sync;
  const tasks = events
    .filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask')
    .map((e) => [at(e.ts), at(e.ts + e.dur)])
    .sort((x, y) => x[0] - y[0]);
  const busy = (start, end) => {
    let total = 0;
    let reach = start;
    for (const [s, e] of tasks) {
      const from = Math.max(s, reach);
      const to = Math.min(e, end);
      if (to > from) total += to - from;
      reach = Math.max(reach, Math.min(e, end));
    }
    return total;
  };
  return { out, busy };
}

// One input: arms the page, triggers the input, waits until the DOM has settled.
async function measureInput(page, fig, trigger, eventType, needChange) {
  await page.evaluate((t, o) => window.__bench.arm(t, o), eventType, { needChange });
  await trigger();
  const r = await page.evaluate(() => window.__bench.settle());
  if (r.error) throw new Error(`${fig}: ${r.error}`);
  if (r.end == null) throw new Error(`${fig}: no frame was rendered after the change`);
  return r;
}

// ---- the measurements ---------------------------------------------------------------
async function listSession(browser, base, impl, bundle, size, rec, opts) {
  const url = `${base}/${impl}/?bundle=${encodeURIComponent(`../data/${bundle}`)}`;
  await session(browser, url, async (page, errors) => {
    const l = await loaded(page, errors);
    const m = l.marks;
    rec(`load:${size}`, l.listAt);
    rec(`paint:${size}`, l.listPaintedAt);
    if (m.start != null && m.fetched != null && m.parsed != null && m.rendered != null) {
      rec(`startup:${size}`, m.start);
      rec(`fetch:${size}`, m.fetched - m.start);
      rec(`parse:${size}`, m.parsed - m.fetched);
      rec(`render:${size}`, m.rendered - m.parsed);
    }
    if (opts.resources) opts.resources(l.resources);
    rec(`heap:${size}`, l.heap / 1048576);
    if (l.wasm != null) rec(`wasm:${size}`, l.wasm / 1048576);
    rec(`total-mem:${size}`, (l.heap + (l.wasm || 0)) / 1048576);
    if (size === 10000) {
      const lt = l.longtasks.filter(([s]) => s <= l.listPaintedAt + 1).map((t) => t[1]);
      rec('load-longest-task:10000', lt.length ? Math.max(...lt) : 0);
    }
    if (!opts.interact) return;

    const phase = (name) => page.evaluate((n) => performance.mark(`bench:${n}`), name);
    // The inputs, traced: for each, the wall-clock wait and the main thread's busy time.
    const samples = [];
    const input = async (figure, trigger, eventType, needChange) => {
      const r = await measureInput(page, figure, trigger, eventType, needChange);
      samples.push({ figure, ...r });
    };
    let failure = null;
    const { busy } = await traced(page, () => body().catch((e) => { failure = e; }));
    async function body() {
      // RAG filter: on and off, twice.
      await phase('filter');
      for (const word of ['red', 'red', 'amber', 'amber']) {
        const sel = `fieldset[data-facet=rag] input[type=checkbox][value=${word}]`;
        await input(`filter:${size}`, () => page.click(sel), 'click', true);
      }
      // Typing a search word, one key at a time.
      await phase('typing');
      await page.click('#search');
      await frames(page);
      for (const ch of SEARCH_WORD) await input(`key:${size}`, () => page.keyboard.press(ch), 'keydown', false);
      if (size !== 10000) return;
      // Clear the search (not measured); then, if the page has one, "Show more" twice
      // (the baseline: 100 -> 600 -> 1,100 rows).
      await phase('clear-search');
      await page.evaluate(() => window.__bench.arm('keydown', { needChange: true }));
      await page.keyboard.down('Control');
      await page.keyboard.press('a');
      await page.keyboard.up('Control');
      await page.keyboard.press('Backspace');
      await page.evaluate(() => window.__bench.settle());
      await frames(page, 3);
      const hasMore = () => page.evaluate(() => {
        const b = document.querySelector('button.show-more');
        return !!b && !b.hidden;
      });
      if (!(await hasMore())) {
        rec.na('show-more:10000', 'no "Show more": draws rows as they near the screen');
        rec.na('show-more-busy:10000', '–');
        rec.na('phase-longest-task:show-more', '–');
      } else {
        await phase('show-more');
      }
      for (let k = 0; k < 2 && (await hasMore()); k++) {
        await input('show-more:10000', () => page.click('button.show-more'), 'click', false);
      }
    }
    for (const x of samples) {
      rec(x.figure, x.end - x.start);
      rec(`${x.figure.replace(':', '-busy:')}`, busy(x.start, x.end));
    }
    if (opts.verbose) {
      const show = samples.map((x) => `${x.figure} ${(x.end - x.start).toFixed(1)}/${busy(x.start, x.end).toFixed(1)}`);
      console.error(`    inputs ${impl} ${size} (wait/busy ms): ${show.join(', ')}`);
    }
    if (failure) throw failure;
    if (size === 10000) {
      await frames(page, 3);
      await phase('scroll');
      const s = await page.evaluate(() => window.__bench.scroll({}));
      if (opts.verbose) console.error(`    scroll ${impl}: ${JSON.stringify(s)}`);
      rec('scroll-longest-frame:10000', s.longestFrame);
      rec('scroll-long-frames:10000', s.longFrames);
      rec('scroll-rows:10000', s.rows);
      rec('scroll-px:10000', s.scrolled);
      const all = await page.evaluate(() => window.__bench.longtasks.map((t) => t[1]));
      rec('longest-task:10000', all.length ? Math.max(...all) : 0);
      // The longest task of each phase after the load.
      const byPhase = await page.evaluate(() => {
        const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('bench:'));
        const out = Object.fromEntries(marks.map((m) => [m.name.slice(6), 0]));
        for (const [start, d] of window.__bench.longtasks) {
          const m = marks.filter((x) => x.startTime <= start).pop();
          if (m) out[m.name.slice(6)] = Math.max(out[m.name.slice(6)], d);
        }
        return out;
      });
      if (opts.verbose) console.error(`    longest task by phase, ${impl}: ${JSON.stringify(byPhase)}`);
      for (const [name, d] of Object.entries(byPhase)) if (name !== 'clear-search') rec(`phase-longest-task:${name}`, d);
      const loafs = await page.evaluate(() => window.__bench.loafs.map((t) => t[1]));
      rec('longest-frame:10000', loafs.length ? Math.max(...loafs) : 0);
    }
  });
}

// Installed before any script of the page (after instrument), for the visit figures only.
// "Interactive": as soon as a filter checkbox a person could use is there (in a filter
// fieldset[data-facet], enabled, not visibility-hidden, with the result count
// [data-result-count] shown; the static first view's boxes are disabled and outside such
// a fieldset) and the list is on screen, it is clicked, from a MutationObserver (or the
// frame that found the list on screen), so in the task that made it usable. Waiting for
// the list keeps the click from emptying it before it was seen (a filter can match no
// item); where both come in one task (the baseline) it costs at most a frame. On a
// phone the app folds its filters behind a button: the box is clicked as if it were open.
// "Answered" is the start of the frame after the one that drew a changed result count:
// the filtered list is painted. A click not answered within 2 s is made again (counted).
function probeInteractive() {
  const P = (window.__probe = { clickedAt: null, answeredAt: null, clicks: 0 });
  const count = () => {
    const c = document.querySelector('[data-result-count]');
    return c ? c.textContent : null;
  };
  const usable = (b) => !b.disabled && getComputedStyle(b).visibility !== 'hidden';
  let waiting = false;
  const attempt = () => {
    if (waiting || P.answeredAt != null || !window.__bench || window.__bench.listShownAt == null) return;
    const before = count();
    if (before == null) return;
    const box = [...document.querySelectorAll('fieldset[data-facet] input[type=checkbox]')].find(usable);
    if (!box) return;
    waiting = true;
    box.click();
    P.clicks++;
    const clicked = performance.now();
    if (P.clickedAt == null) P.clickedAt = clicked;
    const frame = () => requestAnimationFrame(() => {
      const now = count();
      if (now != null && now !== before) {
        requestAnimationFrame(() => {
          P.answeredAt = performance.now();
          watch.disconnect();
          setTimeout(() => box.click(), 50); // back as it was
        });
        return;
      }
      if (performance.now() - clicked > 2000) {
        waiting = false;
        attempt();
        return;
      }
      frame();
    });
    frame();
  };
  const watch = new MutationObserver(attempt);
  window.__bench.onList = attempt;
  watch.observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['disabled', 'class', 'hidden', 'style'] });
}

// The Lighthouse mobile profile: 150 ms round trip, 1.6 Mbps down, 750 kbps up, 4x CPU.
const MOBILE = { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8, cpu: 4 };
const PHONE = { width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

// What the browser fetched for one visit, from the CDP Network events: per request the
// URL, protocol, status, Content-Encoding, bytes on the wire (headers included), whether
// it came from the HTTP cache, and when it was asked for and finished (ms from the
// request of the page itself).
function networkLog(cdp) {
  let reqs = new Map();
  let t0 = null;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (t0 == null) t0 = e.timestamp; // the page itself: the first request after reset()
    reqs.set(e.requestId, { url: e.request.url, type: e.type, sent: e.timestamp, cache: false });
  });
  // The status as it came over the wire: a revalidated file is reported to responseReceived
  // as the cached 200, here as the 304 it was.
  const wireStatus = new Map();
  cdp.on('Network.responseReceivedExtraInfo', (e) => wireStatus.set(e.requestId, e.statusCode));
  cdp.on('Network.requestServedFromCache', (e) => { const r = reqs.get(e.requestId); if (r) r.cache = true; });
  cdp.on('Network.responseReceived', (e) => {
    const r = reqs.get(e.requestId);
    if (!r) return;
    const h = Object.fromEntries(Object.entries(e.response.headers || {}).map(([k, v]) => [k.toLowerCase(), v]));
    Object.assign(r, {
      status: e.response.status, protocol: e.response.protocol, encoding: h['content-encoding'] || 'identity',
      cache: r.cache || !!e.response.fromDiskCache || !!e.response.fromPrefetchCache,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId);
    if (r) Object.assign(r, { finished: e.timestamp, wire: e.encodedDataLength });
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = reqs.get(e.requestId);
    if (r) Object.assign(r, { finished: e.timestamp, failed: e.errorText });
  });
  return {
    reset() { reqs = new Map(); wireStatus.clear(); t0 = null; },
    read() {
      return [...reqs.entries()].map(([id, r]) => ({
        url: r.url, file: new URL(r.url).pathname.replace(/^\/[^/]+\//, '') || 'index.html', protocol: r.protocol,
        status: r.cache ? r.status : wireStatus.get(id) || r.status, encoding: r.encoding, wire: r.wire, cache: r.cache, failed: r.failed,
        at: Math.round((r.sent - t0) * 1000), done: r.finished != null ? Math.round((r.finished - t0) * 1000) : null,
      })).sort((a, b) => a.at - b.at);
    },
  };
}

// A person's first and then repeat visit to the page (Somerset, the page's own default
// scorecard), served as a real host serves it (bench/server.js --real, over HTTPS by
// default: compressed, hashed files cached as immutable, the rest revalidated),
// unthrottled or at the mobile profile: navigation -> item list on screen (static first
// view or script, whichever first), -> the app's own live list ([data-result-count]
// painted), -> a filter click answered (interactive).
async function visitSession(browser, base, impl, profile, rec, logs) {
  const url = `${base}/${impl}/`;
  const ctx = await browser.createBrowserContext();
  try {
    const page = await ctx.newPage();
    await page.setViewport(profile === 'mobile' ? PHONE : VIEWPORT);
    await page.evaluateOnNewDocument(instrument);
    await page.evaluateOnNewDocument(probeInteractive);
    page.setDefaultTimeout(LOAD_TIMEOUT);
    const cdp = await page.createCDPSession();
    const net = networkLog(cdp);
    await cdp.send('Network.enable');
    if (profile === 'mobile') {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: MOBILE.latency, downloadThroughput: MOBILE.downloadThroughput, uploadThroughput: MOBILE.uploadThroughput,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpu });
    }
    for (const visit of ['first', 'repeat']) {
      net.reset();
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: LOAD_TIMEOUT });
      await page.waitForFunction(() => window.__bench && window.__bench.listOnScreenAt != null && window.__bench.listPaintedAt != null &&
        window.__probe && window.__probe.answeredAt != null, { timeout: LOAD_TIMEOUT, polling: 50 }).catch(() => {});
      const v = await page.evaluate(() => {
        const B = window.__bench;
        const P = window.__probe;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return {
          onScreen: B.listOnScreenAt, from: B.listFrom, inView: B.listInView, live: B.listPaintedAt,
          fcp: fcp ? fcp.startTime : null, clickedAt: P.clickedAt, answeredAt: P.answeredAt, clicks: P.clicks,
        };
      });
      const what = `${impl} ${visit} visit (${profile})`;
      if (v.onScreen == null) throw new Error(`${what}: no item card was shown within ${LOAD_TIMEOUT / 1000} s`);
      if (v.answeredAt == null) throw new Error(`${what}: no filter click was answered`);
      await new Promise((r) => setTimeout(r, 300));
      const log = net.read();
      rec(`${visit}-${profile}:list`, v.onScreen);
      rec(`${visit}-${profile}:fcp`, v.fcp);
      rec(`${visit}-${profile}:live`, v.live);
      rec(`${visit}-${profile}:clickable`, v.clickedAt);
      rec(`${visit}-${profile}:interactive`, v.answeredAt);
      rec(`${visit}-${profile}:wire`, log.reduce((s, r) => s + (r.wire || 0), 0));
      logs.push({ impl, profile, visit, ...v, requests: log });
    }
  } finally {
    await ctx.close().catch(() => {});
  }
}

async function chartSession(browser, base, impl, bundle, id, fig, rec) {
  const url = `${base}/${impl}/?bundle=${encodeURIComponent(`../data/${bundle}`)}&item=${encodeURIComponent(id)}`;
  await session(browser, url, async (page) => {
    await page.waitForFunction(() => {
      const c = document.querySelector('canvas[data-draw-ms]');
      return (c && c.getAttribute('data-draw-ms')) || (window.__bench && window.__bench.problemsAt != null);
    }, { timeout: LOAD_TIMEOUT, polling: 20 });
    // Let a redraw on the first resize observation happen too; the figure is the first draw.
    await frames(page, 3);
    await new Promise((r) => setTimeout(r, 150));
    const d = await page.evaluate(() => {
      const c = document.querySelector('canvas[data-draw-ms]');
      return { draws: window.__bench.draws, now: c ? parseFloat(c.getAttribute('data-draw-ms')) : null, problems: window.__bench.problemsText };
    });
    if (d.problems) throw new Error(`${fig}: ${d.problems.slice(0, 300)}`);
    const first = d.draws.length ? d.draws[0] : d.now;
    if (!(first >= 0)) throw new Error(`${fig}: no draw time on the canvas`);
    rec(fig, first);
    rec(`${fig}-draws`, d.draws.length || 1);
  });
}

// ---- transfer sizes -----------------------------------------------------------------
function gzipSize(file) {
  try {
    return execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 30 }).length;
  } catch {
    return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  }
}

// The files a page loaded (its own document and every resource under `prefix`), from
// `dir`, by extension: raw bytes and gzip -9 bytes. The bundle (data) is not counted.
function transferOf(urls, prefix, dir) {
  const out = {};
  const seen = new Set();
  for (const u of urls || []) {
    const { pathname } = new URL(u);
    if (!pathname.startsWith(prefix)) continue;
    const rel = decodeURIComponent(pathname.slice(prefix.length)) || 'index.html';
    const ext = path.extname(rel).slice(1).toLowerCase();
    if (seen.has(rel) || !['wasm', 'js', 'css', 'html'].includes(ext)) continue;
    seen.add(rel);
    const file = path.join(dir, rel);
    if (!fs.existsSync(file)) continue;
    const e = (out[ext] = out[ext] || { raw: 0, gz: 0, br: 0, files: [] });
    e.raw += fs.statSync(file).size;
    e.gz += gzipSize(file);
    // The build's own brotli copy, when there is one (dist/ has them; the baseline not).
    e.br = e.br != null && fs.existsSync(`${file}.br`) ? e.br + fs.statSync(`${file}.br`).size : null;
    e.files.push(rel);
  }
  return out;
}

// What each visit fetched, from its network log: for the first visit at the mobile
// profile (the last run's), every file with protocol, encoding, bytes on the wire and
// when it was asked for and finished; for the other visits, the encodings and what came
// from the HTTP cache.
function networkText(logs, protocol) {
  if (!logs.length) return '';
  const last = (impl, profile, visit) => logs.filter((l) => l.impl === impl && l.profile === profile && l.visit === visit).pop();
  const kb = (n) => (n == null ? '–' : (n / 1000).toFixed(1));
  let out = `\nWhat the visits fetched (the last run; served by bench/server.js --real over ${protocol}; ms from the request of the page; bytes on the wire with headers)\n`;
  for (const impl of ['app', 'baseline']) {
    const l = last(impl, 'mobile', 'first');
    if (!l) continue;
    out += `  ${impl}, first visit, mobile profile: list on screen at ${fmt(l.onScreen)} ms (${l.from === 'static' ? 'the static first view' : 'drawn by script'}${l.inView ? ', in the first screen' : ', below the first screen'}), live list ${fmt(l.live)} ms, filter clicked ${fmt(l.clickedAt)} ms, answered ${fmt(l.answeredAt)} ms${l.clicks > 1 ? ` (${l.clicks} clicks)` : ''}\n`;
    const rows = l.requests.map((r) => [r.file.slice(0, 48), r.protocol || '–', r.failed ? `failed: ${r.failed}` : r.status == null ? 'unfinished' : `${r.status}${r.cache ? ' cache' : ''}`, r.encoding || '–', kb(r.wire), String(r.at), r.done == null ? '–' : String(r.done)]);
    const head = ['file', 'protocol', 'status', 'encoding', 'KB wire', 'asked ms', 'done ms'];
    const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    out += `    ${head.map((h, i) => h.padEnd(w[i])).join('  ')}\n`;
    for (const r of rows) out += `    ${r.map((c, i) => (i >= 4 ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ')}\n`;
    out += `    total ${kb(l.requests.reduce((s, r) => s + (r.wire || 0), 0))} KB on the wire in ${l.requests.length} requests\n`;
    for (const [profile, visit] of [['mobile', 'repeat'], ['none', 'first'], ['none', 'repeat']]) {
      const x = last(impl, profile, visit);
      if (!x) continue;
      const cached = x.requests.filter((r) => r.cache).length;
      const revalidated = x.requests.filter((r) => r.status === 304).length;
      const asked = x.requests.filter((r) => !r.cache && r.status != null).map((r) => `${r.file.slice(0, 40)} ${r.status} ${r.encoding || "–"} ${kb(r.wire)}`).join(', ');
      out += `  ${impl}, ${visit} visit, ${profile === 'none' ? 'no throttling' : 'mobile profile'}: list on screen ${fmt(x.onScreen)} ms, interactive ${fmt(x.answeredAt)} ms; ` +
        `${x.requests.length} requests, ${cached} from the HTTP cache, ${revalidated} answered 304, ${kb(x.requests.reduce((s, r) => s + (r.wire || 0), 0))} KB on the wire` +
        `${asked ? `; asked the server (file status encoding KB): ${asked}` : ''}\n`;
    }
  }
  return out;
}

// ---- the report ---------------------------------------------------------------------
const FIGURES = [];
function fig(key, label, unit, opts = {}) {
  FIGURES.push({ key, label, unit, ...opts });
}

function defineFigures(sizeList, charts = true) {
  const names = { somerset: 'Somerset', 100: '100 items', 1000: '1,000 items', 10000: '10,000 items' };
  for (const s of ['somerset', ...sizeList]) {
    const n = names[s] || `${s} items`;
    fig(`load:${s}`, `${n}: navigation → item list in DOM`, 'ms', { required: true });
    fig(`paint:${s}`, `${n}: navigation → item list painted`, 'ms');
    fig(`startup:${s}`, `${n}: ↳ startup (navigation → se:fetch-start)`, 'ms', { marks: true });
    fig(`fetch:${s}`, `${n}: ↳ fetch (se:fetch-start → se:fetched)`, 'ms', { marks: true });
    fig(`parse:${s}`, `${n}: ↳ parse + validate (se:fetched → se:parsed)`, 'ms', { marks: true });
    fig(`render:${s}`, `${n}: ↳ first render (se:parsed → se:rendered)`, 'ms', { marks: true });
    fig(`heap:${s}`, `${n}: JS heap after load (after GC)`, 'MiB');
    fig(`wasm:${s}`, `${n}: WebAssembly memory after load`, 'MiB', { appOnly: true });
    fig(`total-mem:${s}`, `${n}: JS heap + WebAssembly memory`, 'MiB');
  }
  for (const s of sizeList) {
    const n = names[s] || `${s} items`;
    fig(`filter:${s}`, `${n}: RAG filter click → list settled and painted`, 'ms', { required: true, pooled: true });
    fig(`filter-busy:${s}`, `${n}: ↳ of which the main thread was busy`, 'ms', { pooled: true });
    fig(`key:${s}`, `${n}: search keystroke → list settled and painted`, 'ms', { required: true, pooled: true });
    fig(`key-busy:${s}`, `${n}: ↳ of which the main thread was busy`, 'ms', { pooled: true });
  }
  for (const profile of ['mobile', 'none']) {
    const p = profile === 'mobile' ? 'mobile profile (150 ms RTT, 1.6 Mbps, 4× CPU, 390×844)' : 'no throttling';
    for (const visit of ['first', 'repeat']) {
      const v = `Somerset ${visit} visit, ${p}`;
      fig(`${visit}-${profile}:fcp`, `${v}: navigation → first content painted (FCP)`, 'ms');
      fig(`${visit}-${profile}:list`, `${v}: navigation → list on screen (first item card drawn: static view or script)`, 'ms', { required: true });
      fig(`${visit}-${profile}:live`, `${v}: navigation → live list ([data-result-count] painted)`, 'ms');
      fig(`${visit}-${profile}:clickable`, `${v}: navigation → a filter checkbox usable (clicked)`, 'ms');
      fig(`${visit}-${profile}:interactive`, `${v}: navigation → that filter click answered (interactive)`, 'ms', { required: true });
      fig(`${visit}-${profile}:wire`, `${v}: bytes on the wire, everything (scorecard and headers included)`, 'KB');
    }
  }
  if (charts) fig('chart20', 'Detail chart, 20 points: first draw', 'ms', { required: true });
  if (charts) fig('chart120', 'Detail chart, 120 points: first draw', 'ms', { required: true });
  if (charts) fig('chart120-draws', 'Detail chart, 120 points: draws on opening', 'count');
  if (sizeList.includes(10000)) {
    fig('show-more:10000', '10,000 items: "Show more" click (100→600→1,100 rows) → settled and painted', 'ms', { pooled: true });
    fig('show-more-busy:10000', '10,000 items: ↳ of which the main thread was busy', 'ms', { pooled: true });
    fig('scroll-px:10000', '10,000 items: scroll down, 400 px a frame for up to 450 frames: distance', 'px');
    fig('scroll-longest-frame:10000', '10,000 items: scroll: longest frame', 'ms');
    fig('scroll-long-frames:10000', '10,000 items: scroll: frames over 50 ms', 'count');
    fig('scroll-rows:10000', '10,000 items: scroll: item rows in the DOM at the end', 'count');
    fig('load-longest-task:10000', '10,000 items: longest main-thread task during load', 'ms');
    for (const [p, what] of [['filter', 'RAG filter clicks'], ['typing', 'typing'], ['show-more', '"Show more" clicks'], ['scroll', 'scrolling']]) {
      fig(`phase-longest-task:${p}`, `10,000 items: longest main-thread task while ${what}`, 'ms');
    }
    fig('longest-task:10000', '10,000 items: longest main-thread task, whole session', 'ms', { required: true });
    fig('longest-frame:10000', '10,000 items: longest animation frame (LoAF), whole session', 'ms');
  }
}

const fmt = (v, unit) => {
  if (v == null) return '–';
  if (unit === 'count') return String(Math.round(v * 10) / 10);
  if (unit === 'MiB') return v.toFixed(1);
  if (unit === 'px') return String(Math.round(v));
  if (unit === 'KB') return (v / 1000).toFixed(1);
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
};

function cell(xs, unit) {
  if (!xs || !xs.length) return null;
  const m = median(xs);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return { median: m, min: lo, max: hi, n: xs.length, text: `${fmt(m, unit)} (${fmt(lo, unit)}–${fmt(hi, unit)})` };
}

function report(results, transfer, meta, o, na = {}) {
  const rows = [];
  const missing = [];
  for (const f of FIGURES) {
    const a = cell(results.app[f.key], f.unit);
    const b = cell(results.baseline[f.key], f.unit);
    if (!a && !b && !f.required) {
      if (f.marks) rows.push([f.label, 'n/a: the app sets no se:* marks yet', b ? b.text : '–', '–', f.unit]);
      continue;
    }
    if (f.required && (!a || !b)) missing.push(`${f.label} (${!a ? 'app' : 'baseline'})`);
    const why = (impl) => (na[impl] || {})[f.key];
    const naText = (w) => (w === '–' ? 'n/a' : `n/a: ${w}`);
    let appText = a ? a.text : why('app') ? naText(why('app')) : f.marks ? 'n/a: no se:* marks in the app yet' : f.appOnly ? '–' : 'not measured';
    let baseText = b ? b.text : why('baseline') ? naText(why('baseline')) : f.appOnly ? '–' : 'not measured';
    const ratio = a && b && b.median > 0 ? `${(a.median / b.median).toFixed(2)}×` : '–';
    rows.push([f.label, appText, baseText, ratio, f.unit]);
  }
  // Transfer sizes: what each page loaded (the bundle aside).
  const t = transfer;
  const kb = (x) => (x == null ? '–' : `${(x.raw / 1000).toFixed(1)} / ${(x.gz / 1000).toFixed(1)}`);
  const add = (...xs) => {
    const present = xs.filter(Boolean);
    return present.length ? { raw: present.reduce((s, x) => s + x.raw, 0), gz: present.reduce((s, x) => s + x.gz, 0) } : null;
  };
  const sizeRow = (label, a, b) => rows.push([label, kb(a), kb(b), a && b ? `${(a.gz / b.gz).toFixed(1)}×` : '–', 'KB raw / gzip -9']);
  const files = (x) => (x ? ` (${x.files.length})` : '');
  sizeRow('Transfer: .wasm', t.app.wasm, t.baseline.wasm);
  sizeRow(`Transfer: .js files, app${files(t.app.js)} / baseline${files(t.baseline.js)}`, t.app.js, t.baseline.js);
  sizeRow('Transfer: .css (the baseline\'s is inline in its .html)', t.app.css, t.baseline.css);
  sizeRow('Transfer: .html', t.app.html, t.baseline.html);
  const appJsWasm = add(t.app.wasm, t.app.js);
  sizeRow('Transfer: wasm + js', appJsWasm, add(t.baseline.wasm, t.baseline.js));
  sizeRow('Transfer: everything but the bundle (wasm + js + css + html)', add(t.app.wasm, t.app.js, t.app.css, t.app.html),
    add(t.baseline.wasm, t.baseline.js, t.baseline.css, t.baseline.html));
  if (!appJsWasm) missing.push('transfer size of the app (no page load recorded)');

  // Budgets.
  const med = (impl, key) => median(results[impl][key] || []);
  const budgets = [];
  const budget = (name, ok, detail) => budgets.push([ok == null ? 'NOT MEASURED' : ok ? 'PASS' : 'FAIL', name, detail]);
  const ratioBudget = (name, key, limit) => {
    const a = med('app', key);
    const b = med('baseline', key);
    budget(name, a == null || b == null ? null : a <= limit * b, a == null || b == null ? '' : `${fmt(a)} ms vs ${fmt(b)} ms = ${(a / b).toFixed(2)}×`);
  };
  ratioBudget('First visit, mobile profile: list on screen ≤ 1.3 × baseline', 'first-mobile:list', 1.3);
  {
    const a = med('app', 'first-mobile:interactive');
    budget('First visit, mobile profile: interactive ≤ 2,300 ms', a == null ? null : a <= 2300, a == null ? '' : `${fmt(a)} ms (baseline ${fmt(med('baseline', 'first-mobile:interactive'))} ms)`);
  }
  ratioBudget('Repeat visit, mobile profile: list on screen ≤ 1.1 × baseline', 'repeat-mobile:list', 1.1);
  ratioBudget('First visit, no throttling: list on screen ≤ 1.3 × baseline', 'first-none:list', 1.3);
  ratioBudget('Repeat visit, no throttling: list on screen ≤ 1.1 × baseline', 'repeat-none:list', 1.1);
  const brText = appJsWasm && t.app.wasm && t.app.wasm.br != null && t.app.js && t.app.js.br != null
    ? `; brotli (the build's .br) ${((t.app.wasm.br + t.app.js.br) / 1000).toFixed(1)} KB (wasm ${(t.app.wasm.br / 1000).toFixed(1)} + js ${(t.app.js.br / 1000).toFixed(1)})`
    : '; brotli: no .br copies in the build';
  budget('wasm + js ≤ 330 KB gzipped (a guard)', appJsWasm ? appJsWasm.gz <= 330000 : null, appJsWasm
    ? `${(appJsWasm.gz / 1000).toFixed(1)} KB gzip -9 (wasm ${t.app.wasm ? (t.app.wasm.gz / 1000).toFixed(1) : 0} + js ${t.app.js ? (t.app.js.gz / 1000).toFixed(1) : 0}; 1 KB = 1,000 bytes)${brText}`
    : '');
  if (o.sizes.includes(10000)) {
    const xa = results.app['filter:10000'] || [];
    const xb = results.baseline['filter:10000'] || [];
    const a = median(xa);
    const b = median(xb);
    const busyA = med('app', 'filter-busy:10000');
    let detail = '';
    // "No slower" is judged as a test, not by medians a few ms apart: it fails when the
    // clicks show the app slower at 95% confidence (one-sided Mann-Whitney).
    let slower = null;
    if (a != null && b != null) {
      const ci = bootstrapDiff(xa, xb);
      const p = mannWhitneySlower(xa, xb);
      slower = p < 0.05;
      detail = `click → settled and painted: app ${fmt(a)} ms, baseline ${fmt(b)} ms (app main thread busy ${fmt(busyA)} ms); ` +
        `app − baseline median ${signed(a - b)} ms, 95% bootstrap interval ${signed(ci[0])} to ${signed(ci[1])} ms; ` +
        `Mann-Whitney, one-sided, that the app is slower: p = ${p.toFixed(3)} (${xa.length} + ${xb.length} clicks): ` +
        (p < 0.05 ? 'the app is slower, at 95% confidence' : ci[1] < 0 ? 'the app is faster, at 95% confidence' : 'no difference shown at 95% confidence');
    }
    budget('RAG filter click at 10,000 items no slower than the baseline (not shown slower at 95% confidence)', slower == null ? null : !slower, detail);
  }
  if (!o.visitsOnly) {
    const a = med('app', 'chart120');
    budget('Detail chart of 120 points ≤ 16 ms', a == null ? null : a <= 16, a == null ? '' : `${fmt(a)} ms median`);
  }
  if (o.sizes.includes(10000)) {
    const xs = results.app['longest-task:10000'] || [];
    const worst = xs.length ? Math.max(...xs) : null;
    budget('No main-thread task over 200 ms at 10,000 items', worst == null ? null : worst <= 200,
      worst == null ? '' : `longest ${fmt(worst)} ms (over ${xs.length} run${xs.length === 1 ? '' : 's'}; median of per-run longest ${fmt(median(xs))} ms)`);
  }

  const wire = networkText(meta.visitLogs || [], meta.visitProtocol);
  // Text and Markdown.
  const head = ['Figure', 'App median (min–max)', 'Baseline median (min–max)', 'App / baseline', 'Unit'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  let text = `${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n\nBudgets\n`;
  for (const [s, n, d] of budgets) text += `  ${s.padEnd(12)} ${n}${d ? `: ${d}` : ''}\n`;
  text += wire;
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  let md = `# Scorecard Explorer benchmark\n\n`;
  md += `${meta.when}; ${meta.runsDone} run(s) of each measurement (asked: ${o.runs})${meta.stoppedEarly ? ', stopped early by the time limit' : ''}; `;
  md += `Chromium ${meta.chromium}, headless, ${VIEWPORT.width}×${VIEWPORT.height}; ${os.cpus().length} CPU cores; dist: \`${meta.dist}\` (${meta.distFiles.join(', ')}).\n\n`;
  md += `Bundles (seed ${meta.seed}): ${Object.entries(meta.bundles).map(([n, b]) => `${n} items = ${(b.bytes / 1048576).toFixed(1)} MiB`).join(', ')}; Somerset = ${(meta.somersetBytes / 1024).toFixed(0)} KiB. `;
  md += `Median and (min–max) over runs; for the filter and keystroke figures over every sample (4 clicks and ${SEARCH_WORD.length} keystrokes per run). `;
  md += `"Settled and painted" = from the input event's timeStamp until the DOM stopped changing and the frame after the last change was rendered (what a person waits); "busy" = how much of that the page's main thread spent running tasks (from a Chromium trace). `;
  md += `Load figures: "in DOM" = when [data-result-count] appeared; the split uses the se:* performance marks. Memory: JS heap after a forced GC, plus the page's WebAssembly memory. `;
  md += `The baseline (bench/baseline/) is plain JavaScript drawing the first 100 matches and 500 more per "Show more", and less per row and per page than the app (no overview, one facet, no sparklines, no computed trends), so a ratio is the cost of the app's extra features and of its framework together.\n\n`;
  md += `| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n`;
  for (const r of rows) md += `| ${r.map(esc).join(' | ')} |\n`;
  md += `\n## Budgets\n\n| Result | Budget | Measured |\n|---|---|---|\n`;
  for (const [s, n, d] of budgets) md += `| ${s} | ${esc(n)} | ${esc(d)} |\n`;
  if (wire) md += `\n## What the visits fetched\n\n\`\`\`\n${wire.trim()}\n\`\`\`\n`;
  if (meta.notes.length) md += `\n## Notes\n\n${meta.notes.map((n) => `- ${n}`).join('\n')}\n`;
  return { text, md, missing, budgets };
}

// ---- main ---------------------------------------------------------------------------
async function main() {
  const o = options();
  const started = Date.now();
  // --max-minutes counts from --started (the epoch ms at which ./run began) when given.
  const deadline = (o.started || started) + o.maxMinutes * 60000;
  const manifest = JSON.parse(fs.readFileSync(path.join(o.data, 'manifest.json'), 'utf8'));
  o.sizes = o.sizes || Object.keys(manifest.bundles).map(Number).sort((a, b) => a - b);
  if (!fs.existsSync(path.join(o.data, 'somerset.json'))) throw new Error(`no somerset.json in ${o.data}`);
  for (const f of ['index.html']) if (!fs.existsSync(path.join(o.dist, f))) throw new Error(`no ${f} in ${o.dist}: not a built app`);
  // A visits-only run: the bundles are still read for the warm-up, the figures are not listed.
  const sizes = o.sizes;
  if (o.visitsOnly) o.sizes = [];
  defineFigures(o.sizes, !o.visitsOnly);

  const results = { app: {}, baseline: {} };
  const na = {};
  const notes = [];
  const loadedUrls = {};

  const server = await startServer([`/app=${o.dist}`, `/baseline=${o.baseline}`, `/data=${o.data}`]);
  const base = `http://127.0.0.1:${server.port}`;
  // The first- and repeat-visit figures: served as a real host would (compressed, cached).
  // Over HTTPS unless --http, as a real host serves it: HTTP/2, and brotli, which Chromium
  // asks a host for only over HTTPS (plain HTTP to loopback gets it too, a phone asking a
  // real host over plain HTTP would not). The certificate is made
  // now (openssl) and trusted by its key alone (--ignore-certificate-errors-spki-list),
  // so Chromium treats the connection as valid and caches as it would for a real host
  // (with --ignore-certificate-errors instead, the HTTP cache does not keep what came with
  // a certificate error: the wasm came again on every repeat visit).
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chromium-'));
  let cert = null;
  if (!o.http) {
    try {
      cert = makeCert(profile);
    } catch (e) {
      notes.push(`Visits over plain HTTP/1.1: no certificate could be made for HTTPS (${String(e.message || e).split('\n')[0]}).`);
    }
  }
  const realServer = await startServer(['--real', ...(cert ? ['--tls', `${cert.key},${cert.cert}`] : []), `/app=${o.dist}`, `/baseline=${o.baseline}`, `/data=${o.data}`]);
  const realBase = `${cert ? 'https' : 'http'}://127.0.0.1:${realServer.port}`;
  const visitLogs = [];
  let browser;
  let runsDone = 0;
  let stoppedEarly = false;
  try {
    // A fresh profile per launch; relaunched if the browser goes away (killed from outside).
    let launches = 0;
    const launch = async () => puppeteer.launch({
      executablePath: o.chromium,
      headless: true,
      userDataDir: path.join(profile, String(++launches)),
      defaultViewport: VIEWPORT,
      protocolTimeout: 180000,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage', '--force-device-scale-factor=1', '--no-proxy-server',
        // Loopback only: every host name but 127.0.0.1 fails to resolve.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        `--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
        ...(cert ? [`--ignore-certificate-errors-spki-list=${cert.spki}`] : [])],
    });
    browser = await launch();
    const chromium = (await browser.version()).replace(/^\D*\//, '');
    const largest = Math.max(...sizes);
    const chartBundle = manifest.bundles[sizes.includes(1000) ? 1000 : largest];
    const plan = (impl, rec) => [
      ...['none', 'mobile'].map((profile) => [`${impl} visits (${profile})`, () => visitSession(browser, realBase, impl, profile, rec, visitLogs)]),
      [`${impl} Somerset`, () => listSession(browser, base, impl, 'somerset.json', 'somerset', rec, {
        interact: false, resources: (urls) => { loadedUrls[impl] = loadedUrls[impl] || urls; },
      })],
      ...(o.visitsOnly ? [] : o.sizes).map((n) => [`${impl} ${n}`, () => listSession(browser, base, impl, manifest.bundles[n].file, n, rec, { interact: true, verbose: o.verbose })]),
      [`${impl} chart 20`, () => chartSession(browser, base, impl, chartBundle.file, chartBundle.chart20, 'chart20', rec)],
      [`${impl} chart 120`, () => chartSession(browser, base, impl, chartBundle.file, chartBundle.chart120, 'chart120', rec)],
    ].filter(([label]) => !o.visitsOnly || / (visits|Somerset)/.test(label));
    const recorder = (impl) => {
      const rec = (key, v) => {
        if (v == null || !Number.isFinite(v)) return;
        (results[impl][key] = results[impl][key] || []).push(v);
      };
      // A figure that does not apply to this page, and why.
      rec.na = (key, why) => { (na[impl] = na[impl] || {})[key] = why; };
      return rec;
    };
    const failures = {};
    const attempt = async (label, fn) => {
      if (!browser.connected) {
        notes.push(`Chromium went away before "${label}" and was started again.`);
        await browser.close().catch(() => {});
        browser = await launch();
      }
      const t = Date.now();
      try {
        await fn();
        if (o.verbose) console.error(`    ${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
        return true;
      } catch (e) {
        const msg = String(e && e.message ? e.message : e).split('\n')[0];
        failures[label] = (failures[label] || 0) + 1;
        console.error(`    ${label}: FAILED: ${msg}`);
        if (failures[label] === 1) notes.push(`${label}: ${msg}`);
        return false;
      }
    };
    // Warm-up (not recorded): the first page of a fresh browser is slower for both. A page
    // that cannot even show the smallest bundle is not measured further.
    console.error('==> warm-up');
    const broken = new Set();
    for (const impl of ['app', 'baseline']) {
      const ok = await attempt(`${impl} warm-up`, () => listSession(browser, base, impl, manifest.bundles[sizes[0]].file, sizes[0], () => {}, { interact: false }));
      if (!ok) broken.add(impl);
    }
    let lastRunMs = 0;
    const loads = [];
    for (let run = 1; run <= o.runs; run++) {
      loads.push(os.loadavg()[0]);
      // The first run always happens; a later one only if it can end before the deadline.
      if (run > 1 && Date.now() + lastRunMs > deadline) {
        stoppedEarly = true;
        notes.push(`Stopped after ${runsDone} of ${o.runs} runs: the time limit (--max-minutes ${o.maxMinutes}) was reached.`);
        break;
      }
      const t = Date.now();
      // Alternate which goes first, so drift over time hits both alike.
      const order = (run % 2 ? ['app', 'baseline'] : ['baseline', 'app']).filter((i) => !broken.has(i));
      for (const impl of order) {
        for (const [label, fn] of plan(impl, recorder(impl))) await attempt(label, fn);
      }
      runsDone = run;
      lastRunMs = Date.now() - t;
      console.error(`==> run ${run}/${o.runs} done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
    const transfer = {
      app: transferOf(loadedUrls.app, '/app/', o.dist),
      baseline: transferOf(loadedUrls.baseline, '/baseline/', o.baseline),
    };
    const distFiles = Object.values(transfer.app).flatMap((e) => e.files);
    // Other work on the machine makes every figure noisier, the baseline's small ones most.
    const busiest = Math.max(...loads, os.loadavg()[0]);
    // This benchmark alone keeps the 1-minute load average near 1.5.
    if (busiest > os.cpus().length * 1.25) {
      notes.push(`The machine was busy with other work during the run (1-minute load average up to ${busiest.toFixed(1)} on ${os.cpus().length} cores; this benchmark alone makes about 1.5): the figures are noisier than usual, the small ones and the ratios most; run again on a quiet machine to confirm.`);
    }
    const somersetBytes = fs.statSync(path.join(o.data, 'somerset.json')).size;
    const meta = {
      when: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), runsDone, loadAverages: loads, stoppedEarly, chromium, dist: o.dist, distFiles,
      seed: manifest.seed, bundles: manifest.bundles, somersetBytes, notes,
      visitLogs, visitProtocol: cert ? 'HTTPS (certificate made for the run)' : 'plain HTTP',
    };
    const r = report(results, transfer, meta, o, na);
    fs.mkdirSync(o.out, { recursive: true });
    fs.writeFileSync(path.join(o.out, 'results.md'), r.md);
    fs.writeFileSync(path.join(o.out, 'results.json'), JSON.stringify({ meta, transfer, results, budgets: r.budgets }, null, 1));
    console.log(r.text);
    if (notes.length) console.log(`Notes:\n${notes.map((n) => `  - ${n}`).join('\n')}\n`);
    console.log(`Written: ${path.join(o.out, 'results.md')} (and results.json) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (r.missing.length) {
      console.error(`could not measure: ${r.missing.join('; ')}`);
      return 2;
    }
    return 0;
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.child.kill();
    realServer.child.kill();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(`bench: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
