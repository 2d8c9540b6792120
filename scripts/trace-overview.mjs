#!/usr/bin/env node
// Where a SessionsOverview scroll frame goes, in counts a loaded machine does not change:
// loads the 10,000 (or, with `100k`, the 100,000) sessions story of a static Storybook in
// headless Chromium, lets its play function finish, records a Chromium performance trace
// of the same 60 scroll jumps through the list and prints, per jump: the renderer's main
// thread busy time (wall and CPU), style recalculation (elements), layout (objects), and
// rows added and React commits. Writes the trace (open it in Chrome's Performance panel)
// to `--out` (default: overview-trace.json). Needs `pnpm build-storybook` first (or
// STORYBOOK_DIR: another static Storybook, e.g. one built from an earlier commit).
//   node scripts/trace-overview.mjs [100k] [--out file.json]
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const big = process.argv.includes('100k');
const outAt = process.argv.indexOf('--out');
const out = outAt > 0 ? process.argv[outAt + 1] : 'overview-trace.json';
const story = big ? 'widgets-sessionsoverview--hundred-thousand-sessions' : 'widgets-sessionsoverview--ten-thousand-sessions';

const dir = process.env.STORYBOOK_DIR ?? 'storybook-static';
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const server = createServer(async (req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  try {
    await stat(join(dir, p));
    res.writeHead(200, { 'content-type': types[extname(p)] ?? 'application/octet-stream' });
    res.end(await readFile(join(dir, p)));
  } catch {
    res.writeHead(404);
    res.end();
  }
}).listen(0, '127.0.0.1');
await new Promise((r) => server.on('listening', r));

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
// As in bench-overview.mjs: React commits counted through React DevTools' hook, and no Storybook highlight overlay.
await page.addInitScript(() => {
  globalThis.__STORYBOOK_HIGHLIGHT_INITIALIZED = true;
  window.__benchReactCommits = 0;
  let renderers = 0;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    renderers: new Map(),
    supportsFiber: true,
    inject: () => ++renderers,
    onScheduleFiberRoot() {},
    onCommitFiberRoot() {
      window.__benchReactCommits++;
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
});
await page.goto(`http://127.0.0.1:${server.address().port}/iframe.html?id=${story}&viewMode=story`);
await page.waitForSelector('[data-bench]', { timeout: 180_000 });
await page.evaluate(async () => {
  document.querySelector('.sl-scroll').scrollTop = 0;
  await new Promise((r) => setTimeout(r, 500));
});
await browser.startTracing(page, {
  categories: ['devtools.timeline', 'blink.user_timing', 'disabled-by-default-devtools.timeline', 'v8.execute'],
});
const counts = await page.evaluate(async () => {
  const scroller = document.querySelector('.sl-scroll');
  let added = 0;
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) if (node.nodeName === 'TR' && node.hasAttribute('aria-rowindex')) added++;
  });
  observer.observe(scroller, { childList: true, subtree: true });
  const perFrame = [];
  for (let i = 1; i <= 60; i++) {
    const commits = window.__benchReactCommits;
    added = 0;
    performance.mark(`jump-${i}`);
    scroller.scrollTop = (scroller.scrollHeight * i) / 60;
    scroller.dispatchEvent(new Event('scroll'));
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    perFrame.push({ rows: added, commits: window.__benchReactCommits - commits });
  }
  performance.mark('jump-end');
  observer.disconnect();
  return perFrame;
});
const trace = await browser.stopTracing();
await writeFile(out, trace);
await browser.close();
server.close();

const events = JSON.parse(trace.toString()).traceEvents;
const marks = events.filter((e) => e.cat?.includes('blink.user_timing') && /^jump-(\d+|end)$/.test(e.name)).sort((a, b) => a.ts - b.ts);
const { pid, tid } = marks[0];
const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
const frames = [];
for (let i = 0; i < marks.length - 1; i++) {
  const from = marks[i].ts;
  const to = marks[i + 1].ts;
  const f = { busyMs: 0, cpuMs: 0, styleMs: 0, styleElements: 0, layoutMs: 0, layoutObjects: 0 };
  for (const e of main) {
    if (e.ts < from || e.ts >= to) continue;
    if (e.name === 'RunTask') {
      f.busyMs += e.dur / 1000;
      f.cpuMs += (e.tdur ?? e.dur) / 1000;
    } else if (e.name === 'UpdateLayoutTree') {
      f.styleMs += e.dur / 1000;
      f.styleElements += e.args?.elementCount ?? 0;
    } else if (e.name === 'Layout') {
      f.layoutMs += e.dur / 1000;
      f.layoutObjects += e.args?.beginData?.dirtyObjects ?? 0;
    }
  }
  frames.push({ ...f, ...counts[i] });
}
const median = (key) => frames.map((f) => f[key]).sort((a, b) => a - b)[Math.floor(frames.length / 2)];
const row = (key, digits = 1) => +median(key).toFixed(digits);
console.log(
  `SessionsOverview, ${big ? '100,000' : '10,000'} sessions: per scroll jump (median of 60), load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; trace in ${out}`,
);
console.table({
  'main thread busy, ms (wall)': row('busyMs'),
  'main thread busy, ms (CPU)': row('cpuMs'),
  'style recalculation, ms': row('styleMs'),
  'elements restyled': row('styleElements', 0),
  'layout, ms': row('layoutMs'),
  'layout objects': row('layoutObjects', 0),
  'rows added': row('rows', 0),
  'React commits': row('commits', 0),
});
