// End to end: `pnpm example`'s stack (session-links-server on PGlite seeded with
// zoom-default, dev auth, the fakes of Zoom, Google and Microsoft on loopback; the Vite dev
// server proxying the API) with the dashboard in headless Chromium.
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
  await chris.getByText('Your own account is saved.').waitFor();
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

test('a Zoom meeting added to a session by hand shows its link without reopening; replacing the default Zoom account makes it again from the new one; with no Zoom account the session says so, and a new connection makes it (R22)', async () => {
  try {
    await handAddedMeetingFollowsTheAccount();
  } catch (error) {
    await page.screenshot({ path: join(tmpdir(), 'session-links-example-failure.png'), fullPage: true }).catch(() => undefined);
    throw new Error(`${(error as Error).message}\n\nscreenshot: ${join(tmpdir(), 'session-links-example-failure.png')}\n${log.join('\n')}`);
  }
}, 300_000);

/** The owner connects Zoom as the site default from the Services page, replacing whatever it is. */
async function connectZoomAsDefault() {
  await page.getByRole('button', { name: 'Services', exact: true }).click();
  const services = picker();
  await services.getByRole('button', { name: 'Edit' }).click();
  await services.getByRole('button', { name: /Zoom/ }).click();
  await services.getByRole('button', { name: 'Continue' }).click();
  // Replacing the default touches every session that uses it: the widget previews that before Connect (R16).
  await connectThroughPopup(services);
  await services.getByText('The default account is saved.').waitFor();
}

/** The edit dialog of Bram's coaching session (his own account is a custom link: a Zoom meeting there comes from the default). */
async function openBramsSession() {
  await page.getByRole('button', { name: 'Calendar', exact: true }).click();
  const row = page.getByRole('row').filter({ hasText: 'Career coaching' }).filter({ hasText: 'Bram Jansen' });
  await row.getByRole('button', { name: /^Edit link of Career coaching/ }).click();
  return page.getByRole('dialog');
}

/** The Zoom join link the open editor shows, once there is one (polled: nothing is reopened). */
async function zoomLinkIn(dialog: Locator, not?: string): Promise<string> {
  const link = dialog.getByText(/\/j\/\d+\?pwd=/);
  await expect
    .poll(async () => ((await link.count()) === 1 ? await link.textContent() : null), { timeout: 60_000 })
    .toSatisfy((text: string | null) => text !== null && text !== not);
  return (await link.textContent()) as string;
}

async function handAddedMeetingFollowsTheAccount() {
  if (!example) throw new Error('the example did not start');
  await page.goto(example.url);
  await page.getByRole('combobox', { name: /Signed in as/ }).selectOption('owner');
  await connectZoomAsDefault();

  // A Zoom meeting added by hand: on its way, then its link, in the same open dialog.
  let dialog = await openBramsSession();
  await dialog.getByRole('button', { name: 'Replace the link' }).click();
  await dialog.getByRole('button', { name: /^Zoom meeting/ }).click();
  const confirm = page
    .getByRole('alertdialog', { name: 'Replace the link of this session?' })
    .getByRole('button', { name: 'Replace the link' });
  await expect.poll(() => confirm.isEnabled(), { timeout: 30_000 }).toBe(true);
  await confirm.click();
  await dialog.getByText('The session link is saved.').waitFor();
  const first = await zoomLinkIn(dialog);
  expect(await dialog.getByText('Zoom meeting on its way').count()).toBe(0);
  await page.screenshot({ path: join(shots, 'hand-added-meeting.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The default is replaced by another Zoom connection: the hand-added meeting is made again from it.
  await connectZoomAsDefault();
  dialog = await openBramsSession();
  const second = await zoomLinkIn(dialog, first);
  expect(second).not.toBe(first);
  await dialog.getByText('Set on this session, instead of the usual link.').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A custom link as the default: no Zoom account can make the meeting now, and the session says so (not "being created").
  await page.getByRole('button', { name: 'Services', exact: true }).click();
  const services = picker();
  await services.getByRole('button', { name: 'Edit' }).click();
  await services.getByRole('button', { name: /Custom link/ }).click();
  await services.getByRole('textbox', { name: 'Link' }).fill('https://whereby.com/studio-noord');
  await services.getByRole('button', { name: 'Connect' }).click();
  const replace = page.getByRole('alertdialog', { name: 'Replace the default account?' }).getByRole('button', { name: 'Replace' });
  await expect.poll(() => replace.isEnabled(), { timeout: 30_000 }).toBe(true);
  await replace.click();
  await services.getByText('The default account is saved.').waitFor();
  dialog = await openBramsSession();
  await dialog
    .getByText(
      'No connected video-conferencing account can make this session’s meeting. Connect one as the site default, or give the session another link.',
    )
    .waitFor();
  expect(await dialog.getByText('Zoom meeting on its way').count()).toBe(0);
  await page.screenshot({ path: join(shots, 'no-zoom-account.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Zoom connected again: the meeting is made from it.
  await connectZoomAsDefault();
  dialog = await openBramsSession();
  expect(await zoomLinkIn(dialog, second)).not.toBe(second);
  await dialog.getByRole('button', { name: 'Close' }).click();
}

interface CaughtEmail {
  id: string;
  messageId: string | null;
  to: { name: string; address: string }[];
  subject: string;
  text: string;
  calendar: { method: string; uid: string | null; sequence: number; url: string | null; location: string | null } | null;
}

test('a course link change in the dashboard: each booked client of the course gets exactly one e-mail, in the site’s language, with the new link and a calendar update of the earlier invite; the Inbox page shows it as text', async () => {
  try {
    await courseChangeToInbox();
  } catch (error) {
    await page.screenshot({ path: join(tmpdir(), 'session-links-example-failure.png'), fullPage: true }).catch(() => undefined);
    throw new Error(`${(error as Error).message}\n\nscreenshot: ${join(tmpdir(), 'session-links-example-failure.png')}\n${log.join('\n')}`);
  }
}, 300_000);

async function courseChangeToInbox() {
  const origin = new URL(example!.url).origin;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${origin}/api/session-links/sites/site-studio${path}`, {
      method,
      headers: { authorization: 'Bearer dev:owner', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status, `${method} ${path}`).toBe(200);
    return response.json();
  };
  const caught = async (): Promise<CaughtEmail[]> =>
    ((await (await fetch(`${origin}/__inbox/messages`)).json()) as { messages: CaughtEmail[] }).messages;
  // The invites the course's two booked clients hold: their booking confirmations.
  const booked = { 'b-4': 'finn@clients.example', 'b-5': 'carla@clients.example' } as const;
  const earlier = new Map<string, { uid: string; sequence: number }>();
  for (const [booking, address] of Object.entries(booked)) {
    const email = await api('POST', `/bookings/${booking}/emails/booking-confirmation`, {});
    expect(email.to.email).toBe(address);
    earlier.set(address, email.calendar);
  }
  const link = 'https://whereby.com/pottery-inbox';

  await page.goto(example!.url);
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('button', { name: 'Services' }).click();
  const course = page.locator('.sl-course');
  await course.getByRole('button', { name: /Set a course link|Edit the course link/ }).click();
  await course.getByLabel('Link', { exact: true }).fill(link);
  await course.getByRole('button', { name: 'Review the change' }).click();
  await page.getByRole('button', { name: 'Change the link', exact: true }).click();
  await page.getByText('The course link is saved.', { exact: false }).waitFor();

  // The delivery worker runs every few seconds: wait for both, then a run more for any extra.
  const ofTheChange = (all: CaughtEmail[]) => all.filter((m) => m.calendar?.url === link);
  const deadline = Date.now() + 60_000;
  while (ofTheChange(await caught()).length < 2) {
    if (Date.now() > deadline) throw new Error(`waited for 2 e-mails with ${link}; the inbox has ${JSON.stringify(await caught())}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await expect
    .poll(async () => (await api('GET', '/notices?serviceId=pottery')).summary, { timeout: STEP })
    .toMatchObject({ total: 2, sent: 2, pending: 0 });
  const mails = ofTheChange(await caught());
  expect(mails.flatMap((m) => m.to.map((a) => a.address)).sort()).toEqual(Object.values(booked).sort());
  for (const mail of mails) {
    const address = mail.to[0]!.address;
    // The site writes English: the saved 'course changed' template, with the link.
    expect(mail.subject).toBe('Changes to your course Pottery for beginners');
    expect(mail.text).toContain(link);
    expect(mail.messageId).toMatch(/^<notice-.+@session-links>$/);
    const before = earlier.get(address)!;
    expect(mail.calendar).toMatchObject({ method: 'REQUEST', uid: before.uid, url: link, location: link });
    expect(mail.calendar!.sequence).toBeGreaterThan(before.sequence);
  }

  // The Inbox page: the list, then one e-mail, as text.
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('button', { name: 'Inbox' }).click();
  const list = page.getByRole('list', { name: 'Received e-mails' });
  await list
    .getByRole('button', { name: /finn@clients\.example.*Changes to your course/ })
    .first()
    .waitFor();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(shots, 'inbox-1280-en.png'), fullPage: true });
  await list
    .getByRole('button', { name: /finn@clients\.example.*Changes to your course/ })
    .first()
    .click();
  await page.getByRole('heading', { name: 'Changes to your course Pottery for beginners' }).waitFor();
  await page.getByText(link, { exact: true }).first().waitFor();
  await page.getByText('REQUEST — adds or updates the event').waitFor();
  await page.screenshot({ path: join(shots, 'inbox-message-1280-en.png'), fullPage: true });
  await page.setViewportSize({ width: 320, height: 800 });
  await page.screenshot({ path: join(shots, 'inbox-message-320-en.png'), fullPage: true });
  await page.getByRole('button', { name: /Back to the inbox/ }).click();
  await list.waitFor();
  await page.screenshot({ path: join(shots, 'inbox-320-en.png'), fullPage: true });
  // No horizontal scroll at 320 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  // In Dutch (the browser's language): the same page, its own words.
  const dutch = await browser!.newPage({ viewport: { width: 320, height: 800 }, locale: 'nl-NL' });
  try {
    dutch.setDefaultTimeout(STEP);
    await dutch.goto(example!.url);
    await dutch.getByRole('navigation', { name: 'Dashboard' }).getByRole('button', { name: 'Inbox' }).click();
    const dutchList = dutch.getByRole('list', { name: 'Ontvangen e-mails' });
    await dutchList.waitFor();
    await dutch.screenshot({ path: join(shots, 'inbox-320-nl.png'), fullPage: true });
    expect(await dutch.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await dutchList
      .getByRole('button', { name: /carla@clients\.example/ })
      .first()
      .click();
    await dutch.getByText('REQUEST — voegt de afspraak toe of werkt hem bij').waitFor();
    await dutch.screenshot({ path: join(shots, 'inbox-message-320-nl.png'), fullPage: true });
    await dutch.setViewportSize({ width: 1280, height: 900 });
    await dutch.screenshot({ path: join(shots, 'inbox-message-1280-nl.png'), fullPage: true });
    await dutch.getByRole('button', { name: /Terug naar de inbox/ }).click();
    await dutch.screenshot({ path: join(shots, 'inbox-1280-nl.png'), fullPage: true });
  } finally {
    await dutch.close();
  }
}

test('Google Meet as the site default and Microsoft Teams as a staff member’s own account, each connected through its consent popup: the worker makes a distinct meeting per session, the overview and the session editor show each link and name its provider (R31)', async () => {
  try {
    await googleDefaultAndTeamsStaff();
  } catch (error) {
    await page.screenshot({ path: join(tmpdir(), 'session-links-example-failure.png'), fullPage: true }).catch(() => undefined);
    throw new Error(`${(error as Error).message}\n\nscreenshot: ${join(tmpdir(), 'session-links-example-failure.png')}\n${log.join('\n')}`);
  }
}, 300_000);

/** Connect → the fake Google's consent page in the popup → Continue → the server's callback page, which closes it. */
async function connectGoogleThroughPopup(within: Locator) {
  const [popup] = await Promise.all([page.waitForEvent('popup'), within.getByRole('button', { name: 'Connect' }).click()]);
  await popup.waitForURL(/\/o\/oauth2\/v2\/auth\?/);
  await popup.getByRole('heading', { name: 'session-links wants access to your Google Account' }).waitFor();
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Continue' }).click();
  await closed;
}

/** Connect → the fake Microsoft's "Permissions requested" page in the popup → Accept → the callback page closes it. */
async function connectTeamsThroughPopup(within: Locator) {
  const [popup] = await Promise.all([page.waitForEvent('popup'), within.getByRole('button', { name: 'Connect' }).click()]);
  await popup.waitForURL(/\/oauth2\/v2\.0\/authorize\?/);
  await popup.getByRole('heading', { name: 'Permissions requested' }).waitFor();
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Accept' }).click();
  await closed;
}

const MEET_LINK = /^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/;
const TEAMS_LINK = /\/l\/meetup-join\/[^/]+\/0\?context=/;

/** The overview's row of a session, by its service and staff (`null`: unassigned), the `nth` upcoming one when there are several. */
function overviewRow(service: string, staff: string | null, nth = 0): Locator {
  let rows = page.getByRole('row').filter({ hasText: service });
  rows = staff ? rows.filter({ hasText: staff }) : rows.filter({ hasNotText: /Anna de Vries|Bram Jansen|Chris Bakker/ });
  return rows.nth(nth);
}

/** The join link the session editor of `row` shows once the worker has made the meeting (polled: nothing is reopened). */
async function linkInEditorOf(row: Locator, pattern: RegExp): Promise<{ link: string; dialog: Locator }> {
  await row.getByRole('button', { name: /^Edit link of/ }).click();
  const dialog = page.getByRole('dialog');
  const link = dialog.locator('.sl-link-text');
  await expect.poll(async () => ((await link.count()) === 1 ? await link.textContent() : null), { timeout: 60_000 }).toMatch(pattern);
  return { link: (await link.textContent()) as string, dialog };
}

async function googleDefaultAndTeamsStaff() {
  if (!example) throw new Error('the example did not start');
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(example.url);
  await page.getByRole('combobox', { name: /Signed in as/ }).selectOption('owner');
  const nav = page.getByRole('navigation', { name: 'Dashboard' });

  // Chris's sessions go by the site default: an own account from an earlier test is removed first.
  await nav.getByRole('button', { name: 'Staff' }).click();
  const chris = staffRow('Chris Bakker');
  await chris.getByRole('button', { name: /^(Remove|Add individual account)$/ }).waitFor();
  if ((await chris.getByRole('button', { name: 'Remove', exact: true }).count()) > 0) {
    await chris.getByRole('button', { name: 'Remove', exact: true }).click();
    const remove = page
      .getByRole('alertdialog', { name: "Remove Chris Bakker's individual account?" })
      .getByRole('button', { name: 'Remove' });
    await expect.poll(() => remove.isEnabled(), { timeout: 30_000 }).toBe(true);
    await remove.click();
    await chris.getByText('The individual account is removed. Their sessions use the site default again.').waitFor();
  }

  // The owner connects Google Meet as the site default through Google's consent page.
  await nav.getByRole('button', { name: 'Services' }).click();
  const services = picker();
  await services.getByRole('button', { name: 'Edit' }).click();
  await services.getByRole('button', { name: /Google Meet/ }).click();
  await services.getByRole('button', { name: 'Continue' }).click();
  await connectGoogleThroughPopup(services);
  await services.getByText('The default account is saved.').waitFor();
  await services.getByText('Google Meet account of Gina Host (host@fake-google.test)').waitFor();
  await services.getByText('Every session gets its own Google Meet meeting.').waitFor();

  // Google answers the conference `pending` first: Chris's session (he has no account of his own) shows it on its way,
  // then, in the same open editor, its Meet link once the worker has read it back.
  await nav.getByRole('button', { name: 'Calendar' }).click();
  const chrisCoaching = overviewRow('Career coaching', 'Chris Bakker');
  await chrisCoaching.getByText('Google Meet meeting on its way').waitFor();
  await chrisCoaching.getByRole('button', { name: /^Edit link of/ }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByText('Google Meet meeting on its way').waitFor();
  await page.screenshot({ path: join(shots, 'google-pending.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Close' }).click();
  const { link: chrisMeet, dialog: chrisDialog } = await linkInEditorOf(chrisCoaching, MEET_LINK);
  await chrisDialog.getByText('The site default (Google Meet, host@fake-google.test): Chris Bakker has no account of their own.').waitFor();
  expect(await chrisDialog.getByText('Google Meet meeting on its way').count()).toBe(0);
  await chrisDialog.getByRole('button', { name: 'Close' }).click();
  await chrisCoaching.getByRole('cell', { name: 'Google Meet', exact: true }).waitFor();

  // Every session on the default has a Meet meeting of its own: the unassigned yoga class as well.
  const meetLinks = [chrisMeet];
  for (const row of [overviewRow('Morning yoga', null)]) {
    const { link, dialog: open } = await linkInEditorOf(row, MEET_LINK);
    await open.getByText(/^The site default \(Google Meet, host@fake-google\.test\)/).waitFor();
    meetLinks.push(link);
    await open.getByRole('button', { name: 'Close' }).click();
    await row.getByRole('cell', { name: 'Google Meet', exact: true }).waitFor();
  }
  expect(new Set(meetLinks).size).toBe(meetLinks.length);
  await page.screenshot({ path: join(shots, 'google-default.png'), fullPage: true });

  // Anna replaces her own Zoom with Microsoft Teams, from the calendar's "More actions" menu, through Microsoft's consent page.
  await page.getByRole('combobox', { name: /Signed in as/ }).selectOption('anna');
  await nav.getByRole('button', { name: 'Calendar' }).click();
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Set up personal online sessions' }).click();
  dialog = page.getByRole('dialog', { name: 'Set up personal online sessions' });
  await dialog.getByRole('button', { name: 'Edit' }).click();
  await dialog.getByRole('button', { name: /Microsoft Teams/ }).click();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await connectTeamsThroughPopup(dialog);
  await dialog
    .getByText('Your sessions use your own Microsoft Teams account (megan@fake-contoso.test), instead of the site default.')
    .waitFor();
  await page.screenshot({ path: join(shots, 'teams-personal.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Her coaching session and her yoga class: a Teams meeting each, the provenance naming her own Teams account.
  const teamsLinks: string[] = [];
  for (const row of [overviewRow('Career coaching', 'Anna de Vries', 1), overviewRow('Morning yoga', 'Anna de Vries')]) {
    const { link, dialog: open } = await linkInEditorOf(row, TEAMS_LINK);
    await open.getByText("Anna de Vries's own Microsoft Teams account, instead of the site default.").waitFor();
    teamsLinks.push(link);
    await open.getByRole('button', { name: 'Close' }).click();
    await row.getByRole('cell', { name: 'Microsoft Teams', exact: true }).waitFor();
    await row.getByText("Anna de Vries's own account").waitFor();
  }
  expect(new Set(teamsLinks).size).toBe(teamsLinks.length);
  await page.screenshot({ path: join(shots, 'teams-staff.png'), fullPage: true });

  // Each provider connected, at a full page and a phone, in both languages: every provider's name whole on the
  // full page (12% of the table cut "Microsoft Teams" to "Microsoft…"), no sideways scroll on the phone.
  for (const [locale, count] of [
    ['en-GB', '11 sessions'],
    ['nl-NL', '11 sessies'],
  ] as const) {
    const look = await browser!.newPage({ viewport: { width: 1280, height: 900 }, locale });
    try {
      look.setDefaultTimeout(STEP);
      await look.goto(example.url);
      await look.getByRole('navigation', { name: 'Dashboard' }).getByRole('button', { name: 'Calendar' }).click();
      await look.getByText(count).waitFor();
      const tag = locale.slice(0, 2);
      await look.screenshot({ path: join(shots, `providers-1280-${tag}.png`), fullPage: true });
      const cut = await look.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.sl-overview td.sl-cell-link'))
          .filter((td) => td.querySelector('.sl-provider-mark') && td.scrollWidth > td.clientWidth + 1)
          .map((td) => td.textContent),
      );
      expect(cut).toEqual([]);
      await look.setViewportSize({ width: 320, height: 800 });
      await look.getByText(count).waitFor();
      await look.screenshot({ path: join(shots, `providers-320-${tag}.png`), fullPage: true });
      expect(await look.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    } finally {
      await look.close();
    }
  }
}
