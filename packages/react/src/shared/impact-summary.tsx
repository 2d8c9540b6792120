'use client';
import type { Impact, StaffMember } from '@session-links/core';
import { useId } from 'react';
import { useServices, useStaff } from '../hooks';
import { useWidgetMessages } from './i18n';

export interface ImpactSummaryProps {
  impact: Impact | undefined;
  isPending: boolean;
  isError: boolean;
  staff?: readonly Pick<StaffMember, 'id' | 'name'>[];
}

/** What a change will touch (R16): sessions that lose or change their link, staff, and clients to tell. */
export function ImpactSummary({ impact, isPending, isError, staff: staffProp }: ImpactSummaryProps) {
  const t = useWidgetMessages('ImpactSummary');
  const id = useId();
  // Names, not ids: the staff and services lists are already cached by the widgets around.
  const staffQuery = useStaff();
  const services = useServices();
  const staff = staffProp ?? staffQuery.data ?? [];
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
  const names = impact.staffNoLongerUsingOwnAccount.map((staffId) => staff.find((s) => s.id === staffId)?.name ?? t('impact.someStaff'));
  const sessions = impact.sessions.filter((s) => !s.past);
  return (
    <div className="sl-impact" data-state="ready">
      <ul>
        {counts.lost > 0 ? <li data-impact="lost">{t.plural('impact.lost', counts.lost)}</li> : null}
        {counts.changed > 0 ? <li data-impact="changed">{t.plural('impact.changed', counts.changed)}</li> : null}
        {counts.gained > 0 ? <li data-impact="gained">{t.plural('impact.gained', counts.gained)}</li> : null}
        {counts.lost + counts.changed + counts.gained === 0 ? <li data-impact="none">{t('impact.none')}</li> : null}
        {names.length > 0 ? <li data-impact="staff">{t('impact.staff', { names: names.join(', ') })}</li> : null}
      </ul>
      {sessions.length > 0 ? (
        <>
          <p id={`${id}-sessions`}>{t('impact.sessions')}</p>
          <ul className="sl-impact-sessions" data-impact="sessions" aria-labelledby={`${id}-sessions`}>
            {sessions.map((s) => (
              <li key={s.sessionId} data-change={s.change}>
                {services.data?.find((x) => x.id === s.serviceId)?.name ?? t('impact.someService')} · {t.date(s.start)}
                {' — '}
                {t(`impact.session.${s.change}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
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
