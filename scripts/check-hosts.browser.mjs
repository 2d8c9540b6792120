// Part of scripts/check-hosts.sh: opens a host app's dev server (started by that script
// on loopback) in headless Chromium and waits until the widget shows data the mocks
// answered in the browser, through MSW's service worker.
//   node scripts/check-hosts.browser.mjs http://127.0.0.1:PORT/ "text to wait for" [screenshot.png]
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const [url, text, screenshot] = process.argv.slice(2);
if (!url || !text) throw new Error('usage: check-hosts.browser.mjs URL TEXT [SCREENSHOT]');

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url, { timeout: 120_000 });
  try {
    await page.getByText(text).first().waitFor({ timeout: 60_000 });
  } catch (error) {
    console.error(`"${text}" never showed at ${url}. Page errors: ${errors.join(' | ') || 'none'}`);
    console.error(((await page.locator('body').textContent()) ?? '').slice(0, 2000));
    throw error;
  }
  if (screenshot) await page.screenshot({ path: screenshot });
  console.log(`the widget rendered over the mocks in the browser: "${text}"`);
} finally {
  await browser.close();
}
