import { impactOfChange, type ServiceVideo, type ServiceVideoUpdate, serviceVideoBlocker } from '@session-links/core';
import { afterWrite, meetingsToBeMade } from './after-write';
import { authorize, type Caller, type Env, type Params, run, type Tell } from './context';
import { conflict, notFound, refusal } from './errors';
import { redactImpact, shownImpact, viewerOf } from './redaction';
import { impactOptions, load, withOverrides } from './site';

/**
 * A service's video-conferencing switch (R1, R8, R16). `online` is the host's service
 * field: the switch writes it in the database-backed calendar with its version, and the
 * host's next sync of the service stands over it (the host owns services).
 */
export function serviceVideoOperations(env: Env) {
  return {
    getServiceVideo: (caller: Caller, p: Params): Promise<ServiceVideo> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'getServiceVideo');
        const serviceId = p.serviceId as string;
        const row = await ctx.tx.getServiceVideo(ctx.site.id, serviceId);
        if (!row) throw notFound(`service ${serviceId}`);
        return { serviceId, online: row.value, version: row.version };
      }),

    setServiceVideo: (caller: Caller, p: Params, input: { online: boolean; version: number } & Tell): Promise<ServiceVideoUpdate> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'setServiceVideo');
        ctx.tellClients = input.tellClients;
        const serviceId = p.serviceId as string;
        if (!(await ctx.tx.getServiceVideo(ctx.site.id, serviceId))) throw notFound(`service ${serviceId}`);
        const blocker = serviceVideoBlocker(ctx.site);
        if (blocker) throw refusal(blocker);
        const ofService = await withOverrides(ctx, await ctx.tx.listSessions(ctx.site.id, { serviceId }));
        const { snapshot, services } = await load(
          ctx,
          ofService.map((s) => s.id),
        );
        // R16: which upcoming sessions gain or lose a link, and the booked clients holding the old one.
        const impact = impactOfChange(
          ofService,
          snapshot,
          { type: 'set-service-online', serviceId, online: input.online },
          await impactOptions(
            ctx,
            ofService,
            services.filter((s) => s.id === serviceId),
          ),
        );
        if (!(await ctx.tx.putServiceOnline(ctx.site.id, serviceId, input.version, input.online))) throw conflict();
        await afterWrite(ctx, ofService);
        return {
          video: { serviceId, online: input.online, version: input.version + 1 },
          impact: await shownImpact(env, redactImpact(meetingsToBeMade(impact), await viewerOf(ctx))),
        };
      }),
  };
}
