#!/usr/bin/env node
import { readFile, stat } from 'node:fs/promises';
// SessionsOverview with 10,000 and with 100,000 sessions, in headless Chromium: first
// useful render (the first rows: fetch, parse and render of the first window, from the
// widget's mount), the whole period loaded, and frame times while scrolling through the
// whole list. Figures, not a pass/fail test. Needs a static Storybook: `pnpm build-storybook` first.
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const dir = 'storybook-static';
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};
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

/**
 * Counts React commits in `window.__benchReactCommits` through the hook React DevTools uses
 * (production React reports every commit to it); the story reads it per scroll frame.
 */
function countReactCommits() {
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
}

/**
 * Storybook's highlight overlay (a preview tool, in no host's page) watches the story's DOM
 * and, on every change, reads the computed style of every element of the page: a scroll
 * frame of the overview paid ~1.4 ms for it in a CPU profile. Measure the widget, not it.
 */
function withoutStorybookHighlight() {
  globalThis.__STORYBOOK_HIGHLIGHT_INITIALIZED = true;
}

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const cases = [
  { sessions: '10,000', story: 'widgets-sessionsoverview--ten-thousand-sessions', runs: 5 },
  { sessions: '100,000', story: 'widgets-sessionsoverview--hundred-thousand-sessions', runs: 3 },
];
const table = {};
for (const { sessions, story, runs: n } of cases) {
  const runs = [];
  for (let i = 0; i < n; i++) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.addInitScript(countReactCommits);
    await page.addInitScript(withoutStorybookHighlight);
    await page.goto(`http://127.0.0.1:${server.address().port}/iframe.html?id=${story}&viewMode=story`);
    const handle = await page.waitForSelector('[data-bench]', { timeout: 180_000 });
    runs.push(JSON.parse(await handle.getAttribute('data-bench')));
    await page.close();
  }
  const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  table[`${sessions} sessions (median of ${n})`] = {
    'first render, ms': median('firstRenderMs'),
    'round trips to first rows': median('roundTripsToFirstRows'),
    'all loaded, ms': median('allLoadedMs'),
    'scroll frame median, ms': median('scrollFrameMedianMs'),
    'scroll frame p95, ms': median('scrollFrameP95Ms'),
    'frames dropped (of 60)': median('scrollFramesDropped'),
    'rows added per frame': median('rowsAddedPerFrameMedian'),
    'rows in DOM, most': median('rowsInDomMax'),
    'React commits per frame': median('reactCommitsPerFrameMedian'),
  };
}
await browser.close();
server.close();
console.log(
  `SessionsOverview in headless Chromium (first render: from mount to the first rows; scroll: 60 jumps through the whole list; Storybook's highlight overlay off); load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} — figures on a loaded machine are not the widget's:`,
);
console.table(table);
