'use client';
import type { Impact, StaffMember } from '@session-links/core';
import { useId } from 'react';
import { useWidgetMessages } from '../context/use-widget-messages';
import { useMe, useServices, useStaff } from '../hooks';
import { TellClientsCheckbox } from './tell-clients';

export interface ImpactSummaryProps {
  impact: Impact | undefined;
  isPending: boolean;
  isError: boolean;
  staff?: readonly Pick<StaffMember, 'id' | 'name'>[];
}

/**
 * What a change will touch (R16): sessions that lose or change their link, staff, and clients to tell.
 * One session is named in its sentence and one staff member in theirs (the signed-in one as "your"),
 * so nothing is said twice; several are counted, then listed.
 */
export function ImpactSummary({ impact, isPending, isError, staff: staffProp }: ImpactSummaryProps) {
  const t = useWidgetMessages('ImpactSummary');
  const id = useId();
  // Names, not ids: the staff and services lists are already cached by the widgets around.
  const staffQuery = useStaff();
  const services = useServices();
  const me = useMe();
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
  // What the sentences say is what the list shows: upcoming sessions only (a past one keeps its history).
  const sessions = impact.sessions.filter((s) => !s.past);
  const counts = { lost: 0, changed: 0, gained: 0 };
  for (const s of sessions) counts[s.change]++;
  const serviceOf = (serviceId: string) => services.data?.find((x) => x.id === serviceId)?.name ?? t('impact.someService');
  const only = sessions.length === 1 ? sessions[0] : undefined;
  const staffIds = impact.staffNoLongerUsingOwnAccount;
  const nameOf = (staffId: string) => staff.find((s) => s.id === staffId)?.name ?? t('impact.someStaff');
  const onlyStaff = staffIds.length === 1 ? staffIds[0] : undefined;
  let staffLine: string | null = null;
  if (onlyStaff !== undefined) {
    staffLine = me.data?.staffId === onlyStaff ? t('impact.single.staffSelf') : t('impact.single.staff', { name: nameOf(onlyStaff) });
  } else if (staffIds.length > 1) staffLine = t('impact.staff', { names: staffIds.map(nameOf).join(', ') });
  return (
    <div className="sl-impact" data-state="ready">
      <ul>
        {only ? (
          <li data-impact={only.change}>
            {t(`impact.single.${only.change}`, { service: serviceOf(only.serviceId), date: t.date(only.start) })}
          </li>
        ) : (
          <>
            {counts.lost > 0 ? <li data-impact="lost">{t.plural('impact.lost', counts.lost)}</li> : null}
            {counts.changed > 0 ? <li data-impact="changed">{t.plural('impact.changed', counts.changed)}</li> : null}
            {counts.gained > 0 ? <li data-impact="gained">{t.plural('impact.gained', counts.gained)}</li> : null}
            {sessions.length === 0 ? <li data-impact="none">{t('impact.none')}</li> : null}
          </>
        )}
        {staffLine ? <li data-impact="staff">{staffLine}</li> : null}
      </ul>
      {sessions.length > 1 ? (
        <>
          <p id={`${id}-sessions`}>{t('impact.sessions')}</p>
          <ul className="sl-impact-sessions" data-impact="sessions" aria-labelledby={`${id}-sessions`}>
            {sessions.map((s) => (
              <li key={s.sessionId} data-change={s.change}>
                {serviceOf(s.serviceId)} · <bdi>{t.date(s.start)}</bdi>
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
          {/* R29: inside a confirmation that offers it, one "Tell them now" for all of them. */}
          <TellClientsCheckbox />
        </>
      ) : null}
    </div>
  );
}
