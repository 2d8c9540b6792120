import {
  type CurrentUser,
  type CustomLink,
  type Impact,
  impactOfChange,
  type OnlineSettings,
  type SettingsChange,
} from '@session-links/core';
import { afterWrite, meetingsToBeMade, replacedAccount } from './after-write';
import { authorize, type Caller, type Env, type Params, read, run, type Tell } from './context';
import { conflict, refusal } from './errors';
import { redactImpact, viewerOf } from './redaction';
import { customAccount, impactOptions, load, sessionById, settingsOf, toSettings, withOverrides } from './site';

/** Settings and accounts: who the caller is, the site default (a custom link or none), and a settings change's preview (R6). */
export function settingsOperations(env: Env) {
  return {
    getMe: async (caller: Caller, p: Params): Promise<CurrentUser> => {
      const ctx = await read(env, caller, { siteId: p.siteId });
      authorize(ctx, 'getMe');
      return ctx.user;
    },

    getSettings: async (caller: Caller, p: Params): Promise<OnlineSettings> => {
      const ctx = await read(env, caller, { siteId: p.siteId, settings: true });
      authorize(ctx, 'getSettings');
      const { site, view } = ctx;
      return {
        siteId: site.id,
        plan: site.plan,
        defaultAccount: view.settings.value,
        notices: view.noticePolicy,
        version: view.settings.version,
      };
    },

    setDefaultCustomLink: (caller: Caller, p: Params, input: { link: CustomLink; version: number } & Tell): Promise<OnlineSettings> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'setDefaultCustomLink');
        ctx.tellClients = input.tellClients;
        if (!ctx.site.plan.includesOnlineSessions) throw refusal('PLAN_REQUIRED');
        const before = await settingsOf(ctx);
        const account = customAccount('default', input.link);
        if (!(await ctx.tx.putSettings(ctx.site.id, input.version, account))) throw conflict();
        await replacedAccount(ctx, before.value, account);
        await afterWrite(ctx);
        return toSettings(ctx, await settingsOf(ctx));
      }),

    disconnectDefault: (caller: Caller, p: Params, input: { version: number } & Tell): Promise<OnlineSettings> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'disconnectDefault');
        ctx.tellClients = input.tellClients;
        const before = await settingsOf(ctx);
        if (!(await ctx.tx.putSettings(ctx.site.id, input.version, null))) throw conflict();
        await replacedAccount(ctx, before.value, null);
        await afterWrite(ctx);
        return toSettings(ctx, await settingsOf(ctx));
      }),

    previewImpact: (caller: Caller, p: Params, change: SettingsChange): Promise<Impact> =>
      run(env, p.siteId, caller, async (ctx) => {
        // A session's link: the stored session's assigned staff member decides, as for setSessionLink (R10).
        const session = change.type === 'set-session-link' ? await sessionById(ctx, change.sessionId) : undefined;
        authorize(ctx, 'previewImpact', { change, session });
        const sessions = await withOverrides(ctx, await ctx.tx.listSessions(ctx.site.id));
        const { snapshot, services } = await load(ctx);
        const impact = impactOfChange(sessions, snapshot, change, await impactOptions(ctx, sessions, services));
        // R18: a preview is for deciding, not for starting a meeting: no start link in it, for anyone.
        return redactImpact(meetingsToBeMade(impact), await viewerOf(ctx), { hostUrls: false });
      }),
  };
}
