// End to end: `pnpm example`'s stack (session-links-server on PGlite seeded with
// zoom-default, dev auth, the fake Zoom on loopback; the Vite dev server proxying the
// API) with the dashboard in headless Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { startExample } from './example.mjs';

const STEP = 30_000; // one user-visible step on a busy 2-core machine
const dataDir = mkdtempSync(join(tmpdir(), 'session-links-example-'));
const log: string[] = [];
/** Where the screenshots go (EXAMPLE_SCREENSHOTS=dir keeps them; else they go with the temporary database). */
const shots = process.env.EXAMPLE_SCREENSHOTS ?? dataDir;
let example: Awaited<ReturnType<typeof startExample>> | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  // EXAMPLE_URL: a dashboard already running (`pnpm example --fresh`), for iterating on this test.
  example = process.env.EXAMPLE_URL
    ? { url: process.env.EXAMPLE_URL, serverUrl: '', stop: async () => undefined }
    : await startExample({ dataDir, port: 0, log: (line) => log.push(line), startTimeoutMs: 180_000 });
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.setDefaultTimeout(STEP);
  // What the browser saw, for the failure message.
  page.context().on('console', (m) => log.push(`[browser] ${m.text()}`));
  page.context().on('response', (r) => {
    if (r.url().includes('/api/session-links/')) log.push(`[browser] ${r.request().method()} ${r.url()} → ${r.status()}`);
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await example?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** The ProviderPicker (the Services page has one). */
const picker = () => page.getByRole('group', { name: 'Video conferencing' });
const staffRow = (name: string): Locator => page.getByRole('listitem', { name });

test('the dashboard shows the seeded default, saves a custom link to the database, connects Zoom through the popup', async () => {
  try {
    await walkThrough();
  } catch (error) {
    await page.screenshot({ path: join(tmpdir(), 'session-links-example-failure.png'), fullPage: true }).catch(() => undefined);
    throw new Error(`${(error as Error).message}\n\nscreenshot: ${join(tmpdir(), 'session-links-example-failure.png')}\n${log.join('\n')}`);
  }
}, 300_000);

/** Connect → the fake Zoom's consent page in the popup → Allow → the server's callback page, which closes it. */
async function connectThroughPopup(row: Locator) {
  const [popup] = await Promise.all([page.waitForEvent('popup'), row.getByRole('button', { name: 'Connect' }).click()]);
  // The widget opens the popup at once, then sends it to the consent page the server made.
  await popup.waitForURL(/\/oauth\/authorize\?/);
  await popup.getByRole('heading', { name: 'Allow session-links to use your Zoom account?' }).waitFor();
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: /Allow/ }).click();
  await closed; // the server's callback page posted to the dashboard and closed itself
}

async function walkThrough() {
  if (!example) throw new Error('the example did not start');
  await page.goto(example.url);

  // Signed in as the owner (the Authorization header the server's --dev-auth reads): the seeded default.
  expect(await page.getByRole('combobox', { name: /Signed in as/ }).inputValue()).toBe('owner');
  await picker().getByText('Zoom account of Olivia Owner (olivia@studio.example)').waitFor();

  // The owner replaces it with a custom link.
  const services = picker();
  await services.getByRole('button', { name: 'Edit' }).click();
  await services.getByRole('button', { name: /Custom link/ }).click();
  await services.getByRole('textbox', { name: 'Link' }).fill('https://meet.google.com/abc-defg-hij');
  await services.getByRole('button', { name: 'Connect' }).click();
  // Replacing the default touches every session that uses it: the widget previews that and asks (R16).
  const replace = page.getByRole('alertdialog', { name: 'Replace the default account?' }).getByRole('button', { name: 'Replace' });
  await expect.poll(() => replace.isEnabled(), { timeout: 30_000 }).toBe(true);
  await replace.click();
  await services.getByText('The default account is saved.').waitFor();

  // A reload reads it back from the database.
  await page.reload();
  await picker().getByText('Google Meet link').waitFor();
  await page.screenshot({ path: join(shots, 'services.png'), fullPage: true });

  // Chris, a staff member, connects his own Zoom through the fake Zoom's consent page.
  await page.getByRole('combobox', { name: /Signed in as/ }).selectOption('chris');
  await page.getByRole('button', { name: 'Staff' }).click();
  const chris = staffRow('Chris Bakker');
  await chris.getByRole('button', { name: 'Add individual account' }).click();
  await chris.getByRole('button', { name: /Zoom/ }).click();
  await chris.getByRole('button', { name: 'Continue' }).click();
  await connectThroughPopup(chris);
  await chris.getByText('The individual account is saved.').waitFor();
  await chris
    .getByText(/Zoom account of Fay Host \(host@fake-zoom\.test\)/)
    .first()
    .waitFor();

  // Also after a reload: the connection is in the database.
  await page.reload();
  expect(await page.getByRole('combobox', { name: /Signed in as/ }).inputValue()).toBe('chris');
  await page.getByRole('button', { name: 'Staff' }).click();
  await staffRow('Chris Bakker')
    .getByText(/Zoom account of Fay Host \(host@fake-zoom\.test\)/)
    .first()
    .waitFor();
  await page.screenshot({ path: join(shots, 'staff.png'), fullPage: true });
}
