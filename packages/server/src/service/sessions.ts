import {
  applicableMeetingAccount,
  overrideForChange,
  type ResolvedSession,
  resolveSessionLink,
  type Session,
  type SessionDetail,
  type SessionLinkChange,
} from '@session-links/core';
import { afterWrite } from './after-write';
import { authorize, type Caller, type Ctx, type Env, type Params, read, run } from './context';
import { conflict, notFound, refusal } from './errors';
import { redactResolution, shownResolution, type Viewer, viewerOf, viewerOfView } from './redaction';
import { load, type SiteParts, sessionById, siteParts, snapshotOfView } from './site';

/** Where an added meeting would come from, and its provider (R7, R31). */
function availableFrom(applicable: ReturnType<typeof applicableMeetingAccount>): SessionDetail['meetingAvailableFrom'] {
  return applicable ? { from: applicable.from, provider: applicable.account.kind } : null;
}

async function sessionDetail(ctx: Ctx, session: Session, viewer: Viewer, parts?: SiteParts): Promise<SessionDetail> {
  const { snapshot } = await load(ctx, [session.id], parts);
  return {
    session,
    resolution: await shownResolution(ctx.env, redactResolution(resolveSessionLink(session, snapshot), viewer), session.id),
    meetingAvailableFrom: availableFrom(applicableMeetingAccount(session, snapshot)),
  };
}

/** Sessions: the sessions with their resolved links, one session's detail, and a session's own link (R7, R10). */
export function sessionOperations(env: Env) {
  return {
    listSessions: async (caller: Caller, p: Params, query: { from: string; to: string }): Promise<ResolvedSession[]> => {
      const ctx = await read(env, caller, {
        siteId: p.siteId,
        settings: true,
        resolution: true,
        sessions: { from: query.from, to: query.to },
      });
      authorize(ctx, 'listSessions');
      const snapshot = snapshotOfView(ctx);
      const viewer = viewerOfView(ctx);
      return Promise.all(
        ctx.view.sessions.map(async (session) => ({
          session,
          resolution: await shownResolution(env, redactResolution(resolveSessionLink(session, snapshot), viewer), session.id),
        })),
      );
    },

    getSession: async (caller: Caller, p: Params): Promise<SessionDetail> => {
      const sessionId = p.sessionId as string;
      const ctx = await read(env, caller, { siteId: p.siteId, settings: true, resolution: true, sessions: { ids: [sessionId] } });
      authorize(ctx, 'getSession');
      const session = ctx.view.sessions[0];
      if (!session) throw notFound(`session ${sessionId}`);
      const snapshot = snapshotOfView(ctx);
      return {
        session,
        resolution: await shownResolution(env, redactResolution(resolveSessionLink(session, snapshot), viewerOfView(ctx)), session.id),
        meetingAvailableFrom: availableFrom(applicableMeetingAccount(session, snapshot)),
      };
    },

    setSessionLink: (caller: Caller, p: Params, input: { change: SessionLinkChange; version: number }): Promise<SessionDetail> =>
      run(env, p.siteId, caller, async (ctx) => {
        const session = await sessionById(ctx, p.sessionId as string);
        authorize(ctx, 'setSessionLink', { session });
        // A session's override changes no site-wide input: read them once for the decision, the meetings and the answer.
        const parts = await siteParts(ctx);
        const { snapshot } = await load(ctx, [session.id], parts);
        const decision = overrideForChange(session, snapshot, input.change);
        if (decision.blocker) throw refusal(decision.blocker);
        if (!(await ctx.tx.putSessionOverride(ctx.site.id, session.id, input.version, decision.override))) throw conflict();
        const saved: Session = { ...session, override: decision.override, version: input.version + 1 };
        await afterWrite(ctx, [saved], parts);
        // Inline mode may have marked an account expired while making meetings: read again then.
        return sessionDetail(ctx, saved, await viewerOf(ctx, env.inline ? undefined : parts), env.inline ? undefined : parts);
      }),
  };
}
