import { type Account, defaultTemplate, type SessionOverride } from '@session-links/core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HostSession, OAuthStateRecord, Store, StoredTokens, StoreTx } from '../src/store/types';

export interface StoreContractOptions {
  /**
   * True when the store runs one transaction at a time (PGlite: one connection). Tests
   * that hold one transaction open while another runs are skipped there: they would
   * wait for each other forever, and the property they check holds by construction.
   */
  serialisesTransactions?: boolean;
}

const SITE = 'site-a';
const OTHER = 'site-b';

const zoom = (id: string, health: Account['health'] = 'connected'): Account => ({
  id,
  kind: 'zoom',
  health,
  user: { email: `${id}@zoom.example`, name: id },
});
const custom = (id: string, url = 'https://meet.google.com/abc-defg-hij'): Account => ({
  id,
  kind: 'custom',
  health: 'connected',
  provider: 'google-meet',
  link: { url, password: 'pw', description: 'Camera on' },
});
const linkOverride = (url: string): SessionOverride => ({
  kind: 'link',
  link: { type: 'CUSTOM', provider: 'other', guestUrl: url },
});
const session = (id: string, start: string, serviceId = 'yoga', staffId: string | null = null): HostSession => ({
  id,
  serviceId,
  staffId,
  start,
  end: new Date(Date.parse(start) + 3_600_000).toISOString(),
});
const tokens = (accountId: string, n: number, provider: StoredTokens['provider'] = 'zoom'): StoredTokens => ({
  siteId: SITE,
  accountId,
  provider,
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  accessExpiresAt: '2030-01-01T01:00:00.000Z',
  refreshIssuedAt: '2030-01-01T00:00:00.000Z',
});
const state = (value: string, expiresAt: string): OAuthStateRecord => ({
  state: value,
  siteId: SITE,
  userId: 'owner',
  target: { type: 'staff', staffId: 'anna' },
  codeVerifier: 'v'.repeat(43),
  origin: 'https://dashboard.example',
  createdAt: '2030-01-01T00:00:00.000Z',
  expiresAt,
});
const meeting = (sessionId: string, start: string, accountId = 'zoom-1') => ({
  siteId: SITE,
  accountId,
  sessionId,
  start,
  durationMinutes: 60,
  topic: `Session ${sessionId}`,
  updatedAt: '2030-01-01T00:00:00.000Z',
});

/** A promise and the function that settles it: lets one transaction wait for another without timers. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/**
 * The Store contract (`src/store/types.ts`), run against every implementation.
 * `makeStore` returns a store with no rows; it is called before each test and the
 * suite never closes it (the caller owns its lifetime, e.g. one PGlite per file).
 */
export function storeContract(name: string, makeStore: () => Promise<Store>, options: StoreContractOptions = {}): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    const tx = <T>(fn: (t: StoreTx) => Promise<T>) => store.transaction(fn);

    describe('versioned rows (R20)', () => {
      it('settings: version 0 before the first write, +1 per write, a stale version writes nothing', async () => {
        expect(await tx((t) => t.getSettings(SITE))).toEqual({ value: null, version: 0 });
        expect(await tx((t) => t.putSettings(SITE, 0, zoom('z1')))).toBe(true);
        expect(await tx((t) => t.getSettings(SITE))).toEqual({ value: zoom('z1'), version: 1 });
        expect(await tx((t) => t.putSettings(SITE, 0, custom('c1')))).toBe(false);
        expect(await tx((t) => t.putSettings(SITE, 1, custom('c1')))).toBe(true);
        expect(await tx((t) => t.putSettings(SITE, 1, zoom('z2')))).toBe(false);
        expect(await tx((t) => t.putSettings(SITE, 5, zoom('z2')))).toBe(false);
        expect(await tx((t) => t.getSettings(SITE))).toEqual({ value: custom('c1'), version: 2 });
        expect(await tx((t) => t.putSettings(SITE, 2, null))).toBe(true);
        expect(await tx((t) => t.getSettings(SITE))).toEqual({ value: null, version: 3 });
        expect(await tx((t) => t.getSettings(OTHER))).toEqual({ value: null, version: 0 });
      });

      it('staff accounts: one row per staff member, listed by staff id', async () => {
        expect(await tx((t) => t.getStaffAccount(SITE, 'anna'))).toEqual({ value: null, version: 0 });
        expect(await tx((t) => t.putStaffAccount(SITE, 'anna', 0, zoom('za')))).toBe(true);
        expect(await tx((t) => t.putStaffAccount(SITE, 'bram', 0, custom('cb')))).toBe(true);
        expect(await tx((t) => t.putStaffAccount(SITE, 'bram', 1, null))).toBe(true);
        expect(await tx((t) => t.putStaffAccount(SITE, 'anna', 0, custom('x')))).toBe(false);
        expect(await tx((t) => t.putStaffAccount(OTHER, 'anna', 0, custom('other')))).toBe(true);
        expect(await tx((t) => t.getStaffAccount(SITE, 'anna'))).toEqual({ value: zoom('za'), version: 1 });
        const all = await tx((t) => t.listStaffAccounts(SITE));
        expect(Object.fromEntries(all)).toEqual({
          anna: { value: zoom('za'), version: 1 },
          bram: { value: null, version: 2 },
        });
      });

      it('setAccountHealth changes the account wherever it is held and bumps the holder’s version', async () => {
        await tx(async (t) => {
          await t.putSettings(SITE, 0, zoom('shared'));
          await t.putStaffAccount(SITE, 'anna', 0, zoom('za'));
          await t.putStaffAccount(SITE, 'bram', 0, zoom('zb'));
        });
        expect(await tx((t) => t.setAccountHealth(SITE, 'za', 'expired'))).toBe(true);
        expect(await tx((t) => t.getStaffAccount(SITE, 'anna'))).toEqual({ value: zoom('za', 'expired'), version: 2 });
        expect(await tx((t) => t.getStaffAccount(SITE, 'bram'))).toEqual({ value: zoom('zb'), version: 1 });
        expect(await tx((t) => t.setAccountHealth(SITE, 'shared', 'error'))).toBe(true);
        expect(await tx((t) => t.getSettings(SITE))).toEqual({ value: zoom('shared', 'error'), version: 2 });
        expect(await tx((t) => t.setAccountHealth(SITE, 'nobody', 'expired'))).toBe(false);
        expect(await tx((t) => t.setAccountHealth(OTHER, 'za', 'expired'))).toBe(false);
      });

      it('session overrides: get, put, and list only the asked sessions', async () => {
        expect(await tx((t) => t.getSessionOverride(SITE, 's1'))).toEqual({ value: null, version: 0 });
        await tx(async (t) => {
          expect(await t.putSessionOverride(SITE, 's1', 0, linkOverride('https://a.example/1'))).toBe(true);
          expect(await t.putSessionOverride(SITE, 's2', 0, { kind: 'removed' })).toBe(true);
          expect(await t.putSessionOverride(SITE, 's3', 0, linkOverride('https://a.example/3'))).toBe(true);
          expect(await t.putSessionOverride(SITE, 's3', 1, null)).toBe(true);
        });
        expect(await tx((t) => t.putSessionOverride(SITE, 's1', 0, { kind: 'removed' }))).toBe(false);
        const listed = await tx((t) => t.listSessionOverrides(SITE, ['s1', 's3', 'missing']));
        expect(Object.fromEntries(listed)).toEqual({
          s1: { value: linkOverride('https://a.example/1'), version: 1 },
          s3: { value: null, version: 2 },
        });
        expect((await tx((t) => t.listSessionOverrides(SITE, []))).size).toBe(0);
        expect((await tx((t) => t.listSessionOverrides(OTHER, ['s1']))).size).toBe(0);
      });

      it('course links: get, put, list', async () => {
        const link = { url: 'https://teams.example/course', description: 'Bring clay' };
        expect(await tx((t) => t.getCourseLink(SITE, 'pottery'))).toEqual({ value: null, version: 0 });
        expect(await tx((t) => t.putCourseLink(SITE, 'pottery', 0, link))).toBe(true);
        expect(await tx((t) => t.putCourseLink(SITE, 'pottery', 0, null))).toBe(false);
        expect(await tx((t) => t.getCourseLink(SITE, 'pottery'))).toEqual({ value: link, version: 1 });
        expect(Object.fromEntries(await tx((t) => t.listCourseLinks(SITE)))).toEqual({ pottery: { value: link, version: 1 } });
        expect((await tx((t) => t.listCourseLinks(OTHER))).size).toBe(0);
      });

      it('templates: null until saved, stored with expectedVersion + 1', async () => {
        expect(await tx((t) => t.getTemplate(SITE, 'session-reminder'))).toBeNull();
        const template = { ...defaultTemplate('session-reminder', 'en', 0), joinOnline: { elements: ['join-link' as const] } };
        expect(await tx((t) => t.putTemplate(SITE, 0, template))).toBe(true);
        expect(await tx((t) => t.getTemplate(SITE, 'session-reminder'))).toEqual({ ...template, version: 1 });
        expect(await tx((t) => t.putTemplate(SITE, 0, template))).toBe(false);
        const reset = defaultTemplate('session-reminder', 'nl', 1);
        expect(await tx((t) => t.putTemplate(SITE, 1, reset))).toBe(true);
        expect(await tx((t) => t.putTemplate(SITE, 0, defaultTemplate('booking-confirmation', 'en', 0)))).toBe(true);
        const all = await tx((t) => t.listTemplates(SITE));
        expect(all).toHaveLength(2);
        expect(all).toContainEqual({ ...reset, version: 2 });
        expect(all).toContainEqual(defaultTemplate('booking-confirmation', 'en', 1));
        expect(await tx((t) => t.listTemplates(OTHER))).toEqual([]);
      });
    });

    describe('races and transactions', () => {
      it('50 concurrent writes from the same version: exactly one wins, nothing is lost (version 0)', async () => {
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => store.transaction((t) => t.putSettings(SITE, 0, custom(`c${i}`)))),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = results.indexOf(true);
        expect(await tx((t) => t.getSettings(SITE))).toEqual({ value: custom(`c${winner}`), version: 1 });
      });

      it('50 concurrent writes from the same version: exactly one wins (an existing row)', async () => {
        await tx((t) => t.putStaffAccount(SITE, 'anna', 0, zoom('za')));
        await tx((t) => t.putStaffAccount(SITE, 'anna', 1, zoom('za2')));
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => store.transaction((t) => t.putStaffAccount(SITE, 'anna', 2, custom(`c${i}`)))),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await tx((t) => t.getStaffAccount(SITE, 'anna'))).toEqual({ value: custom(`c${results.indexOf(true)}`), version: 3 });
      });

      it('a transaction that throws leaves nothing written, and its error comes back', async () => {
        await tx((t) => t.putCourseLink(SITE, 'pottery', 0, { url: 'https://old.example' }));
        const boom = new Error('boom');
        await expect(
          store.transaction(async (t) => {
            expect(await t.putCourseLink(SITE, 'pottery', 1, { url: 'https://new.example' })).toBe(true);
            for (const id of ['p1', 'p2', 'p3']) await t.putSessionOverride(SITE, id, 0, linkOverride('https://new.example'));
            await t.upsertSession(SITE, session('p4', '2030-01-01T10:00:00.000Z', 'pottery'));
            await t.putTokens(tokens('zoom-1', 1));
            await t.ensureMeeting(meeting('p1', '2030-01-01T10:00:00.000Z'));
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await tx((t) => t.getCourseLink(SITE, 'pottery'))).toEqual({ value: { url: 'https://old.example' }, version: 1 });
        expect((await tx((t) => t.listSessionOverrides(SITE, ['p1', 'p2', 'p3']))).size).toBe(0);
        expect(await tx((t) => t.getSession(SITE, 'p4'))).toBeNull();
        expect(await tx((t) => t.getTokens('zoom-1'))).toBeNull();
        expect(await tx((t) => t.listMeetings(SITE))).toEqual([]);
      });

      it('a transaction sees its own writes before it commits', async () => {
        await tx(async (t) => {
          await t.putSettings(SITE, 0, zoom('z1'));
          expect(await t.getSettings(SITE)).toEqual({ value: zoom('z1'), version: 1 });
          expect(await t.putSettings(SITE, 1, zoom('z2'))).toBe(true);
          expect(await t.putSettings(SITE, 1, zoom('z3'))).toBe(false);
        });
        expect(await tx((t) => t.getSettings(SITE))).toEqual({ value: zoom('z2'), version: 2 });
      });

      it('getTokens({ lock }) serialises refreshes: 20 concurrent read-refresh-write cycles lose none (R23)', async () => {
        await tx((t) => t.putTokens(tokens('zoom-1', 0)));
        const seen = await Promise.all(
          Array.from({ length: 20 }, () =>
            store.transaction(async (t) => {
              const current = await t.getTokens('zoom-1', { lock: true });
              const n = Number(current?.refreshToken.replace('refresh-', ''));
              // A few round trips while holding the lock, as a refresh at Zoom would take.
              await t.getSettings(SITE);
              await t.getStaffAccount(SITE, 'anna');
              await t.putTokens(tokens('zoom-1', n + 1));
              return n;
            }),
          ),
        );
        // Each refresh used the token the previous one stored: 0, 1, …, 19, never the same one twice.
        expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
        expect((await tx((t) => t.getTokens('zoom-1')))?.refreshToken).toBe('refresh-20');
      });

      it.skipIf(options.serialisesTransactions)(
        'getTokens({ lock }) makes a second transaction wait until the first has committed',
        async () => {
          await tx((t) => t.putTokens(tokens('zoom-1', 0)));
          const locked = gate();
          const ready = gate();
          const go = gate();
          const release = gate();
          const order: string[] = [];
          const first = store.transaction(async (t) => {
            await t.getTokens('zoom-1', { lock: true });
            locked.open();
            await release.opened;
            await t.putTokens(tokens('zoom-1', 1));
            order.push('first wrote');
          });
          const second = store.transaction(async (t) => {
            await t.getSettings(SITE); // connected and inside its transaction
            ready.open();
            await go.opened;
            const read = await t.getTokens('zoom-1', { lock: true });
            order.push(`second read ${read?.refreshToken}`);
          });
          await Promise.all([locked.opened, ready.opened]);
          // The second asks for the lock while the first holds it, then the first goes on.
          go.open();
          order.push('release');
          release.open();
          await Promise.all([first, second]);
          expect(order).toEqual(['release', 'first wrote', 'second read refresh-1']);
        },
      );

      it.skipIf(options.serialisesTransactions)(
        'claimDueMeetings: claimers whose transactions overlap never get the same meeting (SKIP LOCKED)',
        async () => {
          const sid = (i: number) => `s${String(i).padStart(2, '0')}`;
          await tx(async (t) => {
            for (let i = 0; i < 30; i += 1) await t.ensureMeeting(meeting(sid(i), new Date(Date.UTC(2030, 0, 1, i)).toISOString()));
          });
          // Three workers, each claiming while the earlier ones still hold their rows.
          const release = gate();
          const claims: Promise<string[]>[] = [];
          for (let w = 0; w < 3; w += 1) {
            const claimed = gate();
            claims.push(
              store.transaction(async (t) => {
                const rows = await t.claimDueMeetings('2029-12-31T00:00:00.000Z', 10);
                claimed.open();
                await release.opened;
                return rows.map((m) => m.sessionId);
              }),
            );
            await claimed.opened;
          }
          release.open();
          expect(await Promise.all(claims)).toEqual([0, 10, 20].map((from) => Array.from({ length: 10 }, (_, i) => sid(from + i))));
        },
      );

      it('claimDueMeetings: workers that claim and finish concurrently handle each meeting once', async () => {
        await tx(async (t) => {
          for (let i = 0; i < 40; i += 1) await t.ensureMeeting(meeting(`m${i}`, new Date(Date.UTC(2030, 0, 2, 0, i)).toISOString()));
        });
        const handled = await Promise.all(
          Array.from({ length: 6 }, () =>
            store.transaction(async (t) => {
              const rows = await t.claimDueMeetings('2030-01-01T00:00:00.000Z', 5);
              for (const m of rows) {
                await t.updateMeeting(m.siteId, m.accountId, m.sessionId, {
                  status: 'ready',
                  joinUrl: `https://zoom.example/j/${m.sessionId}`,
                });
              }
              return rows.map((m) => m.sessionId);
            }),
          ),
        );
        const all = handled.flat();
        expect(all).toHaveLength(30);
        expect(new Set(all).size).toBe(30);
        const ready = (await tx((t) => t.listMeetings(SITE))).filter((m) => m.status === 'ready');
        expect(ready).toHaveLength(30);
      });
    });

    describe('Zoom records', () => {
      it('OAuth state: taken once, whatever the outcome (R19)', async () => {
        const record = state('s'.repeat(32), '2030-01-01T00:10:00.000Z');
        await tx((t) => t.insertOAuthState(record));
        expect(await tx((t) => t.takeOAuthState(record.state))).toEqual(record);
        expect(await tx((t) => t.takeOAuthState(record.state))).toBeNull();
        expect(await tx((t) => t.takeOAuthState('never-issued'))).toBeNull();
      });

      it('OAuth state: two concurrent takes, one gets it', async () => {
        const record = state('t'.repeat(32), '2030-01-01T00:10:00.000Z');
        await tx((t) => t.insertOAuthState(record));
        const taken = await Promise.all([0, 1, 2, 3].map(() => store.transaction((t) => t.takeOAuthState(record.state))));
        expect(taken.filter((r) => r !== null)).toEqual([record]);
      });

      it('OAuth state: a taken state is back when its transaction fails', async () => {
        const record = state('u'.repeat(32), '2030-01-01T00:10:00.000Z');
        await tx((t) => t.insertOAuthState(record));
        await expect(
          store.transaction(async (t) => {
            await t.takeOAuthState(record.state);
            throw new Error('exchange failed');
          }),
        ).rejects.toThrow('exchange failed');
        expect(await tx((t) => t.takeOAuthState(record.state))).toEqual(record);
      });

      it('deleteExpiredOAuthStates drops only states expired before now', async () => {
        await tx(async (t) => {
          await t.insertOAuthState(state('old-1'.padEnd(20, 'x'), '2030-01-01T00:00:00.000Z'));
          await t.insertOAuthState(state('old-2'.padEnd(20, 'x'), '2030-01-01T00:09:59.000Z'));
          await t.insertOAuthState(state('new-1'.padEnd(20, 'x'), '2030-01-01T00:10:01.000Z'));
        });
        expect(await tx((t) => t.deleteExpiredOAuthStates('2030-01-01T00:10:00.000Z'))).toBe(2);
        expect(await tx((t) => t.takeOAuthState('old-1'.padEnd(20, 'x')))).toBeNull();
        expect(await tx((t) => t.takeOAuthState('new-1'.padEnd(20, 'x')))).not.toBeNull();
        expect(await tx((t) => t.deleteExpiredOAuthStates('2030-01-01T00:10:00.000Z'))).toBe(0);
      });

      it('tokens: put replaces, delete removes', async () => {
        expect(await tx((t) => t.getTokens('zoom-1'))).toBeNull();
        await tx((t) => t.putTokens(tokens('zoom-1', 1)));
        await tx((t) => t.putTokens(tokens('zoom-2', 7, 'teams')));
        await tx((t) => t.putTokens(tokens('zoom-1', 2)));
        expect(await tx((t) => t.getTokens('zoom-1'))).toEqual(tokens('zoom-1', 2));
        expect(await tx((t) => t.getTokens('zoom-1', { lock: true }))).toEqual(tokens('zoom-1', 2));
        await tx((t) => t.deleteTokens('zoom-1'));
        await tx((t) => t.deleteTokens('zoom-1'));
        expect(await tx((t) => t.getTokens('zoom-1'))).toBeNull();
        // The account's provider is kept with its tokens (R31): the worker refreshes through that provider.
        expect(await tx((t) => t.getTokens('zoom-2'))).toEqual(tokens('zoom-2', 7, 'teams'));
      });

      it('meetings: ensure is idempotent, update patches, delete removes (R22)', async () => {
        const first = await tx((t) => t.ensureMeeting(meeting('s1', '2030-01-02T09:00:00.000Z')));
        expect(first).toEqual({
          ...meeting('s1', '2030-01-02T09:00:00.000Z'),
          // No provider given: Zoom's (every row from before providers were kept).
          provider: 'zoom',
          status: 'pending',
          zoomMeetingId: null,
          joinUrl: null,
          startUrl: null,
          password: null,
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
          createAttemptId: null,
          createAttemptAt: null,
        });
        // A meeting of another provider keeps it (R31).
        const google = await tx((t) =>
          t.ensureMeeting({ ...meeting('s9', '2030-01-02T09:00:00.000Z', 'google-1'), provider: 'google-meet' }),
        );
        expect(google.provider).toBe('google-meet');
        expect((await tx((t) => t.getMeeting(SITE, 'google-1', 's9')))?.provider).toBe('google-meet');
        await tx((t) => t.deleteMeeting(SITE, 'google-1', 's9'));
        // A retry, or a second worker, gets the stored row back and makes no second one.
        const again = await tx((t) => t.ensureMeeting({ ...meeting('s1', '2030-01-05T09:00:00.000Z'), topic: 'other' }));
        expect(again).toEqual(first);
        await tx((t) =>
          t.updateMeeting(SITE, 'zoom-1', 's1', {
            status: 'ready',
            zoomMeetingId: '8123',
            joinUrl: 'https://zoom.example/j/8123',
            startUrl: 'https://zoom.example/s/8123?zak=secret',
            password: 'abc',
            attempts: 1,
            nextAttemptAt: null,
            lastError: null,
            updatedAt: '2030-01-01T00:05:00.000Z',
          }),
        );
        const ready = await tx((t) => t.getMeeting(SITE, 'zoom-1', 's1'));
        expect(ready).toMatchObject({
          status: 'ready',
          zoomMeetingId: '8123',
          startUrl: 'https://zoom.example/s/8123?zak=secret',
          attempts: 1,
        });
        await tx((t) => t.updateMeeting(SITE, 'zoom-1', 's1', { start: '2030-01-03T09:00:00.000Z', status: 'pending' }));
        expect(await tx((t) => t.getMeeting(SITE, 'zoom-1', 's1'))).toMatchObject({
          start: '2030-01-03T09:00:00.000Z',
          status: 'pending',
          joinUrl: 'https://zoom.example/j/8123',
        });
        // A create attempt is stored as given and cleared with null.
        await tx((t) => t.updateMeeting(SITE, 'zoom-1', 's1', { createAttemptId: 'run-1', createAttemptAt: '2030-01-01T00:06:00.000Z' }));
        expect(await tx((t) => t.getMeeting(SITE, 'zoom-1', 's1'))).toMatchObject({
          createAttemptId: 'run-1',
          createAttemptAt: '2030-01-01T00:06:00.000Z',
        });
        await tx((t) => t.updateMeeting(SITE, 'zoom-1', 's1', { createAttemptId: null, createAttemptAt: null }));
        expect(await tx((t) => t.getMeeting(SITE, 'zoom-1', 's1'))).toMatchObject({ createAttemptId: null, createAttemptAt: null });
        await tx((t) => t.deleteMeeting(SITE, 'zoom-1', 's1'));
        await tx((t) => t.deleteMeeting(SITE, 'zoom-1', 's1'));
        expect(await tx((t) => t.getMeeting(SITE, 'zoom-1', 's1'))).toBeNull();
      });

      it('meetings: listed by site, sessions and account', async () => {
        await tx(async (t) => {
          await t.ensureMeeting(meeting('s2', '2030-01-02T10:00:00.000Z'));
          await t.ensureMeeting(meeting('s1', '2030-01-02T09:00:00.000Z'));
          await t.ensureMeeting(meeting('s1', '2030-01-02T09:00:00.000Z', 'zoom-2'));
          await t.ensureMeeting({ ...meeting('s1', '2030-01-02T09:00:00.000Z'), siteId: OTHER });
        });
        const key = (m: { sessionId: string; accountId: string }) => `${m.sessionId}/${m.accountId}`;
        expect((await tx((t) => t.listMeetings(SITE))).map(key).sort()).toEqual(['s1/zoom-1', 's1/zoom-2', 's2/zoom-1']);
        expect((await tx((t) => t.listMeetings(SITE, { sessionIds: ['s1'] }))).map(key).sort()).toEqual(['s1/zoom-1', 's1/zoom-2']);
        expect((await tx((t) => t.listMeetings(SITE, { accountId: 'zoom-1' }))).map(key).sort()).toEqual(['s1/zoom-1', 's2/zoom-1']);
        expect((await tx((t) => t.listMeetings(SITE, { sessionIds: ['s2'], accountId: 'zoom-2' }))).map(key)).toEqual([]);
        expect(await tx((t) => t.listMeetings(SITE, { sessionIds: [] }))).toEqual([]);
        expect((await tx((t) => t.listMeetings(OTHER))).map(key)).toEqual(['s1/zoom-1']);
      });

      it('claimDueMeetings: pending or deleting, due now, soonest session first, at most limit', async () => {
        await tx(async (t) => {
          await t.ensureMeeting(meeting('later', '2030-01-03T09:00:00.000Z'));
          await t.ensureMeeting(meeting('soon', '2030-01-02T09:00:00.000Z'));
          await t.ensureMeeting(meeting('ready', '2030-01-01T09:00:00.000Z'));
          await t.updateMeeting(SITE, 'zoom-1', 'ready', { status: 'ready' });
          await t.ensureMeeting(meeting('gone', '2030-01-02T12:00:00.000Z'));
          await t.updateMeeting(SITE, 'zoom-1', 'gone', { status: 'deleting' });
          await t.ensureMeeting(meeting('backoff', '2030-01-01T10:00:00.000Z'));
          await t.updateMeeting(SITE, 'zoom-1', 'backoff', { nextAttemptAt: '2030-01-01T00:30:00.000Z', attempts: 2 });
          await t.ensureMeeting(meeting('retry', '2030-01-01T11:00:00.000Z'));
          await t.updateMeeting(SITE, 'zoom-1', 'retry', { nextAttemptAt: '2030-01-01T00:10:00.000Z' });
        });
        const ids = async (now: string, limit: number) => (await tx((t) => t.claimDueMeetings(now, limit))).map((m) => m.sessionId);
        expect(await ids('2030-01-01T00:10:00.000Z', 10)).toEqual(['retry', 'soon', 'gone', 'later']);
        expect(await ids('2030-01-01T00:10:00.000Z', 2)).toEqual(['retry', 'soon']);
        expect(await ids('2030-01-01T01:00:00.000Z', 10)).toEqual(['backoff', 'retry', 'soon', 'gone', 'later']);
      });
    });

    describe('CalendarSource and CalendarSync (host data)', () => {
      const seed = () =>
        tx(async (t) => {
          await t.upsertSite({ id: SITE, name: 'Studio', plan: { id: 'business', name: 'Business', includesOnlineSessions: true } });
          await t.upsertMember(SITE, { userId: 'owner', name: 'Olivia', role: 'owner', staffId: null });
          await t.upsertMember(SITE, { userId: 'anna', name: 'Anna', role: 'staff', staffId: 'anna' });
          await t.upsertStaff(SITE, { id: 'anna', name: 'Anna', email: 'anna@studio.example' });
          await t.upsertStaff(SITE, { id: 'bram', name: 'Bram', email: 'bram@studio.example' });
          await t.upsertService(SITE, { id: 'yoga', name: 'Yoga', kind: 'class', online: true });
          await t.upsertService(SITE, { id: 'pottery', name: 'Pottery', kind: 'course', online: true });
          await t.upsertSession(SITE, session('y2', '2030-01-02T09:00:00.000Z', 'yoga', 'anna'));
          await t.upsertSession(SITE, session('y1', '2030-01-01T09:00:00.000Z', 'yoga', 'bram'));
          await t.upsertSession(SITE, session('p1', '2030-01-01T18:00:00.000Z', 'pottery', 'anna'));
          await t.upsertSession(SITE, session('p2', '2030-01-08T18:00:00.000Z', 'pottery', 'anna'));
          await t.upsertClient(SITE, { id: 'c1', name: 'Carla', email: 'carla@clients.example' });
          await t.upsertClient(SITE, { id: 'c2', name: 'Daan', email: 'daan@clients.example' });
          await t.upsertBooking(SITE, { id: 'b1', clientId: 'c1', serviceId: 'yoga', sessionId: 'y1' });
          await t.upsertBooking(SITE, { id: 'b2', clientId: 'c2', serviceId: 'pottery', sessionId: null });
          await t.upsertBooking(SITE, { id: 'b3', clientId: 'c2', serviceId: 'yoga', sessionId: 'y2' });
          await t.upsertSite({ id: OTHER, name: 'Annex', plan: { id: 'free', name: 'Free', includesOnlineSessions: false } });
          await t.upsertSession(OTHER, session('y1', '2030-01-01T09:00:00.000Z', 'yoga'));
        });

      it('reads back what was synced, per site', async () => {
        await seed();
        await tx(async (t) => {
          expect(await t.getSite(SITE)).toEqual({
            id: SITE,
            name: 'Studio',
            plan: { id: 'business', name: 'Business', includesOnlineSessions: true },
          });
          expect(await t.getSite('nope')).toBeNull();
          expect(await t.getMember(SITE, 'anna')).toEqual({ userId: 'anna', name: 'Anna', role: 'staff', staffId: 'anna' });
          expect(await t.getMember(OTHER, 'anna')).toBeNull();
          expect(await t.listStaff(SITE)).toEqual([
            { id: 'anna', name: 'Anna', email: 'anna@studio.example' },
            { id: 'bram', name: 'Bram', email: 'bram@studio.example' },
          ]);
          expect((await t.listServices(SITE)).map((s) => s.id)).toEqual(['yoga', 'pottery']);
          expect(await t.getService(SITE, 'pottery')).toEqual({ id: 'pottery', name: 'Pottery', kind: 'course', online: true });
          expect(await t.getService(OTHER, 'pottery')).toBeNull();
          expect(await t.getSession(SITE, 'y1')).toEqual(session('y1', '2030-01-01T09:00:00.000Z', 'yoga', 'bram'));
          expect(await t.listStaff(OTHER)).toEqual([]);
        });
      });

      it('listSessions: ordered by start, filtered by range [from, to), service and ids', async () => {
        await seed();
        await tx(async (t) => {
          const ids = async (q?: Parameters<typeof t.listSessions>[1]) => (await t.listSessions(SITE, q)).map((s) => s.id);
          expect(await ids()).toEqual(['y1', 'p1', 'y2', 'p2']);
          expect(await ids({ from: '2030-01-01T18:00:00.000Z', to: '2030-01-08T18:00:00.000Z' })).toEqual(['p1', 'y2']);
          // Offsets are instants, not strings: 19:00+01:00 is 18:00Z.
          expect(await ids({ from: '2030-01-01T19:00:00+01:00' })).toEqual(['p1', 'y2', 'p2']);
          expect(await ids({ serviceId: 'pottery' })).toEqual(['p1', 'p2']);
          expect(await ids({ ids: ['p2', 'y1', 'missing'] })).toEqual(['y1', 'p2']);
          expect(await ids({ ids: [] })).toEqual([]);
          expect((await t.listSessions(OTHER)).map((s) => s.id)).toEqual(['y1']);
        });
      });

      it('listBookings: of the given sessions, plus whole-course bookings of the given services; listClients by id', async () => {
        await seed();
        await tx(async (t) => {
          const ids = async (q: Parameters<typeof t.listBookings>[1]) => (await t.listBookings(SITE, q)).map((b) => b.id).sort();
          expect(await ids({ sessionIds: ['y1'] })).toEqual(['b1']);
          expect(await ids({ serviceIds: ['pottery'] })).toEqual(['b2']);
          expect(await ids({ serviceIds: ['yoga'] })).toEqual([]);
          expect(await ids({ sessionIds: ['y1', 'y2', 'p1'], serviceIds: ['pottery'] })).toEqual(['b1', 'b2', 'b3']);
          expect(await ids({})).toEqual([]);
          expect(await t.listBookings(SITE, { sessionIds: ['y1'] })).toEqual([
            { id: 'b1', clientId: 'c1', serviceId: 'yoga', sessionId: 'y1' },
          ]);
          expect(await t.listClients(SITE, ['c2', 'c9'])).toEqual([{ id: 'c2', name: 'Daan', email: 'daan@clients.example' }]);
          expect((await t.listClients(SITE, ['c2', 'c1'])).map((c) => c.id)).toEqual(['c2', 'c1']);
          expect(await t.listClients(SITE, [])).toEqual([]);
        });
      });

      it('getBooking: one booking by id, of this site only (the e-mails of a booking, R28)', async () => {
        await seed();
        await tx(async (t) => {
          expect(await t.getBooking(SITE, 'b1')).toEqual({ id: 'b1', clientId: 'c1', serviceId: 'yoga', sessionId: 'y1' });
          expect(await t.getBooking(SITE, 'b2')).toMatchObject({ id: 'b2', serviceId: 'pottery', sessionId: null });
          expect(await t.getBooking(SITE, 'b9')).toBeNull();
          expect(await t.getBooking('another-site', 'b1')).toBeNull();
        });
      });

      it('upserts are idempotent and replace; upsertSession returns the previous row (a moved session, R22)', async () => {
        await seed();
        await seed();
        await tx(async (t) => {
          expect(await t.listStaff(SITE)).toHaveLength(2);
          expect(await t.listSessions(SITE)).toHaveLength(4);
          expect(await t.listBookings(SITE, { sessionIds: ['y1', 'y2'], serviceIds: ['pottery'] })).toHaveLength(3);
          await t.upsertStaff(SITE, { id: 'anna', name: 'Anna de Vries', email: 'anna@new.example' });
          await t.upsertService(SITE, { id: 'yoga', name: 'Morning yoga', kind: 'class', online: false });
          await t.upsertMember(SITE, { userId: 'anna', name: 'Anna', role: 'owner', staffId: null });
          await t.upsertSite({ id: SITE, name: 'Studio Noord', plan: { id: 'free', name: 'Free', includesOnlineSessions: false } });
          await t.upsertClient(SITE, { id: 'c1', name: 'Carla Smit', email: 'carla@new.example' });
          await t.upsertBooking(SITE, { id: 'b1', clientId: 'c1', serviceId: 'yoga', sessionId: 'y2' });
        });
        const moved = session('y1', '2030-01-09T09:00:00.000Z', 'yoga', 'anna');
        expect(await tx((t) => t.upsertSession(SITE, moved))).toEqual(session('y1', '2030-01-01T09:00:00.000Z', 'yoga', 'bram'));
        expect(await tx((t) => t.upsertSession(SITE, moved))).toEqual(moved);
        expect(await tx((t) => t.upsertSession(SITE, session('new', '2030-01-05T09:00:00.000Z')))).toBeNull();
        await tx(async (t) => {
          expect((await t.listSessions(SITE)).map((s) => s.id)).toEqual(['p1', 'y2', 'new', 'p2', 'y1']);
          expect(await t.listStaff(SITE)).toEqual([
            { id: 'anna', name: 'Anna de Vries', email: 'anna@new.example' },
            { id: 'bram', name: 'Bram', email: 'bram@studio.example' },
          ]);
          expect(await t.getService(SITE, 'yoga')).toEqual({ id: 'yoga', name: 'Morning yoga', kind: 'class', online: false });
          expect(await t.getMember(SITE, 'anna')).toEqual({ userId: 'anna', name: 'Anna', role: 'owner', staffId: null });
          expect((await t.getSite(SITE))?.plan.includesOnlineSessions).toBe(false);
          expect(await t.listClients(SITE, ['c1'])).toEqual([{ id: 'c1', name: 'Carla Smit', email: 'carla@new.example' }]);
          expect((await t.listBookings(SITE, { sessionIds: ['y2'] })).map((b) => b.id).sort()).toEqual(['b1', 'b3']);
        });
      });

      it("a site's locale and time zone (R28): kept, replaced, cleared by an upsert without them, absent when never given", async () => {
        const plan = { id: 'business', name: 'Business', includesOnlineSessions: true };
        await tx((t) => t.upsertSite({ id: SITE, name: 'Studio', plan }));
        // Absent, not undefined or null: the SQL store answers what the memory store does.
        expect(await tx((t) => t.getSite(SITE))).toStrictEqual({ id: SITE, name: 'Studio', plan });
        await tx((t) => t.upsertSite({ id: SITE, name: 'Studio', plan, locale: 'nl', timeZone: 'Europe/Amsterdam' }));
        expect(await tx((t) => t.getSite(SITE))).toStrictEqual({
          id: SITE,
          name: 'Studio',
          plan,
          locale: 'nl',
          timeZone: 'Europe/Amsterdam',
        });
        await tx((t) => t.upsertSite({ id: SITE, name: 'Studio', plan, timeZone: 'America/New_York' }));
        expect(await tx((t) => t.getSite(SITE))).toStrictEqual({ id: SITE, name: 'Studio', plan, timeZone: 'America/New_York' });
        await tx((t) => t.upsertSite({ id: SITE, name: 'Studio', plan }));
        expect(await tx((t) => t.getSite(SITE))).toStrictEqual({ id: SITE, name: 'Studio', plan });
      });

      it('deletes remove one row, are idempotent, and deleteSession returns what was removed', async () => {
        await seed();
        await tx(async (t) => {
          await t.deleteMember(SITE, 'anna');
          await t.deleteStaff(SITE, 'bram');
          await t.deleteService(SITE, 'yoga');
          await t.deleteClient(SITE, 'c1');
          await t.deleteBooking(SITE, 'b1');
          expect(await t.deleteSession(SITE, 'p2')).toEqual(session('p2', '2030-01-08T18:00:00.000Z', 'pottery', 'anna'));
          expect(await t.deleteSession(SITE, 'p2')).toBeNull();
          await t.deleteMember(SITE, 'anna');
          await t.deleteStaff(SITE, 'nobody');
          await t.deleteBooking(SITE, 'b1');
        });
        await tx(async (t) => {
          expect(await t.getMember(SITE, 'anna')).toBeNull();
          expect(await t.getMember(SITE, 'owner')).not.toBeNull();
          expect((await t.listStaff(SITE)).map((s) => s.id)).toEqual(['anna']);
          expect((await t.listServices(SITE)).map((s) => s.id)).toEqual(['pottery']);
          expect(await t.listClients(SITE, ['c1', 'c2'])).toHaveLength(1);
          expect((await t.listBookings(SITE, { sessionIds: ['y1', 'y2'] })).map((b) => b.id)).toEqual(['b3']);
          expect((await t.listSessions(SITE)).map((s) => s.id)).toEqual(['y1', 'p1', 'y2']);
          expect(await t.listSessions(OTHER)).toHaveLength(1);
        });
      });

      it('deleteSite removes the site and its rows, not other sites', async () => {
        await seed();
        await tx((t) => t.putSettings(SITE, 0, zoom('z1')));
        await tx((t) => t.putSettings(OTHER, 0, zoom('z2')));
        await tx((t) => t.deleteSite(SITE));
        await tx((t) => t.deleteSite(SITE));
        await tx(async (t) => {
          expect(await t.getSite(SITE)).toBeNull();
          expect(await t.listSessions(SITE)).toEqual([]);
          expect(await t.getSettings(SITE)).toEqual({ value: null, version: 0 });
          expect(await t.getSite(OTHER)).not.toBeNull();
          expect(await t.getSettings(OTHER)).toMatchObject({ version: 1 });
          expect(await t.listSessions(OTHER)).toHaveLength(1);
        });
      });
    });
  });
}
