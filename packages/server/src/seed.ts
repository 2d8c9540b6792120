import { createSiteSnapshot, meetingNeeded } from '@session-links/core';
import { createFakeZoomGateway } from './providers/fakes/gateway';
import type { ZoomGateway, ZoomTokenSet } from './providers/gateway';
import { createZoomTokens, type ZoomTokens, zoomTokensFor } from './providers/gateway-tokens';
import { type ScenarioData, type ScenarioName, scenario } from './scenarios';
import { CALENDAR_ACTOR, recordLinkChanges } from './service/history';
import { processDueMeetings } from './service/meeting-worker';
import type { StoreTx } from './store/types';

/** Writes `value` so that it is stored at `version` (a put stores expected + 1): the seed's versions are the scenario's. */
async function putAt(put: (expected: number) => Promise<boolean>, version: number): Promise<void> {
  for (let v = 0; v < version; v++) {
    if (!(await put(v))) throw new Error(`Seeding found data already there (version ${v} expected)`);
  }
}

export interface SeedOptions {
  /**
   * Makes the Zoom meetings of every session whose link is one, as if the server had
   * made them earlier, through this gateway (the fake): a seeded demo shows links.
   * Without it they stay pending for the worker.
   */
  zoom?: ZoomGateway;
  /**
   * Connects the scenario's connected Zoom accounts for real instead: `connect` gets a Zoom
   * user and a token pair for each (the loopback fake issues them, see `fakeZoomSeedConnector`),
   * `seal` stores them encrypted like any connection's (R23), and their meetings are left
   * pending for the worker, which makes them at that Zoom. Wins over `zoom`.
   */
  connectZoom?: SeedZoomConnector;
  /** "Now" for the meetings' bookkeeping. */
  now?: Date;
}

/** Real tokens for seeded Zoom accounts. */
export interface SeedZoomConnector {
  connect(account: {
    siteId: string;
    accountId: string;
    email: string;
    name: string;
  }): Promise<{ zoomUserId: string; tokens: ZoomTokenSet }>;
  seal: ZoomTokens['seal'];
}

/** The Zoom accounts a scenario holds (default or staff), by site. */
export function scenarioZoomAccounts(data: ScenarioData): Array<{ siteId: string; accountId: string; email: string; health: string }> {
  const out: Array<{ siteId: string; accountId: string; email: string; health: string }> = [];
  for (const site of data.sites) {
    for (const a of [site.defaultAccount, ...site.staff.map((s) => s.account)]) {
      if (a?.kind === 'zoom') out.push({ siteId: site.id, accountId: a.id, email: a.user.email, health: a.health });
    }
  }
  return out;
}

/**
 * A seed for an empty store, through the Store interface (so it fills memory, PGlite and
 * PostgreSQL alike): host data through CalendarSync, session-links' own rows at the
 * scenario's versions, tokens for its connected Zoom accounts.
 */
export function seedFromData(data: ScenarioData, options: SeedOptions = {}): (tx: StoreTx) => Promise<void> {
  return async (tx) => {
    const now = options.now ?? new Date();
    const sealer = options.zoom ? zoomTokensFor(options.zoom) : createZoomTokens({ gateway: createFakeZoomGateway() });
    const users = new Map(data.users.map((u) => [u.id, u]));
    for (const site of data.sites) {
      const siteId = site.id;
      await tx.upsertSite({
        id: siteId,
        name: site.name,
        plan: site.plan,
        ...(site.locale === undefined ? {} : { locale: site.locale }),
        ...(site.timeZone === undefined ? {} : { timeZone: site.timeZone }),
      });
      for (const [userId, member] of Object.entries(site.members)) {
        await tx.upsertMember(siteId, { userId, name: users.get(userId)?.name ?? userId, role: member.role, staffId: member.staffId });
      }
      for (const s of site.staff) await tx.upsertStaff(siteId, { id: s.id, name: s.name, email: s.email });
      for (const s of site.services) await tx.upsertService(siteId, s);
      for (const s of site.sessions) {
        await tx.upsertSession(siteId, { id: s.id, serviceId: s.serviceId, staffId: s.staffId, start: s.start, end: s.end });
      }
      for (const c of site.clients) await tx.upsertClient(siteId, c);
      for (const b of site.bookings) await tx.upsertBooking(siteId, b);

      await putAt((v) => tx.putSettings(siteId, v, site.defaultAccount), site.settingsVersion);
      for (const s of site.staff) await putAt((v) => tx.putStaffAccount(siteId, s.id, v, s.account), s.version);
      for (const s of site.sessions) await putAt((v) => tx.putSessionOverride(siteId, s.id, v, s.override), s.version);
      for (const c of site.courseLinks) await putAt((v) => tx.putCourseLink(siteId, c.serviceId, v, c.link), c.version);
      for (const t of site.templates) await putAt((v) => tx.putTemplate(siteId, v, { ...t, version: v + 1 }), t.version);

      const zoomAccounts = [site.defaultAccount, ...site.staff.map((s) => s.account)].filter((a) => a?.kind === 'zoom');
      for (const account of zoomAccounts) {
        if (account?.kind !== 'zoom') continue;
        if (options.connectZoom) {
          // A real connection at that Zoom, for the accounts the scenario has connected.
          if (account.health !== 'connected') continue;
          const { zoomUserId, tokens } = await options.connectZoom.connect({
            siteId,
            accountId: account.id,
            email: account.user.email,
            name: account.user.name,
          });
          await tx.putTokens(await options.connectZoom.seal({ siteId, accountId: account.id, zoomUserId, tokens, now }));
          continue;
        }
        // Sealed like any connection's (R23), with the key of the gateway the seed is for.
        await tx.putTokens(
          await sealer.seal({
            siteId,
            accountId: account.id,
            zoomUserId: `fake-${account.id}`,
            tokens: {
              accessToken: `fake-access:${account.user.email}`,
              refreshToken: `fake-refresh:${account.user.email}`,
              expiresIn: 3600,
            },
            now,
          }),
        );
      }
      if (options.zoom || options.connectZoom) {
        const snapshot = createSiteSnapshot({
          plan: site.plan,
          defaultAccount: site.defaultAccount,
          services: site.services,
          staff: site.staff,
          courseLinks: site.courseLinks,
        });
        const names = new Map(site.services.map((s) => [s.id, s.name]));
        for (const s of site.sessions) {
          const accountId = meetingNeeded(s, snapshot);
          if (accountId === null) continue;
          await tx.ensureMeeting({
            siteId,
            accountId,
            sessionId: s.id,
            start: s.start,
            durationMinutes: Math.max(1, Math.round((Date.parse(s.end) - Date.parse(s.start)) / 60_000)),
            topic: names.get(s.serviceId) ?? 'Online session',
            updatedAt: now.toISOString(),
          });
        }
      }
    }
    if (options.zoom && !options.connectZoom) {
      // As the worker would have made them when every session was still upcoming (R22 makes none
      // for a session that has started): a seeded past session has its meeting.
      const firstStart = Math.min(now.getTime(), ...data.sites.flatMap((site) => site.sessions.map((s) => Date.parse(s.start))));
      await processDueMeetings(tx, options.zoom, new Date(firstStart - 60_000), { limit: Number.MAX_SAFE_INTEGER, tokens: sealer });
    }
    // R30: every session's link as seeded is its baseline, as the host's sync would have left it.
    for (const site of data.sites) {
      await recordLinkChanges(tx, site.id, { actor: CALENDAR_ACTOR, at: now, sessions: await tx.listSessions(site.id) });
    }
  };
}

/** A seed with one of the named scenarios (site `site-studio`, users `owner`, `anna`, `bram`, `chris`), placed around `now`. */
export function seedScenario(name: ScenarioName, options: SeedOptions = {}): (tx: StoreTx) => Promise<void> {
  return seedFromData(scenario(name, options.now ?? new Date()), options);
}

/** The parts of the loopback fake Zoom (`startFakeZoom`) a seed needs. */
export interface FakeZoomForSeed {
  registerUser(user: { id: string; accountId: string; email: string; firstName: string; lastName: string }): void;
  issueTokens(userId: string): { access_token: string; refresh_token: string; expires_in: number };
}

/**
 * Seeded Zoom accounts connected at the loopback fake Zoom (`--zoom fake`): each becomes a
 * user there with a token pair the fake issued, sealed with `tokenKey` (the server's), so
 * the demo's Zoom accounts are healthy and the worker makes their meetings at the fake.
 */
export function fakeZoomSeedConnector(fake: FakeZoomForSeed, tokenKey: string): SeedZoomConnector {
  const tokens = createZoomTokens({ gateway: createFakeZoomGateway(), tokenKey });
  return {
    seal: tokens.seal,
    async connect({ accountId, email, name }) {
      const [firstName = name, ...rest] = name.split(' ');
      const id = `fz-seed-${accountId}`;
      fake.registerUser({ id, accountId: 'fz-account-seed', email, firstName, lastName: rest.join(' ') });
      const issued = fake.issueTokens(id);
      return {
        zoomUserId: id,
        tokens: { accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresIn: issued.expires_in },
      };
    },
  };
}
