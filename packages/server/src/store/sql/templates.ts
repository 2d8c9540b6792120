import type { AutomationId, Template } from '@session-links/core';
import type { Transaction } from 'kysely';
import { putVersioned } from './rows';
import type { Database } from './schema';

/** The automations' templates. */
export function templateRows(trx: Transaction<Database>) {
  return {
    async getTemplate(siteId: string, automationId: AutomationId): Promise<Template | null> {
      const row = await trx
        .selectFrom('sl_templates')
        .select(['template', 'version'])
        .where('site_id', '=', siteId)
        .where('automation_id', '=', automationId)
        .executeTakeFirst();
      return row ? { ...(row.template as Omit<Template, 'version'>), version: row.version } : null;
    },

    async listTemplates(siteId: string): Promise<Template[]> {
      const rows = await trx
        .selectFrom('sl_templates')
        .select(['template', 'version'])
        .where('site_id', '=', siteId)
        .orderBy('automation_id')
        .execute();
      return rows.map((r) => ({ ...(r.template as Omit<Template, 'version'>), version: r.version }));
    },

    putTemplate(siteId: string, expectedVersion: number, template: Template): Promise<boolean> {
      const { version: _version, ...body } = template;
      return putVersioned(
        trx,
        'sl_templates',
        { site_id: siteId, automation_id: template.automationId },
        'template',
        body,
        expectedVersion,
      );
    },
  };
}
