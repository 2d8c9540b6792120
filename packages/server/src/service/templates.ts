import {
  AUTOMATION_IDS,
  type AutomationId,
  type AutomationSummary,
  defaultTemplate,
  isTimeZone,
  joinSectionStatus,
  type Locale,
  type Template,
} from '@session-links/core';
import type { HostSite } from '../store/types';
import { authorize, type Caller, type Ctx, type Env, type Params, run } from './context';
import { conflict } from './errors';

/** The language a site's e-mails are written in by default (R28): the one the host synced, else English. */
export const siteLocale = (site: Pick<HostSite, 'locale'>): Locale => site.locale ?? 'en';

/**
 * The IANA time zone a site's e-mails write a start in (R28): the one the host synced, else UTC
 * (also for a zone this runtime does not know, which a host's own CalendarSource could hand over).
 */
export const siteTimeZone = (site: Pick<HostSite, 'timeZone'>): string =>
  site.timeZone !== undefined && isTimeZone(site.timeZone) ? site.timeZone : 'UTC';

/** An automation's template for a site that never saved one: the default, in the site's language (a Dutch site's e-mails are Dutch). */
export const siteDefaultTemplate = (site: Pick<HostSite, 'locale'>, automationId: AutomationId): Template =>
  defaultTemplate(automationId, siteLocale(site), 0);

async function templateOf(ctx: Ctx, automationId: AutomationId): Promise<Template> {
  return (await ctx.tx.getTemplate(ctx.site.id, automationId)) ?? siteDefaultTemplate(ctx.site, automationId);
}

/** Templates: the automations' e-mail templates and their join section. */
export function templateOperations(env: Env) {
  return {
    listAutomations: (caller: Caller, p: Params): Promise<AutomationSummary[]> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'listAutomations');
        const stored = new Map((await ctx.tx.listTemplates(ctx.site.id)).map((t) => [t.automationId, t]));
        return AUTOMATION_IDS.map((id) => {
          const template = stored.get(id) ?? siteDefaultTemplate(ctx.site, id);
          return { id, joinSection: joinSectionStatus(template), version: template.version };
        });
      }),

    getTemplate: (caller: Caller, p: Params): Promise<Template> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'getTemplate');
        return templateOf(ctx, p.automationId as AutomationId);
      }),

    saveTemplate: (caller: Caller, p: Params, input: Pick<Template, 'subject' | 'body' | 'joinOnline' | 'version'>): Promise<Template> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'saveTemplate');
        const current = await templateOf(ctx, p.automationId as AutomationId);
        const next: Template = {
          ...current,
          subject: input.subject,
          body: input.body,
          joinOnline: { elements: [...new Set(input.joinOnline.elements)] },
          version: input.version + 1,
        };
        if (!(await ctx.tx.putTemplate(ctx.site.id, input.version, next))) throw conflict();
        return next;
      }),

    resetTemplate: (caller: Caller, p: Params, input: { version: number }): Promise<Template> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'resetTemplate');
        // The default of the site's language: a template saved in another (before the host gave the site its locale) comes back in the site's.
        const next: Template = { ...siteDefaultTemplate(ctx.site, p.automationId as AutomationId), version: input.version + 1 };
        if (!(await ctx.tx.putTemplate(ctx.site.id, input.version, next))) throw conflict();
        return next;
      }),
  };
}
