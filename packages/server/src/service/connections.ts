import {
  type Account,
  CONNECTED_PROVIDERS,
  type ConnectedProvider,
  type Connection,
  type ConnectionAuthorization,
  type ConnectionTarget,
  connectionTargetBlocker,
  type ProviderAvailability,
} from '@session-links/core';
import { codeChallengeS256, createCodeVerifier, randomToken } from '../oauth';
import { GatewayError, type ProviderGateway } from '../providers/gateway';
import { afterWrite, replacedAccount } from './after-write';
import { authorize, type Caller, type Ctx, configuredProvider, type Env, enter, type Params, read, run, type Tell } from './context';
import { conflict, notFound, refusal, ServiceError } from './errors';
import { settingsOf } from './site';

/** A provider connection's state lives 10 minutes (R19). */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

async function targetBlocked(ctx: Ctx, target: ConnectionTarget): Promise<void> {
  if (target.type === 'staff') {
    const staff = await ctx.tx.listStaff(ctx.site.id);
    if (!staff.some((s) => s.id === target.staffId)) throw notFound(`staff member ${target.staffId}`);
  }
  const settings = await settingsOf(ctx);
  const blocker = connectionTargetBlocker({ plan: ctx.site.plan, defaultAccount: settings.value }, target);
  if (blocker) throw refusal(blocker);
}

/** Connections: connecting a provider's account to the site default or a staff member (OAuth with PKCE, R19, R23, R31). */
export function connectionOperations(env: Env) {
  return {
    /** Which providers this server can connect (R27): widgets offer those, and tell the owner which are not set up. */
    listProviders: async (caller: Caller, p: Params): Promise<ProviderAvailability[]> => {
      const ctx = await read(env, caller, { siteId: p.siteId });
      authorize(ctx, 'listProviders');
      return CONNECTED_PROVIDERS.map((provider) => ({ provider, configured: env.providers[provider] !== undefined }));
    },

    startConnection: (
      caller: Caller,
      p: Params,
      input: { provider: ConnectedProvider; target: ConnectionTarget },
    ): Promise<ConnectionAuthorization> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'startConnection', { target: input.target });
        const { gateway } = configuredProvider(env, input.provider);
        await targetBlocked(ctx, input.target);
        const at = env.now();
        const state = randomToken(32);
        const codeVerifier = createCodeVerifier();
        await ctx.tx.insertOAuthState({
          state,
          siteId: ctx.site.id,
          userId: ctx.user.id,
          target: input.target,
          provider: input.provider,
          codeVerifier,
          origin: caller.origin,
          createdAt: at.toISOString(),
          expiresAt: new Date(at.getTime() + OAUTH_STATE_TTL_MS).toISOString(),
        });
        const { authorizeUrl, callbackOrigin } = await gateway.authorizationUrl({
          state,
          codeChallenge: await codeChallengeS256(codeVerifier),
          origin: caller.origin,
          userId: ctx.user.id,
        });
        return { authorizeUrl, state, callbackOrigin };
      }),

    completeConnection: async (
      caller: Caller,
      p: Params,
      input: { state: string; code: string; version: number } & Tell,
    ): Promise<Connection> => {
      // No provider configured at all: nothing could complete (R27), and no state is spent.
      if (Object.keys(env.providers).length === 0)
        throw new ServiceError('NOT_CONFIGURED', "No meeting provider is set up on this site's server", {
          reason: 'PROVIDER_NOT_CONFIGURED',
        });
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
            throw refusal('PROVIDER_STATE_MISMATCH');
          }
          authorize(ctx, 'completeConnection', { target: record.target });
          return { ok: true as const, record };
        } catch (error) {
          if (error instanceof ServiceError) return { ok: false as const, error };
          throw error;
        }
      });
      if (!checked.ok) throw checked.error;
      const { record } = checked;
      // The state says which provider it was started for (a state from before R31: Zoom).
      const provider = record.provider ?? 'zoom';
      const { gateway, tokens } = configuredProvider(env, provider);

      // 2. The provider, outside any transaction: the code and the verifier for tokens, then who they belong to.
      let granted: Awaited<ReturnType<ProviderGateway['exchangeCode']>>;
      let user: Awaited<ReturnType<ProviderGateway['getUser']>>;
      try {
        granted = await gateway.exchangeCode({ code: input.code, codeVerifier: record.codeVerifier });
        user = await gateway.getUser(granted.accessToken);
      } catch (error) {
        if (error instanceof GatewayError && (error.kind === 'denied' || error.kind === 'invalid_grant')) throw refusal('PROVIDER_DENIED');
        throw error;
      }

      // 3. The account, its tokens (sealed with the host's key, R23) and its meetings, together.
      const accountId = `${provider}-${randomToken(9)}`;
      const sealed = {
        ...(await tokens.seal({ siteId: p.siteId, accountId, zoomUserId: user.id, tokens: granted, now: env.now() })),
        provider,
      };
      return run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'completeConnection', { target: record.target });
        ctx.tellClients = input.tellClients;
        await targetBlocked(ctx, record.target);
        const account: Account = {
          id: accountId,
          kind: provider,
          health: 'connected',
          user: { email: user.email, name: user.name },
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
