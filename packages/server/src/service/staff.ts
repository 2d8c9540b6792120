import { type CustomLink, type StaffMember, staffAccountBlocker } from '@session-links/core';
import { afterWrite, replacedAccount } from './after-write';
import { authorize, type Caller, type Env, type Params, read, run, type Tell } from './context';
import { conflict, notFound, refusal } from './errors';
import { redactStaff, viewerOfView } from './redaction';
import { customAccount, settingsOf, staffMembers, staffOfView } from './site';

/** Staff: the staff list (R18) and a staff member's own account. */
export function staffOperations(env: Env) {
  return {
    listStaff: async (caller: Caller, p: Params): Promise<StaffMember[]> => {
      const ctx = await read(env, caller, { siteId: p.siteId, resolution: true });
      authorize(ctx, 'listStaff');
      const viewer = viewerOfView(ctx);
      return staffOfView(ctx.view).map((m) => redactStaff(m, viewer));
    },

    setStaffCustomLink: (caller: Caller, p: Params, input: { link: CustomLink; version: number } & Tell): Promise<StaffMember> =>
      run(env, p.siteId, caller, async (ctx) => {
        const staffId = p.staffId as string;
        authorize(ctx, 'setStaffCustomLink', { staffId });
        ctx.tellClients = input.tellClients;
        const member = (await staffMembers(ctx)).find((s) => s.id === staffId);
        if (!member) throw notFound(`staff member ${staffId}`);
        const blocker = staffAccountBlocker({ plan: ctx.site.plan, defaultAccount: (await settingsOf(ctx)).value });
        if (blocker) throw refusal(blocker);
        const account = customAccount(staffId, input.link);
        if (!(await ctx.tx.putStaffAccount(ctx.site.id, staffId, input.version, account))) throw conflict();
        await replacedAccount(ctx, member.account, account);
        await afterWrite(ctx);
        return { ...member, account, version: input.version + 1 };
      }),

    removeStaffAccount: (caller: Caller, p: Params, input: { version: number } & Tell): Promise<StaffMember> =>
      run(env, p.siteId, caller, async (ctx) => {
        const staffId = p.staffId as string;
        authorize(ctx, 'removeStaffAccount', { staffId });
        ctx.tellClients = input.tellClients;
        const member = (await staffMembers(ctx)).find((s) => s.id === staffId);
        if (!member) throw notFound(`staff member ${staffId}`);
        if (!(await ctx.tx.putStaffAccount(ctx.site.id, staffId, input.version, null))) throw conflict();
        await replacedAccount(ctx, member.account, null);
        await afterWrite(ctx);
        return { ...member, account: null, version: input.version + 1 };
      }),
  };
}
