import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDelivery } from '../../src/notices/delivery-worker';
import { messageIdFor, type Notice, type NoticeInput, type Outbox } from '../../src/notices/outbox';
import { listDueNotices, markNoticeFailed, markNoticeSent } from '../../src/notices/transports/pull';
import { smtpTransport } from '../../src/notices/transports/smtp';
import type { NoticeTransport, RenderedNotice } from '../../src/notices/transports/transport';
import { freePort, type SmtpCatcher, startSmtpCatcher } from './smtp-catcher';

/** An outbox to test, emptied, and how to run `record` inside a write transaction of its store. */
export interface OutboxUnderTest {
  outbox: Outbox;
  /** Runs `fn` in a write transaction and passes what `outbox.record` takes as its `tx`. */
  write<T>(fn: (tx: unknown) => Promise<T>): Promise<T>;
}

const T0 = new Date('2026-12-07T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

export const input = (booking: string, oldLink: string | null, newLink: string | null, extra: Partial<NoticeInput> = {}): NoticeInput => ({
  site: 'site-1',
  booking,
  session: 'session-1',
  client: { name: 'Anna de Vries', email: `${booking}@example.nl` },
  kind: 'booking-changed',
  oldLink,
  newLink,
  why: { before: 'course', after: 'session' },
  ...extra,
});

/** Dutch, as the seed writes it: what a site in nl sends, with an iCalendar update. */
export const dutchRender = (notice: Notice): RenderedNotice => ({
  subject: `Nieuwe link voor je sessie — ${notice.client.name}`,
  text: `Beste ${notice.client.name},\n\nJe sessie heeft een nieuwe link: ${notice.newLink}\nTot ziens, café Zoë\n`,
  html: `<p>Beste ${notice.client.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')},</p><p>Nieuwe link: <a href="${notice.newLink}">${notice.newLink}</a></p><p>Tot ziens, café Zoë</p>`,
  calendar: {
    method: 'REQUEST',
    content: [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//session-links//test//NL',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      `UID:${notice.booking}-${notice.session}@session-links`,
      'SEQUENCE:1',
      'DTSTAMP:20261206T090000Z',
      'DTSTART:20261210T090000Z',
      'DTEND:20261210T100000Z',
      'SUMMARY:Yoga',
      `LOCATION:${notice.newLink}`,
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n'),
  },
});

export function noticesSuite(name: string, open: () => Promise<OutboxUnderTest>): void {
  describe(`notices (${name})`, () => {
    let it_: OutboxUnderTest;
    let outbox: Outbox;
    const record = (inputs: NoticeInput[], now: Date) => it_.write((tx) => outbox.record(tx, inputs, now));
    beforeEach(async () => {
      it_ = await open();
      outbox = it_.outbox;
    });

    describe('coalescing', () => {
      it('changes for one booking within the window become one notice: the oldest old link, the newest new link', async () => {
        await record([input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2')], at(0));
        const second = await record(
          [input('b1', 'https://zoom.us/j/2', 'https://zoom.us/j/3', { why: { before: 'session', after: 'staff' } })],
          at(60_000),
        );
        expect(second).toEqual({ added: 0, merged: 1, cancelled: 0 });
        const [only, ...rest] = await outbox.list({ site: 'site-1' });
        expect(rest).toEqual([]);
        expect(only).toMatchObject({
          booking: 'b1',
          oldLink: 'https://zoom.us/j/1',
          newLink: 'https://zoom.us/j/3',
          why: { before: 'course', after: 'staff' },
          status: 'queued',
          created: at(0).toISOString(),
          messageId: messageIdFor(only!.id),
        });
      });

      it('a change back to the link the client holds cancels the notice', async () => {
        await record([input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2')], at(0));
        const back = await record([input('b1', 'https://zoom.us/j/2', 'https://zoom.us/j/1')], at(30_000));
        expect(back).toEqual({ added: 0, merged: 0, cancelled: 1 });
        expect(await outbox.list({ site: 'site-1' })).toEqual([]);
      });

      it('a change after the window is a notice of its own; other bookings are apart; a change to the same link is none', async () => {
        await record(
          [input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2'), input('b2', 'https://zoom.us/j/1', 'https://zoom.us/j/2')],
          at(0),
        );
        await record([input('b1', 'https://zoom.us/j/2', 'https://zoom.us/j/3')], at(5 * 60_000 + 1));
        await record([input('b3', 'https://zoom.us/j/4', 'https://zoom.us/j/4')], at(5 * 60_000 + 2));
        const all = await outbox.list({ site: 'site-1' });
        expect(all.map((n) => [n.booking, n.oldLink, n.newLink])).toEqual([
          ['b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2'],
          ['b2', 'https://zoom.us/j/1', 'https://zoom.us/j/2'],
          ['b1', 'https://zoom.us/j/2', 'https://zoom.us/j/3'],
        ]);
      });

      it('a notice already being sent is not changed: the next change is a notice of its own', async () => {
        await record([input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2')], at(0));
        expect(await outbox.claim({ now: at(1000), limit: 10, leaseMs: 60_000 })).toHaveLength(1);
        expect(await record([input('b1', 'https://zoom.us/j/2', 'https://zoom.us/j/3')], at(2000))).toEqual({
          added: 1,
          merged: 0,
          cancelled: 0,
        });
      });

      it('held notices ("let me review first") are not delivered until released, and still coalesce', async () => {
        await record([input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2', { hold: true })], at(0));
        await record([input('b1', 'https://zoom.us/j/2', 'https://zoom.us/j/3', { hold: true })], at(1000));
        expect(await outbox.claim({ now: at(2000), limit: 10, leaseMs: 60_000 })).toEqual([]);
        const [held] = await outbox.list({ status: 'held' });
        expect(held?.newLink).toBe('https://zoom.us/j/3');
        expect(await outbox.release('other-site', [held!.id], at(3000))).toBe(0);
        expect(await outbox.release('site-1', [held!.id], at(3000))).toBe(1);
        expect((await outbox.claim({ now: at(3000), limit: 10, leaseMs: 60_000 })).map((n) => n.id)).toEqual([held!.id]);
      });

      it('a write transaction that fails records nothing', async () => {
        await expect(
          it_.write(async (tx) => {
            await outbox.record(tx, [input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2')], at(0));
            throw new Error('the change failed');
          }),
        ).rejects.toThrow('the change failed');
        if (name !== 'memory') expect(await outbox.list()).toEqual([]);
      });
    });

    describe('claims and leases', () => {
      it('a claimed notice is not claimed again until its lease ends; the late worker cannot record it', async () => {
        await record([input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2')], at(0));
        const [first] = await outbox.claim({ now: at(0), limit: 10, leaseMs: 60_000 });
        expect(first?.attempts).toBe(1);
        expect(await outbox.claim({ now: at(59_000), limit: 10, leaseMs: 60_000 })).toEqual([]);
        const [again] = await outbox.claim({ now: at(60_000), limit: 10, leaseMs: 60_000 });
        expect(again).toMatchObject({ id: first!.id, attempts: 2, messageId: first!.messageId });
        expect(await outbox.complete(first!.id, at(61_000), first!.claim)).toBe(false);
        expect(await outbox.complete(again!.id, at(61_000), again!.claim)).toBe(true);
        expect(await outbox.complete(again!.id, at(62_000), again!.claim)).toBe(false);
        expect(await outbox.get(first!.id)).toMatchObject({ status: 'sent', sentAt: at(61_000).toISOString(), attempts: 2 });
      });
    });

    describe('pull (no transport)', () => {
      it('the host lists due notices and marks them sent or failed', async () => {
        await record(
          [input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2'), input('b2', 'https://zoom.us/j/1', 'https://zoom.us/j/2')],
          at(0),
        );
        const due = await listDueNotices(outbox, { now: at(1000), site: 'site-1' });
        expect(due.map((n) => n.booking)).toEqual(['b1', 'b2']);
        expect(await markNoticeSent(outbox, due[0]!.id, at(2000))).toBe(true);
        expect(await markNoticeSent(outbox, due[0]!.id, at(3000))).toBe(false);
        expect(await markNoticeFailed(outbox, due[1]!.id, 'mailbox full', { at: at(2000), backoff: { random: () => 0 } })).toBe(true);
        expect(await outbox.get(due[1]!.id)).toMatchObject({
          status: 'failed',
          attempts: 1,
          lastError: 'mailbox full',
          nextAttemptAt: at(62_000).toISOString(),
        });
        expect(await listDueNotices(outbox, { now: at(61_000) })).toEqual([]);
        expect((await listDueNotices(outbox, { now: at(62_000) })).map((n) => n.booking)).toEqual(['b2']);
        // A host's mailer quoting the address: kept and shown without it.
        expect(await markNoticeFailed(outbox, due[1]!.id, '550 <b2@example.nl> address refused', { at: at(62_000), permanent: true })).toBe(
          true,
        );
        expect(await outbox.get(due[1]!.id)).toMatchObject({
          status: 'dead',
          lastError: '550 <[address]> address refused',
          nextAttemptAt: null,
        });
      });
    });

    describe('calendar SEQUENCE (R28)', () => {
      it("each notice of a booking gets a SEQUENCE above every other notice's of it, never below the site's revision; a retry keeps its own while it is the newest", async () => {
        await record(
          [input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2'), input('b2', 'https://zoom.us/j/1', 'https://zoom.us/j/2')],
          at(0),
        );
        const [first, other] = await outbox.list({ site: 'site-1' });
        expect(await outbox.calendarSequence(first!.id, 10)).toBe(10);
        expect(await outbox.calendarSequence(first!.id, 10)).toBe(10); // rendered again at the same revision
        expect(await outbox.calendarSequence(first!.id, 12)).toBe(12); // the site changed since
        expect(await outbox.calendarSequence(other!.id, 12)).toBe(12); // another booking counts apart
        // Sent; the next change of b1 is a notice of its own, rendered at the same revision.
        expect(await outbox.complete(first!.id, at(1000))).toBe(true);
        await record([input('b1', 'https://zoom.us/j/2', 'https://zoom.us/j/3')], at(2000));
        const second = (await outbox.list({ site: 'site-1', booking: 'b1' }))[1]!;
        expect(await outbox.calendarSequence(second.id, 12)).toBe(13);
        expect(await outbox.calendarSequence(second.id, 12)).toBe(13);
        // An older notice rendered again after a newer one went out goes above it.
        expect(await outbox.calendarSequence(first!.id, 12)).toBe(14);
        // Two at once for one booking never share one.
        const both = await Promise.all([outbox.calendarSequence(first!.id, 20), outbox.calendarSequence(second.id, 20)]);
        expect([...both].sort((a, b) => a! - b!)).toEqual([20, 21]);
        expect(await outbox.calendarSequence('no-such-notice', 1)).toBeNull();
      });
    });

    describe('delivery over SMTP (smtp-server on loopback)', () => {
      let smtp: SmtpCatcher;
      let transport: NoticeTransport;
      beforeEach(async () => {
        smtp = await startSmtpCatcher();
        transport = smtpTransport({ url: smtp.url, from: 'Studio Zoë <studio@example.nl>' });
      });
      afterEach(async () => {
        await transport.close?.();
        await smtp.close();
      });

      it('settling (R29): five changes for one booking within the settle time go out as one e-mail with the newest link, after it', async () => {
        const settleMs = 120_000;
        const send = (ms: number) => runDelivery({ outbox, transport, render: dutchRender, settleMs, now: () => at(ms) });
        for (let i = 0; i < 5; i++) {
          await record([input('b1', `https://zoom.us/j/${i}`, `https://zoom.us/j/${i + 1}`)], at(i * 20_000));
          // The worker runs between the changes: nothing goes out while the notice settles.
          expect(await send(i * 20_000 + 5_000)).toMatchObject({ claimed: 0 });
        }
        expect(smtp.messages).toHaveLength(0);
        expect(await send(settleMs + 1_000)).toMatchObject({ claimed: 1, sent: 1 });
        await smtp.waitFor(1);
        expect(smtp.messages).toHaveLength(1);
        expect(smtp.messages[0]!.text).toContain('https://zoom.us/j/5');
        // A notice released by the owner later ("Tell them now" on a held one) is not held back again.
        await record([input('b2', 'https://zoom.us/j/1', 'https://zoom.us/j/2', { hold: true })], at(200_000));
        await outbox.release(
          'site-1',
          (await outbox.list({ site: 'site-1' })).filter((n) => n.status === 'held').map((n) => n.id),
          at(201_000),
        );
        expect(await send(202_000)).toMatchObject({ claimed: 1, sent: 1 });
      });

      it('delivers the rendered notice once: Dutch text with accents, a name with markup, the calendar update, Message-ID = the idempotency key', async () => {
        const name = 'Zoë <b>"van der Ĳssel"</b> & Bjørn';
        await record(
          [input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2?pwd=é', { client: { name, email: 'zoe@example.nl' } })],
          at(0),
        );
        const result = await runDelivery({ outbox, transport, render: dutchRender, now: () => at(1000) });
        expect(result).toMatchObject({ claimed: 1, sent: 1, failed: 0, dead: 0 });
        await smtp.waitFor(1);
        const [notice] = await outbox.list();
        const mail = smtp.messages[0]!;
        expect(mail.messageId).toBe(messageIdFor(notice!.id));
        expect(mail.to && !Array.isArray(mail.to) && mail.to.value).toEqual([{ name, address: 'zoe@example.nl' }]);
        expect(mail.from?.value).toEqual([{ name: 'Studio Zoë', address: 'studio@example.nl' }]);
        expect(mail.subject).toBe(`Nieuwe link voor je sessie — ${name}`);
        expect(mail.text).toContain(`Beste ${name},`);
        expect(mail.text).toContain('Tot ziens, café Zoë');
        expect(mail.text).toContain('https://zoom.us/j/2?pwd=é');
        expect(mail.html).toContain('Beste Zoë &lt;b&gt;"van der Ĳssel"&lt;/b&gt; &amp; Bjørn,');
        const calendar = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
        expect(calendar?.content.toString('utf8')).toContain('LOCATION:https://zoom.us/j/2?pwd=é');
        expect(calendar?.content.toString('utf8')).toContain('METHOD:REQUEST');
        expect(await outbox.get(notice!.id)).toMatchObject({
          status: 'sent',
          sentAt: at(1000).toISOString(),
          attempts: 1,
          lastError: null,
        });
        // Nothing due any more: a second run sends nothing.
        expect(await runDelivery({ outbox, transport, render: dutchRender, now: () => at(600_000) })).toMatchObject({ claimed: 0 });
        expect(smtp.messages).toHaveLength(1);
      });

      it('an address the server refuses (550 on RCPT) is dead at once with the reason "address refused"; the others go', async () => {
        smtp.refuse.add('gone@example.nl');
        await record(
          [
            input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2', { client: { name: 'Gone', email: 'gone@example.nl' } }),
            input('b2', 'https://zoom.us/j/1', 'https://zoom.us/j/2'),
          ],
          at(0),
        );
        const result = await runDelivery({ outbox, transport, render: dutchRender, now: () => at(1000) });
        expect(result).toMatchObject({ claimed: 2, sent: 1, dead: 1, failed: 0 });
        const [gone, ok] = await outbox.list();
        expect(gone).toMatchObject({ booking: 'b1', status: 'dead', lastError: 'address refused', attempts: 1, nextAttemptAt: null });
        expect(ok).toMatchObject({ booking: 'b2', status: 'sent' });
        expect(await runDelivery({ outbox, transport, render: dutchRender, now: () => at(24 * 3600_000) })).toMatchObject({ claimed: 0 });
      });

      it('an address that is not one mailbox (CR/LF and a header, several addresses, a display name) is dead at once with "address invalid": nothing reaches the SMTP server', async () => {
        const bad = [
          'eva@example.nl\r\nBcc: spy@evil.example',
          'eva@example.nl, spy@evil.example',
          'eva@example.nl;spy@evil.example',
          'Spy <spy@evil.example>',
          '',
        ];
        await record(
          bad.map((email, i) => input(`b${i}`, 'https://zoom.us/j/1', 'https://zoom.us/j/2', { client: { name: 'Eva', email } })),
          at(0),
        );
        const result = await runDelivery({ outbox, transport, render: dutchRender, now: () => at(1000) });
        expect(result).toMatchObject({ claimed: bad.length, sent: 0, dead: bad.length, failed: 0 });
        for (const n of await outbox.list()) expect(n).toMatchObject({ status: 'dead', lastError: 'address invalid', nextAttemptAt: null });
        expect(smtp.messages).toHaveLength(0);
      });

      it('the SMTP server down: retried later with backoff, sent once it is back; dead after the last attempt', async () => {
        const port = await freePort();
        const down = smtpTransport({ url: `smtp://127.0.0.1:${port}`, from: 'studio@example.nl' });
        try {
          await record([input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2')], at(0));
          const first = await runDelivery({ outbox, transport: down, render: dutchRender, now: () => at(0), backoff: { random: () => 0 } });
          expect(first).toMatchObject({ claimed: 1, failed: 1, sent: 0 });
          const [failed] = await outbox.list();
          expect(failed).toMatchObject({
            status: 'failed',
            attempts: 1,
            lastError: 'ECONNREFUSED',
            nextAttemptAt: at(60_000).toISOString(),
          });
          // Not before it is due.
          expect(await runDelivery({ outbox, transport: down, render: dutchRender, now: () => at(59_000) })).toMatchObject({ claimed: 0 });
          const second = await runDelivery({
            outbox,
            transport: down,
            render: dutchRender,
            now: () => at(60_000),
            backoff: { random: () => 0 },
          });
          expect(second).toMatchObject({ failed: 1 });
          expect(await outbox.get(failed!.id)).toMatchObject({ attempts: 2, nextAttemptAt: at(180_000).toISOString() });
          // The server is back on its port.
          const back = await startSmtpCatcher(port);
          try {
            expect(await runDelivery({ outbox, transport: down, render: dutchRender, now: () => at(180_000) })).toMatchObject({ sent: 1 });
            await back.waitFor(1);
            expect(back.messages[0]?.messageId).toBe(failed!.messageId);
            expect(await outbox.get(failed!.id)).toMatchObject({ status: 'sent', attempts: 3 });
          } finally {
            await back.close();
          }
          // A second notice with the server down for good: dead after maxAttempts.
          await record([input('b2', 'https://zoom.us/j/1', 'https://zoom.us/j/2')], at(0));
          let now = at(200_000);
          for (let i = 0; i < 3; i += 1) {
            await runDelivery({ outbox, transport: down, render: dutchRender, now: () => now, maxAttempts: 3 });
            now = new Date(now.getTime() + 6 * 3600_000);
          }
          expect((await outbox.list({ booking: 'b2' }))[0]).toMatchObject({ status: 'dead', attempts: 3, lastError: 'ECONNREFUSED' });
        } finally {
          await down.close?.();
        }
      });
    });
  });
}
