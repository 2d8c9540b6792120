import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeZoomGateway } from '../src/providers/fakes/gateway';
import type { ScenarioName } from '../src/scenarios';
import { seedScenario } from '../src/seed';
import { composeReadView, type ReadViewRequest } from '../src/service/read-view';
import { openPgliteStore, openPostgresStore, recreateDatabase, type SqlStore } from '../src/store/sql';

// The SQL store answers a read view in one statement; the reference is the same view read
// through the Store contract (composeReadView, what the memory store does). They must agree
// on every scenario, for every user, for every shape of request.
const url = process.env.SESSION_LINKS_TEST_DATABASE_URL;
if (!url && process.env.CI) throw new Error('SESSION_LINKS_TEST_DATABASE_URL is not set: CI runs the PostgreSQL read-view tests');

const SCENARIOS: ScenarioName[] = ['zoom-default', 'custom-default', 'expired-staff-zoom', 'two-sites', 'hostile-text', 'no-plan'];
const USERS = ['owner', 'anna', 'bram', 'chris', 'nobody'];

function requests(siteId: string, userId: string, firstSession: { id: string; start: string } | undefined): ReadViewRequest[] {
  const wide = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };
  const out: ReadViewRequest[] = [
    { siteId, userId },
    { siteId, userId, settings: true },
    { siteId, userId, resolution: true },
    { siteId, userId, settings: true, resolution: true, sessions: wide },
    { siteId, userId, sessions: { from: '1990-01-01T00:00:00.000Z', to: '1990-01-02T00:00:00.000Z' } },
    { siteId, userId, settings: true, resolution: true, sessions: { ids: ['no-such-session'] } },
  ];
  if (firstSession) {
    const from = new Date(Date.parse(firstSession.start)).toISOString();
    const to = new Date(Date.parse(firstSession.start) + 86_400_000).toISOString();
    out.push(
      { siteId, userId, settings: true, resolution: true, sessions: { from, to } },
      // `to` is exclusive, `from` inclusive: a session starting exactly at `to` is left out.
      { siteId, userId, sessions: { from: '2000-01-01T00:00:00.000Z', to: from } },
      { siteId, userId, settings: true, resolution: true, sessions: { ids: [firstSession.id, 'no-such-session'] } },
    );
  }
  return out;
}

function agreement(name: string, open: () => Promise<SqlStore>) {
  describe(`read view on ${name}`, () => {
    let store: SqlStore;
    beforeAll(async () => {
      store = await open();
    }, 120_000);
    afterAll(() => store?.close());

    for (const scenario of SCENARIOS) {
      it(`${scenario}: one statement answers what the Store contract answers, for every user and request`, async () => {
        await store.truncate();
        await store.transaction(seedScenario(scenario, { zoom: createFakeZoomGateway() }));
        // A meeting on its way out is no link: make one, when the scenario has meetings.
        await store.transaction(async (tx) => {
          const [meeting] = await tx.listMeetings('site-studio');
          if (meeting) await tx.updateMeeting(meeting.siteId, meeting.accountId, meeting.sessionId, { status: 'deleting' });
        });
        let compared = 0;
        let sessionsSeen = 0;
        for (const siteId of ['site-studio', 'site-annex', 'no-such-site']) {
          const first = (await store.transaction((tx) => tx.listSessions(siteId)))[0];
          for (const userId of USERS) {
            for (const request of requests(siteId, userId, first)) {
              const expected = await store.transaction((tx) => composeReadView(tx, request));
              const direct = await store.readView(request);
              const inTransaction = await store.transaction((tx) => (tx as unknown as SqlStore).readView(request));
              expect(direct, JSON.stringify(request)).toEqual(expected);
              expect(inTransaction, JSON.stringify(request)).toEqual(expected);
              compared += 1;
              sessionsSeen += direct.sessions.length;
            }
          }
        }
        expect(compared).toBeGreaterThan(100);
        expect(sessionsSeen).toBeGreaterThan(0);
      });
    }
  });
}

agreement('PGlite', () => openPgliteStore({ dataDir: 'memory://' }));
describe.skipIf(!url)('PostgreSQL', () => {
  agreement('PostgreSQL', async () => openPostgresStore({ connectionString: await recreateDatabase(url as string, 'sl_read_view_test') }));
});
