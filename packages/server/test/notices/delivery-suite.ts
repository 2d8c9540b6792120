import { JOIN_SECTION_COPY } from '@session-links/core';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler, hasStoreNotices, type Store, type StoreNotices, SYNC_SECRET_HEADER } from '../../src';
import { runDelivery, smtpTransport, storeNoticeRenderer } from '../../src/notices';
import type { Outbox } from '../../src/notices/outbox';
import { type NoticeTransport, TransportError } from '../../src/notices/transports/transport';
import { createFakeZoomGateway, MAIN_SITE, type ScenarioName, seedScenario } from '../../src/testing';
import { type SmtpCatcher, startSmtpCatcher } from './smtp-catcher';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the answers under test
type Json = any;

/** A client name that is markup and has accents: escaped in the html part, as it is in the text part. */
export const MARKUP_NAME = 'Zoë <b>"van der Ĳssel"</b> & Bjørn';

/** The calendar part of a received e-mail, parsed with ical.js (a real RFC 5545 parser). */
export function calendarOf(mail: ParsedMail) {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error('the e-mail has no text/calendar part');
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('the calendar part has no VEVENT');
  return {
    method: calendar.getFirstPropertyValue('method') as string,
    uid: event.getFirstPropertyValue('uid') as string,
    sequence: Number(event.getFirstPropertyValue('sequence')),
    url: event.getFirstPropertyValue('url') as string | null,
    location: event.getFirstPropertyValue('location') as string | null,
    description: (event.getFirstPropertyValue('description') as string | null) ?? '',
    status: event.getFirstPropertyValue('status') as string | null,
  };
}

/**
 * Delivery as a host runs it (R28, R29), on one kind of store: a change made through the HTTP
 * API records notices; the delivery worker renders each with the site's saved template when it
 * sends it, through a real SMTP server on loopback; the e-mail and its calendar part are parsed.
 * `makeStore` returns an EMPTY store with its own outbox; `close()` is called when a test ends.
 */
export function deliverySuite(name: string, makeStore: () => Promise<Store>): void {
  describe(`delivery with the site's templates (${name})`, () => {
    const NOW = new Date('2030-03-04T12:00:00Z');
    const BASE = 'http://host.example/api/session-links';
    const SECRET = 'sync-secret-for-delivery-tests';
    const S = `/sites/${MAIN_SITE}`;
    const cleanup: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const fn of cleanup.splice(0).reverse()) await fn();
    });

    async function start(scenario: ScenarioName) {
      const store = await makeStore();
      cleanup.push(() => store.close());
      if (!hasStoreNotices(store)) throw new Error('the delivery suite needs a store with its own outbox (R29)');
      const notices: StoreNotices = store.notices;
      const zoom = createFakeZoomGateway({ zoomEmailOf: (u) => `${u}@zoom.example` });
      await store.transaction(seedScenario(scenario, { zoom, now: NOW }));
      const clock = { now: NOW };
      const handler = createHandler({
        store,
        zoom,
        now: () => clock.now,
        meetings: 'worker',
        sync: { secret: SECRET },
        authenticate: async (request) => {
          const auth = request.headers.get('authorization') ?? '';
          return auth.startsWith('Bearer dev:') ? { userId: auth.slice('Bearer dev:'.length) } : null;
        },
      });
      const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
        const res = await handler(
          new Request(`${BASE}${path}`, {
            method,
            headers: { 'content-type': 'application/json', ...headers },
            body: body === undefined ? undefined : JSON.stringify(body),
          }),
        );
        const text = await res.text();
        return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
      };
      const owner = (method: string, path: string, body?: unknown) => call(method, path, body, { authorization: 'Bearer dev:owner' });
      const sync = (method: string, path: string, body?: unknown) => call(method, `/sync${path}`, body, { [SYNC_SECRET_HEADER]: SECRET });
      const smtp = await startSmtpCatcher();
      cleanup.push(() => smtp.close());
      const transport: NoticeTransport = smtpTransport({ url: smtp.url, from: 'Studio Zoë <studio@example.nl>' });
      cleanup.push(async () => transport.close?.());
      const outbox = notices.outbox as Outbox;
      const deliver = (at: Date = clock.now) =>
        runDelivery({ outbox, transport, render: storeNoticeRenderer(store, { now: () => at }), now: () => at });
      return { store, outbox, clock, owner, sync, smtp, deliver };
    }

    const courseVersion = async (owner: (m: string, p: string) => Promise<{ body: Json }>) =>
      (await owner('GET', `${S}/courses/pottery/link`)).body.courseLink.version as number;
    const byClient = (smtp: SmtpCatcher, email: string) =>
      smtp.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === email);

    it("a course link change: each booked client gets one e-mail from the site's saved 'course changed' template, in Dutch, with a calendar update of the earlier invite", async () => {
      const h = await start('dutch-site');
      // A client whose name is markup, with accents.
      expect((await h.sync('PUT', `/sites/${MAIN_SITE}/clients/c-finn`, { name: MARKUP_NAME, email: 'finn@clients.example' })).status).toBe(
        200,
      );
      // The owner's template: their own subject, and the join-online section without the password (R12).
      const template = (await h.owner('GET', `${S}/automations/course-changed/template`)).body;
      expect(template.locale).toBe('nl');
      const saved = await h.owner('PUT', `${S}/automations/course-changed/template`, {
        subject: 'Nieuwe link: {service}',
        body: template.body,
        joinOnline: { elements: template.joinOnline.elements.filter((e: string) => e !== 'password') },
        version: template.version,
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      // The invite the client holds: the booking confirmation of the next session.
      const earlier = (await h.owner('POST', `${S}/bookings/b-4/emails/booking-confirmation`, {})).body;
      expect(earlier.calendar.method).toBe('REQUEST');

      const link = 'https://whereby.com/pottery-café';
      const href = new URL(link).href; // as the server keeps it
      const changed = await h.owner('PUT', `${S}/courses/pottery/link`, {
        link: { url: link, password: 'geheim-wachtwoord' },
        version: await courseVersion(h.owner),
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);

      expect(await h.deliver()).toMatchObject({ claimed: 2, sent: 2, failed: 0, dead: 0 });
      await h.smtp.waitFor(2);
      expect(await h.deliver(new Date(NOW.getTime() + 3600_000))).toMatchObject({ claimed: 0 });
      expect(h.smtp.messages).toHaveLength(2);

      const [finn] = byClient(h.smtp, 'finn@clients.example');
      const [carla] = byClient(h.smtp, 'carla@clients.example');
      expect(finn && carla).toBeTruthy();
      const [notice] = await h.outbox.ofBookings(MAIN_SITE, ['b-4']);
      expect(notice).toMatchObject({ status: 'sent', kind: 'course-changed' });
      // Headers: the idempotency key is the Message-ID; the client's name as given, from the sender configured.
      expect(finn!.messageId).toBe(notice!.messageId);
      expect(finn!.to && !Array.isArray(finn!.to) && finn!.to.value).toEqual([{ name: MARKUP_NAME, address: 'finn@clients.example' }]);
      expect(finn!.from?.value).toEqual([{ name: 'Studio Zoë', address: 'studio@example.nl' }]);
      // The owner's subject, the site's language, the new link; the password the owner left out is nowhere.
      expect(finn!.subject).toBe('Nieuwe link: Pottery for beginners');
      expect(finn!.text).toContain(JOIN_SECTION_COPY.nl.button);
      expect(finn!.text).toContain(href);
      expect(finn!.text).toContain(MARKUP_NAME);
      expect(finn!.html).toContain('Zoë &lt;b&gt;');
      expect(finn!.html).not.toContain('<b>"van der');
      for (const mail of [finn!, carla!]) {
        expect(`${mail.text}${mail.html}`).not.toContain('geheim-wachtwoord');
        expect(mail.attachments.map((a) => a.content.toString('utf8')).join('')).not.toContain('geheim-wachtwoord');
      }
      // What the renderBookingEmail route renders for this booking now is exactly what was sent: one rendering.
      const now = (await h.owner('POST', `${S}/bookings/b-4/emails/course-changed`, {})).body;
      expect(finn!.text?.trim()).toBe(now.text.trim());
      expect(finn!.subject).toBe(now.subject);

      // The calendar part, parsed: an update of the earlier invite.
      const ics = calendarOf(finn!);
      expect(ics).toMatchObject({ method: 'REQUEST', uid: earlier.calendar.uid, url: href, location: href, status: 'CONFIRMED' });
      expect(ics.sequence).toBeGreaterThan(earlier.calendar.sequence);
      expect(ics.description).toContain(href);
      expect(calendarOf(carla!).uid).not.toBe(ics.uid);
    });

    it('a session that lost its link: the calendar update is a CANCEL of the online invite', async () => {
      const h = await start('zoom-default');
      const earlier = (await h.owner('POST', `${S}/bookings/b-3/emails/booking-confirmation`, {})).body;
      const version = (await h.owner('GET', `${S}/sessions/yoga-3`)).body.session.version;
      const removed = await h.owner('PUT', `${S}/sessions/yoga-3/link`, { change: { kind: 'removed' }, version });
      expect(removed.status, JSON.stringify(removed.body)).toBe(200);
      expect(await h.deliver()).toMatchObject({ claimed: 1, sent: 1 });
      await h.smtp.waitFor(1);
      const mail = h.smtp.messages[0]!;
      expect(mail.subject).toBeTruthy();
      const ics = calendarOf(mail);
      expect(ics).toMatchObject({ method: 'CANCEL', uid: earlier.calendar.uid, status: 'CANCELLED', url: null, location: null });
      expect(ics.sequence).toBeGreaterThan(earlier.calendar.sequence);
    });

    it('every notice of one booking and session goes out with a higher SEQUENCE than the one before, even two rendered at the same site revision (R28)', async () => {
      const h = await start('zoom-default');
      const earlier = (await h.owner('POST', `${S}/bookings/b-3/emails/booking-confirmation`, {})).body;
      const change = async (url: string) => {
        const version = (await h.owner('GET', `${S}/sessions/yoga-3`)).body.session.version;
        const res = await h.owner('PUT', `${S}/sessions/yoga-3/link`, { change: { kind: 'custom', link: { url } }, version });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      };
      const sequenceOf = async (messageId: string) => {
        const mail = h.smtp.messages.find((m) => m.messageId === messageId);
        if (!mail) throw new Error(`no e-mail ${messageId}`);
        const ics = calendarOf(mail);
        expect(ics.uid).toBe(earlier.calendar.uid);
        return ics.sequence;
      };

      // One notice sent, then another change: the second goes out higher.
      await change('https://whereby.com/yoga-a');
      expect(await h.deliver()).toMatchObject({ sent: 1 });
      await h.smtp.waitFor(1);
      const [first] = await h.outbox.ofBookings(MAIN_SITE, ['b-3']);
      const s1 = await sequenceOf(first!.messageId);
      expect(s1).toBeGreaterThan(earlier.calendar.sequence);

      // A change whose notice fails (tried again later), then another change: two notices of one
      // booking, both due and rendered at one site revision — each its own SEQUENCE, n and n+1.
      h.clock.now = new Date(NOW.getTime() + 10 * 60_000);
      await change('https://whereby.com/yoga-b');
      const down: NoticeTransport = {
        name: 'down',
        send: async () => {
          throw new TransportError('smtp down', false);
        },
      };
      const failed = await runDelivery({
        outbox: h.outbox,
        transport: down,
        render: storeNoticeRenderer(h.store, { now: () => h.clock.now }),
        now: () => h.clock.now,
      });
      expect(failed).toMatchObject({ claimed: 1, failed: 1 });
      await change('https://whereby.com/yoga-c');
      expect((await h.outbox.ofBookings(MAIN_SITE, ['b-3'])).map((n) => n.status)).toEqual(['sent', 'failed', 'queued']);
      h.clock.now = new Date(NOW.getTime() + 3 * 3600_000);
      expect(await h.deliver()).toMatchObject({ claimed: 2, sent: 2 });
      await h.smtp.waitFor(3);
      const [, second, third] = await h.outbox.ofBookings(MAIN_SITE, ['b-3']);
      const both = [await sequenceOf(second!.messageId), await sequenceOf(third!.messageId)].sort((a, b) => a - b);
      expect(both[0]).toBeGreaterThan(s1);
      expect(both[1]).toBe(both[0]! + 1);

      // And the next change's notice goes out above both.
      h.clock.now = new Date(NOW.getTime() + 4 * 3600_000);
      await change('https://whereby.com/yoga-d');
      expect(await h.deliver()).toMatchObject({ sent: 1 });
      await h.smtp.waitFor(4);
      const fourth = (await h.outbox.ofBookings(MAIN_SITE, ['b-3']))[3];
      expect(await sequenceOf(fourth!.messageId)).toBeGreaterThan(both[1]!);
    });

    it('a booking deleted before its notice went out: dead at once with a short reason, nothing sent', async () => {
      const h = await start('zoom-default');
      const version = (await h.owner('GET', `${S}/sessions/yoga-3`)).body.session.version;
      const change = { kind: 'custom', link: { url: 'https://whereby.com/yoga' } };
      expect((await h.owner('PUT', `${S}/sessions/yoga-3/link`, { change, version })).status).toBe(200);
      expect((await h.sync('DELETE', `/sites/${MAIN_SITE}/bookings/b-3`)).status).toBe(200);
      expect(await h.deliver()).toMatchObject({ claimed: 1, sent: 0, dead: 1 });
      const [notice] = await h.outbox.ofBookings(MAIN_SITE, ['b-3']);
      expect(notice).toMatchObject({ status: 'dead', lastError: 'the booking or its session no longer exists' });
      expect(h.smtp.messageIds).toEqual([]);
    });
  });
}
