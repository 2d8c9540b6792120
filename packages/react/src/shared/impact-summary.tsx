'use client';
import type { Impact, StaffMember } from '@session-links/core';
import { useSessionLinks } from '../provider';

export interface ImpactSummaryProps {
  impact: Impact | undefined;
  isPending: boolean;
  isError: boolean;
  staff?: readonly Pick<StaffMember, 'id' | 'name'>[];
}

/** What a change will touch (R16): sessions that lose or change their link, staff, and clients to tell. */
export function ImpactSummary({ impact, isPending, isError, staff = [] }: ImpactSummaryProps) {
  const { t } = useSessionLinks('ImpactSummary');
  if (isPending) {
    return (
      <p className="sl-impact" data-state="loading" role="status">
        {t('impact.loading')}
      </p>
    );
  }
  if (isError || !impact) {
    return (
      <p className="sl-impact" data-state="error" role="alert">
        {t('impact.error')}
      </p>
    );
  }
  const { counts } = impact;
  const names = impact.staffNoLongerUsingOwnAccount.map((id) => staff.find((s) => s.id === id)?.name ?? id);
  return (
    <div className="sl-impact" data-state="ready">
      <ul>
        {counts.lost > 0 ? <li data-impact="lost">{t.plural('impact.lost', counts.lost)}</li> : null}
        {counts.changed > 0 ? <li data-impact="changed">{t.plural('impact.changed', counts.changed)}</li> : null}
        {counts.lost + counts.changed === 0 ? <li data-impact="none">{t('impact.none')}</li> : null}
        {names.length > 0 ? <li data-impact="staff">{t('impact.staff', { names: names.join(', ') })}</li> : null}
      </ul>
      {impact.clientsToNotify.length > 0 ? (
        <>
          <p>{t.plural('impact.clients', impact.clientsToNotify.length)}</p>
          <ul className="sl-clients" data-impact="clients">
            {impact.clientsToNotify.map((c) => (
              <li key={c.id}>
                {c.name} &lt;{c.email}&gt;
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
