import { afterEach, describe, expect, it } from 'vitest';
import { createSessionLinksServer, type SessionLinksServer } from '../../src/host';
import { NoticeConfigError } from '../../src/notices';
import { createFakeZoomGateway, createMemoryStore, MAIN_SITE, seedScenario } from '../../src/testing';
import { calendarOf } from './delivery-suite';
import { type SmtpCatcher, startSmtpCatcher } from './smtp-catcher';

const NOW = new Date('2030-03-04T12:00:00Z');
const BASE = 'http://host.example/api/session-links';
const S = `${BASE}/sites/${MAIN_SITE}`;
const owner = { authorization: 'Bearer dev:owner', 'content-type': 'application/json' };
const authenticate = async (request: Request) => {
  const auth = request.headers.get('authorization');
  return auth?.startsWith('Bearer dev:') ? { userId: auth.slice('Bearer dev:'.length) } : null;
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function catcher(): Promise<SmtpCatcher> {
  const smtp = await startSmtpCatcher();
  cleanups.push(() => smtp.close());
  return smtp;
}

function server(options: Parameters<typeof createSessionLinksServer>[0]): SessionLinksServer {
  const s = createSessionLinksServer(options);
  cleanups.push(() => s.close());
  return s;
}

const seeded = () => {
  const zoom = createFakeZoomGateway();
  return { zoom, store: createMemoryStore(seedScenario('zoom-default', { zoom, now: NOW })) };
};

/** The owner gives yoga-3 (booked by Eva Mulder) a link of its own. */
async function changeYoga(s: SessionLinksServer): Promise<void> {
  const { session } = (await (await s.handler(new Request(`${S}/sessions/yoga-3`, { headers: owner }))).json()) as {
    session: { version: number };
  };
  const res = await s.handler(
    new Request(`${S}/sessions/yoga-3/link`, {
      method: 'PUT',
      headers: owner,
      body: JSON.stringify({ change: { kind: 'custom', link: { url: 'https://whereby.com/yoga-3' } }, version: session.version }),
    }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
}

describe('createSessionLinksServer tells clients through the transport its environment names (R29)', () => {
  it('SESSION_LINKS_SMTP_URL + SESSION_LINKS_MAIL_FROM: the in-process worker e-mails the client the rendered template', async () => {
    const smtp = await catcher();
    const { zoom, store } = seeded();
    const s = server({
      authenticate,
      zoom,
      store,
      env: {
        SESSION_LINKS_SMTP_URL: smtp.url,
        SESSION_LINKS_MAIL_FROM: 'Studio <studio@example.com>',
        SESSION_LINKS_NOTICE_SETTLE_SECONDS: '0',
      },
      notices: { intervalMs: 20 },
      handler: { now: () => NOW },
    });
    await changeYoga(s);
    await smtp.waitFor(1);
    const mail = smtp.messages[0]!;
    expect(mail.to && !Array.isArray(mail.to) && mail.to.value).toEqual([{ name: 'Eva Mulder', address: 'eva@clients.example' }]);
    expect(mail.from?.value).toEqual([{ name: 'Studio', address: 'studio@example.com' }]);
    expect(mail.subject).toBe('Your booking for Morning yoga has changed');
    expect(mail.text).toContain('https://whereby.com/yoga-3');
    expect(calendarOf(mail)).toMatchObject({ method: 'REQUEST', url: 'https://whereby.com/yoga-3' });
    const [notice] = await store.notices.outbox.list({ site: MAIN_SITE });
    await expect.poll(async () => (await store.notices.outbox.get(notice!.id))?.status).toBe('sent');
    expect(mail.messageId).toBe(notice!.messageId);
  });

  it('on a serverless platform the cron pass delivers too, and answers its counts under notices', async () => {
    const smtp = await catcher();
    const { zoom, store } = seeded();
    const s = server({
      authenticate,
      zoom,
      store,
      env: {
        VERCEL: '1',
        CRON_SECRET: 'cron-secret',
        SESSION_LINKS_SMTP_URL: smtp.url,
        SESSION_LINKS_NOTICE_SETTLE_SECONDS: '0',
        SESSION_LINKS_MAIL_FROM: 'studio@example.com',
      },
      handler: { now: () => NOW },
    });
    expect(s.worker).toBe('cron');
    await changeYoga(s);
    expect(smtp.messageIds).toEqual([]);
    const pass = await s.cron(new Request('http://host.example/api/cron', { headers: { authorization: 'Bearer cron-secret' } }));
    expect(pass.status).toBe(200);
    expect(await pass.json()).toMatchObject({ ok: true, notices: { claimed: 1, sent: 1, failed: 0, dead: 0 } });
    await smtp.waitFor(1);
    expect(smtp.messages[0]?.subject).toBe('Your booking for Morning yoga has changed');
  });

  it('by default a new notice settles for two minutes before it is sent (changes close together: one e-mail); a wrong settle time fails at creation', async () => {
    const smtp = await catcher();
    const { zoom, store } = seeded();
    let now = NOW;
    const s = server({
      authenticate,
      zoom,
      store,
      env: { VERCEL: '1', CRON_SECRET: 'cron-secret', SESSION_LINKS_SMTP_URL: smtp.url, SESSION_LINKS_MAIL_FROM: 'studio@example.com' },
      handler: { now: () => now },
    });
    const cronPass = async () =>
      (await s.cron(new Request('http://host.example/api/cron', { headers: { authorization: 'Bearer cron-secret' } }))).json();
    await changeYoga(s);
    expect(await cronPass()).toMatchObject({ notices: { claimed: 0 } });
    now = new Date(NOW.getTime() + 121_000);
    expect(await cronPass()).toMatchObject({ notices: { claimed: 1, sent: 1 } });
    expect(() => createSessionLinksServer({ authenticate, env: { SESSION_LINKS_NOTICE_SETTLE_SECONDS: 'soon' } })).toThrow(
      /SESSION_LINKS_NOTICE_SETTLE_SECONDS/,
    );
  });

  it('a transport configured wrongly fails at creation, naming what to set; neither transport: the host pulls (nothing sent)', async () => {
    expect(() => createSessionLinksServer({ authenticate, env: { SESSION_LINKS_SMTP_URL: 'smtp://127.0.0.1:2525' } })).toThrow(
      NoticeConfigError,
    );
    expect(() => createSessionLinksServer({ authenticate, env: { SESSION_LINKS_SMTP_URL: 'smtp://127.0.0.1:2525' } })).toThrow(
      /SESSION_LINKS_MAIL_FROM/,
    );
    const { zoom, store } = seeded();
    const s = server({ authenticate, zoom, store, env: {}, handler: { now: () => NOW } });
    await changeYoga(s);
    expect(await s.runDelivery()).toEqual({ claimed: 0, sent: 0, failed: 0, dead: 0, lost: 0 });
    expect((await store.notices.outbox.list({ site: MAIN_SITE })).map((n) => n.status)).toEqual(['queued']);
  });
});
