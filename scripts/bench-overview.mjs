#!/usr/bin/env node
import { readFile, stat } from 'node:fs/promises';
// SessionsOverview with 10,000 sessions, in headless Chromium: first render (fetch,
// parse, render) and frame times while scrolling through the whole list. Figures,
// not a pass/fail test. Needs a static Storybook: `pnpm build-storybook` first.
import { createServer } from 'node:http';
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

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const runs = [];
for (let i = 0; i < 5; i++) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(
    `http://127.0.0.1:${server.address().port}/iframe.html?id=widgets-sessionsoverview--ten-thousand-sessions&viewMode=story`,
  );
  const handle = await page.waitForSelector('[data-bench]', { timeout: 60_000 });
  runs.push(JSON.parse(await handle.getAttribute('data-bench')));
  await page.close();
}
await browser.close();
server.close();
const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
console.log('SessionsOverview, 10,000 sessions, headless Chromium, median of 5 page loads:');
console.table({
  'first render (fetch + parse + render), ms': median('firstRenderMs'),
  'scroll frame median, ms': median('scrollFrameMedianMs'),
  'scroll frame p95, ms': median('scrollFrameP95Ms'),
});
