// The browser's own network log, not a fetch stand-in: a call the client completed must
// not show there as cancelled (`net::ERR_ABORTED`), or every monitoring tool and network
// panel a host opens reports every API call as failed. Headless Chromium, a loopback
// server, the real client bundled as a host's bundler would, and Playwright's
// `requestfailed` / `requestfinished` events, which come from Chromium's network log.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = 'site-1';
const me = { id: 'user-1', name: 'Olivia', role: 'owner', staffId: null };
const API = /\/(mock-)?api\//;

let server: Server;
let browser: Browser;
let origin = '';
const assets: Record<string, string> = {};

async function bundle(entry: string): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { conditions: ['@session-links/source', 'browser', 'module', 'import', 'default'] },
    build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: 'bundle' } },
  });
  const result = Array.isArray(output) ? output[0] : output;
  const chunk = result && 'output' in result ? result.output.find((o) => o.type === 'chunk') : undefined;
  if (chunk?.type !== 'chunk') throw new Error(`no bundle for ${entry}`);
  return chunk.code;
}

const page = (script: string) => `<!doctype html><title>client</title><script type="module">${script}</script>`;

const serviceWorker = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (url.pathname === '/api/sites/${SITE}/me') {
    e.respondWith(new Response(${JSON.stringify(JSON.stringify(me))}, { headers: { 'content-type': 'application/json' } }));
  } else if (url.pathname.startsWith('/api/')) {
    e.respondWith(fetch(e.request));
  }
});`;

beforeAll(async () => {
  assets['/client.js'] = await bundle(path.join(here, '../src/index.ts'));
  assets['/mocks.js'] = await bundle(path.join(here, 'fixtures/mocks-page.ts'));
  assets['/mockServiceWorker.js'] = await readFile(path.join(here, '../../../public/mockServiceWorker.js'), 'utf8');
  assets['/sw.js'] = serviceWorker;
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page('import * as c from "/client.js"; window.sl = { createClient: c.createClient };'));
    } else if (url === '/sw/') {
      // A host whose service worker answers some calls and passes the others on (offline-first apps).
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        page(
          'await navigator.serviceWorker.register("/sw.js", { scope: "/" }); await navigator.serviceWorker.ready;' +
            'if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r));' +
            'const c = await import("/client.js"); window.sl = { createClient: c.createClient };',
        ),
      );
    } else if (url === '/mocks/') {
      // The mocks' MSW worker over the server's own handler: Storybook, a host's development mode.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page('import { start } from "/mocks.js"; window.sl = await start();'));
    } else if (assets[url] !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(assets[url]);
    } else if (url === `/api/sites/${SITE}/me`) {
      json(200, me);
    } else if (url === `/api/sites/${SITE}/services`) {
      // A body in two chunks, the last a moment after the headers.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      setTimeout(() => res.end(']'), 30);
    } else {
      json(404, { error: { code: 'NOT_FOUND', message: 'Not found' } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Opens `start`, runs `calls` in the page, and returns what the network log said about the API calls. */
async function networkLog(start: string, calls: () => Promise<string[]>, expected: number) {
  const tab = await browser.newPage();
  const failed: string[] = [];
  let finished = 0;
  tab.on('requestfailed', (r) => {
    if (API.test(r.url())) failed.push(`${new URL(r.url()).pathname} ${r.failure()?.errorText}`);
  });
  tab.on('requestfinished', (r) => {
    if (API.test(r.url())) finished++;
  });
  await tab.goto(origin + start);
  await tab.waitForFunction(() => 'sl' in window);
  const results = await tab.evaluate(calls);
  // Chromium reports a load's end a moment after the page has its body.
  const deadline = Date.now() + 5_000;
  while (finished + failed.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await tab.close();
  return { results, failed, finished };
}

describe('client in a browser: the network log', () => {
  it.each([
    ['straight to the server', '/'],
    ['through a host service worker', '/sw/'],
  ])(
    '%s: completed calls (successes and error answers) show as finished, never as net::ERR_ABORTED',
    async (_, start) => {
      const log = await networkLog(
        start,
        async () => {
          // biome-ignore lint/suspicious/noExplicitAny: set by the page
          const { createClient } = (window as any).sl;
          const client = createClient({ baseUrl: `${location.origin}/api`, siteId: 'site-1' });
          const out: string[] = [];
          for (let i = 0; i < 5; i++) out.push((await client.getMe()).name);
          const together = await Promise.all([0, 1, 2, 3].map(() => client.getMe()));
          out.push(together.map((m: { name: string }) => m.name).join());
          const controller = new AbortController();
          out.push((await client.getMe({ signal: controller.signal })).name);
          out.push(String((await client.listServices({ signal: controller.signal })).length));
          out.push(
            await client.getSession('nope').then(
              () => 'found',
              (e: { code: string }) => e.code,
            ),
          );
          return out;
        },
        12,
      );
      expect(log.results).toEqual([
        'Olivia',
        'Olivia',
        'Olivia',
        'Olivia',
        'Olivia',
        'Olivia,Olivia,Olivia,Olivia',
        'Olivia',
        '0',
        'NOT_FOUND',
      ]);
      expect(log.failed).toEqual([]);
      expect(log.finished).toBe(12);
    },
    120_000,
  );

  it("over the mocks' MSW worker (Storybook): a widget's calls started together all show as finished", async () => {
    const log = await networkLog(
      '/mocks/',
      async () => {
        // biome-ignore lint/suspicious/noExplicitAny: set by the page
        const { client } = (window as any).sl;
        const out: string[] = [];
        for (let i = 0; i < 10; i++) {
          const [settings] = await Promise.all([client.getSettings(), client.listServices(), client.getMe(), client.listStaff()]);
          out.push(typeof settings.siteId);
        }
        return out;
      },
      40,
    );
    expect(log.results).toEqual(Array(10).fill('string'));
    expect(log.failed).toEqual([]);
    expect(log.finished).toBe(40);
  }, 120_000);
});
