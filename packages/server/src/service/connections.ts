import { type Account, type ZoomAuthorization, type ZoomConnection, type ZoomTarget, zoomTargetBlocker } from '@session-links/core';
import { codeChallengeS256, createCodeVerifier, randomToken } from '../oauth';
import type { ZoomGateway } from '../providers/gateway';
import { ZoomGatewayError } from '../providers/gateway';
import { afterWrite, replacedAccount } from './after-write';
import { authorize, type Caller, type Ctx, configuredZoom, type Env, enter, type Params, run, type Tell } from './context';
import { conflict, notFound, refusal, ServiceError } from './errors';
import { settingsOf } from './site';

/** A Zoom connection's state lives 10 minutes (R19). */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

async function targetBlocked(ctx: Ctx, target: ZoomTarget): Promise<void> {
  if (target.type === 'staff') {
    const staff = await ctx.tx.listStaff(ctx.site.id);
    if (!staff.some((s) => s.id === target.staffId)) throw notFound(`staff member ${target.staffId}`);
  }
  const settings = await settingsOf(ctx);
  const blocker = zoomTargetBlocker({ plan: ctx.site.plan, defaultAccount: settings.value }, target);
  if (blocker) throw refusal(blocker);
}

/** Connections: connecting a Zoom account to the site default or a staff member (OAuth with PKCE, R19, R23). */
export function connectionOperations(env: Env) {
  return {
    startZoomConnection: (caller: Caller, p: Params, input: { target: ZoomTarget }): Promise<ZoomAuthorization> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'startZoomConnection', { target: input.target });
        const { zoom } = configuredZoom(env);
        await targetBlocked(ctx, input.target);
        const at = env.now();
        const state = randomToken(32);
        const codeVerifier = createCodeVerifier();
        await ctx.tx.insertOAuthState({
          state,
          siteId: ctx.site.id,
          userId: ctx.user.id,
          target: input.target,
          codeVerifier,
          origin: caller.origin,
          createdAt: at.toISOString(),
          expiresAt: new Date(at.getTime() + OAUTH_STATE_TTL_MS).toISOString(),
        });
        const { authorizeUrl, callbackOrigin } = await zoom.authorizationUrl({
          state,
          codeChallenge: await codeChallengeS256(codeVerifier),
          origin: caller.origin,
          userId: ctx.user.id,
        });
        return { authorizeUrl, state, callbackOrigin };
      }),

    completeZoomConnection: async (
      caller: Caller,
      p: Params,
      input: { state: string; code: string; version: number } & Tell,
    ): Promise<ZoomConnection> => {
      const { zoom, tokens } = configuredZoom(env);
      // 1. Spend the state, whatever comes next (R19): this transaction commits even when the completion is refused.
      const checked = await env.store.transaction(async (tx) => {
        const record = await tx.takeOAuthState(input.state);
        try {
          const ctx = await enter(env, tx, p.siteId, caller.userId);
          if (
            !record ||
            record.siteId !== ctx.site.id ||
            record.userId !== ctx.user.id ||
            Date.parse(record.expiresAt) <= env.now().getTime()
          ) {
            throw refusal('ZOOM_STATE_MISMATCH');
          }
          authorize(ctx, 'completeZoomConnection', { target: record.target });
          return { ok: true as const, record };
        } catch (error) {
          if (error instanceof ServiceError) return { ok: false as const, error };
          throw error;
        }
      });
      if (!checked.ok) throw checked.error;
      const { record } = checked;

      // 2. Zoom, outside any transaction: the code and the verifier for tokens, then who they belong to.
      let zoomTokens: Awaited<ReturnType<ZoomGateway['exchangeCode']>>;
      let zoomUser: Awaited<ReturnType<ZoomGateway['getUser']>>;
      try {
        zoomTokens = await zoom.exchangeCode({ code: input.code, codeVerifier: record.codeVerifier });
        zoomUser = await zoom.getUser(zoomTokens.accessToken);
      } catch (error) {
        if (error instanceof ZoomGatewayError && (error.kind === 'denied' || error.kind === 'invalid_grant')) throw refusal('ZOOM_DENIED');
        throw error;
      }

      // 3. The account, its tokens (sealed with the host's key, R23) and its meetings, together.
      const accountId = `zoom-${randomToken(9)}`;
      const sealed = await tokens.seal({ siteId: p.siteId, accountId, zoomUserId: zoomUser.id, tokens: zoomTokens, now: env.now() });
      return run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'completeZoomConnection', { target: record.target });
        ctx.tellClients = input.tellClients;
        await targetBlocked(ctx, record.target);
        const account: Account = {
          id: accountId,
          kind: 'zoom',
          health: 'connected',
          zoomUser: { email: zoomUser.email, name: zoomUser.name },
        };
        let before: Account | null;
        if (record.target.type === 'default') {
          before = (await settingsOf(ctx)).value;
          if (!(await ctx.tx.putSettings(ctx.site.id, input.version, account))) throw conflict();
        } else {
          before = (await ctx.tx.getStaffAccount(ctx.site.id, record.target.staffId)).value;
          if (!(await ctx.tx.putStaffAccount(ctx.site.id, record.target.staffId, input.version, account))) throw conflict();
        }
        await ctx.tx.putTokens(sealed);
        await replacedAccount(ctx, before, account);
        await afterWrite(ctx);
        return { target: record.target, account };
      });
    },
  };
}
