import {
  AUTOMATION_IDS,
  type AutomationId,
  type AutomationSummary,
  defaultTemplate,
  joinSectionStatus,
  resetTemplate,
  type Template,
} from '@session-links/core';
import { authorize, type Caller, type Ctx, type Env, type Params, run } from './context';
import { conflict } from './errors';

async function templateOf(ctx: Ctx, automationId: AutomationId): Promise<Template> {
  return (await ctx.tx.getTemplate(ctx.site.id, automationId)) ?? defaultTemplate(automationId, 'en', 0);
}

/** Templates: the automations' e-mail templates and their join section. */
export function templateOperations(env: Env) {
  return {
    listAutomations: (caller: Caller, p: Params): Promise<AutomationSummary[]> =>
      run(env, p.siteId, caller, async (ctx) => {
        authorize(ctx, 'listAutomations');
        const stored = new Map((await ctx.tx.listTemplates(ctx.site.id)).map((t) => [t.automationId, t]));
        return AUTOMATION_IDS.map((id) => {
          const template = stored.get(id) ?? defaultTemplate(id, 'en', 0);
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
        const current = await templateOf(ctx, p.automationId as AutomationId);
        const next: Template = { ...resetTemplate(current), version: input.version + 1 };
        if (!(await ctx.tx.putTemplate(ctx.site.id, input.version, next))) throw conflict();
        return next;
      }),
  };
}
