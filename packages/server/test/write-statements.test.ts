import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeZoomGateway } from '../src/providers/fakes/gateway';
import { MAIN_SITE } from '../src/scenarios';
import { seedScenario } from '../src/seed';
import { createService } from '../src/service';
import { openPgliteStore, type SqlStore } from '../src/store/sql';

// What a write costs in statements, not in time (the benchmark, `pnpm bench:server`, times it):
// one session's link change once read the site-wide inputs of resolution three times.
let store: SqlStore;
const statements: string[] = [];
let recording = false;

beforeAll(async () => {
  store = await openPgliteStore({
    dataDir: 'memory://',
    log: (event) => {
      if (recording && event.level === 'query') statements.push(event.query.sql);
    },
  });
  const zoom = createFakeZoomGateway();
  await store.transaction(seedScenario('custom-default', { zoom }));
}, 120_000);
afterAll(async () => {
  await store.close();
});

describe('write statements', () => {
  it("one session's link change reads settings, staff, services and course links once, and answers as a read does", async () => {
    const service = createService({ store, zoom: createFakeZoomGateway() });
    const caller = { userId: 'owner', origin: 'http://localhost' };
    const p = { siteId: MAIN_SITE };
    const [first] = await service.operations.listSessions(caller, p, { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' });
    if (!first) throw new Error('the scenario has no session');
    const sessionId = first.session.id;
    recording = true;
    const detail = await service.operations.setSessionLink(
      caller,
      { ...p, sessionId },
      { change: { kind: 'custom', link: { url: 'https://meet.google.com/one-two-three' } }, version: first.session.version },
    );
    recording = false;
    const reads = (table: string) =>
      statements.filter((s) => new RegExp(`^select .* from "${table}" where "site_id" = \\$1 order by`).test(s));
    for (const table of ['host_services', 'sl_course_links', 'host_staff', 'sl_staff_accounts'])
      expect(reads(table), table).toHaveLength(1);
    expect(statements.filter((s) => /^select .* from "sl_settings"/.test(s))).toHaveLength(1);
    expect(detail).toEqual(await service.operations.getSession(caller, { ...p, sessionId }));
    expect(detail.resolution).toMatchObject({ status: 'linked', link: { guestUrl: 'https://meet.google.com/one-two-three' } });
  });
});
