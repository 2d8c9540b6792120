#!/usr/bin/env node
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
// Screenshots of every story of a static Storybook build at both widths, both themes and
// both locales (through Storybook globals in the URL), to look at what we ship.
//   pnpm build-storybook && node scripts/shoot-matrix.mjs [filter,filter…] [--out DIR] [--widths 320,1280]
//     [--themes light,dark] [--locales en,nl] [--dirs ltr] [--static storybook-static]
// One PNG per story and combination: <out>/<story-id>--<width>-<theme>-<locale>[-rtl].png,
// and <out>/index.txt listing them with any page error. Loopback only.
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const staticDir = resolve(option('static', 'storybook-static'));
const outDir = resolve(option('out', '/tmp/shots'));
const widths = option('widths', '320,1280').split(',').map(Number);
const themes = option('themes', 'light,dark').split(',');
const locales = option('locales', 'en,nl').split(',');
const dirs = option('dirs', 'ltr').split(',');
const concurrency = Number(option('jobs', '2'));
// Comma-separated parts of story ids: a story is shot when its id contains any of them.
const filters = (args[0] ?? '').split(',');

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const server = createServer(async (req, res) => {
  let p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const file = join(staticDir, p);
  try {
    await stat(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404);
    res.end();
  }
}).listen(0, '127.0.0.1');
await new Promise((r) => server.on('listening', r));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const index = JSON.parse(await readFile(join(staticDir, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter((e) => e.type === 'story' && filters.some((f) => e.id.includes(f)));
const jobs = [];
for (const s of stories)
  for (const width of widths)
    for (const theme of themes) for (const locale of locales) for (const dir of dirs) jobs.push({ id: s.id, width, theme, locale, dir });
await mkdir(outDir, { recursive: true });
console.log(`${stories.length} stories × ${jobs.length / Math.max(stories.length, 1)} combinations = ${jobs.length} shots → ${outDir}`);

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const lines = [];
async function shoot({ id, width, theme, locale, dir }) {
  // A fresh page per shot: MSW's worker does not follow a tab to another story.
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const globals = [`theme:${theme}`, `locale:${locale}`, ...(dir === 'rtl' ? ['dir:rtl'] : [])].join(';');
  const name = `${id}--${width}-${theme}-${locale}${dir === 'rtl' ? '-rtl' : ''}.png`;
  try {
    await page.goto(`${base}/iframe.html?id=${id}&viewMode=story&globals=${globals}`);
    // Until the story has rendered and no widget is loading any more (or 30 s), then a
    // moment for its play function to finish what it started.
    await page
      .waitForFunction(() => document.querySelector('.sl-root') !== null && document.querySelector('.sl-spinner') === null, null, {
        timeout: 30_000,
      })
      .catch(() => errors.push('still loading after 30 s'));
    await page.waitForTimeout(1200);
    await page.screenshot({ path: join(outDir, name), fullPage: true });
  } catch (e) {
    errors.push(String(e));
  }
  await page.close();
  const line = `${name}${errors.length ? `  ERROR: ${errors[0]}` : ''}`;
  lines.push(line);
  console.log(line);
}
const queue = [...jobs];
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await shoot(job);
  }),
);
await writeFile(join(outDir, 'index.txt'), `${lines.sort().join('\n')}\n`);
await browser.close();
server.close();
