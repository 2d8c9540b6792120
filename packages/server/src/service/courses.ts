import {
  type CourseLinkState,
  type CourseLinkUpdate,
  type CustomLink,
  courseLinkBlocker,
  impactOfChange,
  type Service,
} from '@session-links/core';
import { afterWrite, meetingsToBeMade } from './after-write';
import { authorize, type Caller, type Env, type Params, read, run, type Tell } from './context';
import { conflict, notFound, refusal } from './errors';
import { redactImpact, shownImpact, viewerOf } from './redaction';
import { impactOptions, load, withOverrides } from './site';

/** Courses: the services, and a course's own link with what it changes (R6). */
export function courseOperations(env: Env) {
  return {
    listServices: async (caller: Caller, p: Params): Promise<Service[]> => {
      const ctx = await read(env, caller, { siteId: p.siteId, resolution: true });
      authorize(ctx, 'listServices');
      return ctx.view.services;
    },

    getCourseLink: (caller: Caller, p: Params): Promise<CourseLinkState> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'getCourseLink');
        const serviceId = p.serviceId as string;
        const service = await ctx.tx.getService(ctx.site.id, serviceId);
        if (!service) throw notFound(`service ${serviceId}`);
        const sessions = await ctx.tx.listSessions(ctx.site.id, { serviceId });
        const row = await ctx.tx.getCourseLink(ctx.site.id, serviceId);
        return {
          courseLink: { serviceId, link: row.value, version: row.version },
          sessionCount: sessions.length,
          blocker: courseLinkBlocker(ctx.site, service, sessions),
        };
      }),

    setCourseLink: (caller: Caller, p: Params, input: { link: CustomLink | null; version: number } & Tell): Promise<CourseLinkUpdate> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'setCourseLink');
        ctx.tellClients = input.tellClients;
        const serviceId = p.serviceId as string;
        const service = await ctx.tx.getService(ctx.site.id, serviceId);
        if (!service) throw notFound(`service ${serviceId}`);
        const ofCourse = await withOverrides(ctx, await ctx.tx.listSessions(ctx.site.id, { serviceId }));
        const blocker = courseLinkBlocker(ctx.site, service, ofCourse);
        if (blocker) throw refusal(blocker);
        const { snapshot, services } = await load(
          ctx,
          ofCourse.map((s) => s.id),
        );
        // R6: the answer names every session that changed, past and future, and who to tell.
        const propagation = impactOfChange(
          ofCourse,
          snapshot,
          { type: 'set-course-link', serviceId, link: input.link },
          await impactOptions(ctx, ofCourse, services),
        );
        if (!(await ctx.tx.putCourseLink(ctx.site.id, serviceId, input.version, input.link))) throw conflict();
        await afterWrite(ctx, ofCourse);
        return {
          courseLink: { serviceId, link: input.link, version: input.version + 1 },
          propagation: await shownImpact(env, redactImpact(meetingsToBeMade(propagation), await viewerOf(ctx))),
        };
      }),
  };
}
