'use client';
import * as Dialog from '@radix-ui/react-dialog';
import { type CurrentUser, canPerform, type ResolvedSession } from '@session-links/core';
import { memo, type UIEvent, useId, useMemo, useState } from 'react';
import { useMe, useOnlineSettings, useServices, useSessions, useStaff } from '../hooks';
import { useSessionLinks } from '../provider';
import { Avatar } from '../shared/avatar';
import { cx } from '../shared/cx';
import { DialogPortal } from '../shared/dialog-portal';
import { ProviderMark } from '../shared/provider-mark';
import { ErrorState, LoadingState, UpgradeState } from '../shared/state-panel';
import { explainResolution, shortSource } from './explain';
import { dateTimeFormat, formatWhen, SessionLinkEditor } from './session-link-editor';

export interface SessionsOverviewProps {
  /** Start of the period, ISO date-time. */
  from: string;
  /** End of the period (exclusive), ISO date-time. */
  to: string;
  /** Height of the scrolling list in pixels; only the rows in view are rendered. */
  height?: number;
  headingLevel?: 2 | 3 | 4;
  /** Where "See plans" leads in the upgrade state (R1). */
  upgradeHref?: string;
  className?: string;
}

/**
 * R18 in the widget: a Zoom start link (`hostUrl`) is kept only for the site owner and
 * the staff member whose account hosts the meeting, whatever the server sent.
 */
export function withoutForeignHostUrl(row: ResolvedSession, user: Pick<CurrentUser, 'role' | 'staffId'> | undefined): ResolvedSession {
  const r = row.resolution;
  if (r.status !== 'linked' || r.link.hostUrl === undefined) return row;
  const hosts = user !== undefined && (user.role === 'owner' || (user.staffId !== null && r.staffId === user.staffId));
  if (hosts) return row;
  const { hostUrl: _, ...link } = r.link;
  return { ...row, resolution: { ...r, link } };
}

const ROW_HEIGHT = 56;
const OVERSCAN = 6;

/**
 * Every session of a period with its link, where it comes from and any warning
 * (R15, R17), filterable by staff member and service, with a way into the
 * `SessionLinkEditor`. Only the rows in view are in the DOM, so 10,000 sessions
 * scroll as smoothly as 10. Root attribute: `data-state`.
 */
export function SessionsOverview({ from, to, height = 480, headingLevel = 3, upgradeHref, className }: SessionsOverviewProps) {
  const { t, locale } = useSessionLinks('SessionsOverview');
  const range = useMemo(() => ({ from, to }), [from, to]);
  const sessions = useSessions(range);
  const services = useServices();
  const staff = useStaff();
  const settings = useOnlineSettings();
  const me = useMe();
  const [staffFilter, setStaffFilter] = useState('');
  const [serviceFilter, setServiceFilter] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const id = useId();
  const Heading = `h${headingLevel}` as 'h3';

  // One formatter for all rows: constructing Intl formatters per row is what made scrolling slow.
  const dates = useMemo(() => dateTimeFormat(locale), [locale]);
  const serviceById = useMemo(() => new Map((services.data ?? []).map((s) => [s.id, s])), [services.data]);
  const staffById = useMemo(() => new Map((staff.data ?? []).map((s) => [s.id, s])), [staff.data]);
  const rows = useMemo(() => {
    const list = sessions.data ?? [];
    return list
      .map((r) => withoutForeignHostUrl(r, me.data))
      .filter(
        (r) =>
          (staffFilter === '' || (staffFilter === '-' ? r.session.staffId === null : r.session.staffId === staffFilter)) &&
          (serviceFilter === '' || r.session.serviceId === serviceFilter),
      )
      .sort((a, b) => (a.session.start < b.session.start ? -1 : a.session.start > b.session.start ? 1 : 0));
  }, [sessions.data, staffFilter, serviceFilter, me.data]);

  // R1: without a plan that includes online sessions there is nothing to list or edit.
  const noPlan =
    settings.data?.plan.includesOnlineSessions === false || (sessions.error as { code?: string } | null)?.code === 'PLAN_REQUIRED';
  const state = noPlan
    ? 'upgrade'
    : sessions.isPending || services.isPending || staff.isPending
      ? 'loading'
      : sessions.isError
        ? 'error'
        : (sessions.data?.length ?? 0) === 0
          ? 'empty'
          : 'ready';
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);

  const editingRow = editing ? rows.find((r) => r.session.id === editing) : undefined;

  return (
    <section aria-labelledby={`${id}-title`} className={cx('sl-root sl-widget sl-overview', className)} data-state={state}>
      <Heading id={`${id}-title`} className="sl-title">
        {t('overview.title')}
      </Heading>
      {state === 'upgrade' ? <UpgradeState upgradeHref={upgradeHref} /> : null}
      {state === 'upgrade' ? null : (
        <div className="sl-filters">
          <div className="sl-field">
            <label htmlFor={`${id}-staff`}>{t('overview.filterStaff')}</label>
            <select id={`${id}-staff`} value={staffFilter} onChange={(e) => setStaffFilter(e.target.value)}>
              <option value="">{t('overview.all')}</option>
              {(staff.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
              <option value="-">{t('overview.unassigned')}</option>
            </select>
          </div>
          <div className="sl-field">
            <label htmlFor={`${id}-service`}>{t('overview.filterService')}</label>
            <select id={`${id}-service`} value={serviceFilter} onChange={(e) => setServiceFilter(e.target.value)}>
              <option value="">{t('overview.all')}</option>
              {(services.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          {state === 'ready' ? (
            <p className="sl-hint" role="status" aria-live="polite">
              {t.plural('overview.count', rows.length)}
            </p>
          ) : null}
        </div>
      )}
      {state === 'loading' ? <LoadingState /> : null}
      {state === 'error' ? <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      {state === 'empty' ? (
        <p className="sl-state" data-kind="empty">
          {t('overview.empty')}
        </p>
      ) : null}
      {state === 'ready' && rows.length === 0 ? (
        <p className="sl-state" data-kind="empty">
          {t('overview.emptyFiltered')}
        </p>
      ) : null}
      {state === 'ready' && rows.length > 0 ? (
        <div
          className="sl-scroll"
          style={{ height, overflowY: 'auto' }}
          onScroll={(e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop)}
        >
          <table className="sl-table" aria-labelledby={`${id}-title`} aria-rowcount={rows.length + 1}>
            <colgroup>
              <col style={{ width: '17%' }} />
              <col style={{ width: '17%' }} />
              <col style={{ width: '13%' }} />
              <col style={{ width: '12%' }} />
              <col style={{ width: '29%' }} />
              <col style={{ width: '12%' }} />
            </colgroup>
            <thead>
              <tr aria-rowindex={1}>
                <th scope="col">{t('overview.col.when')}</th>
                <th scope="col">{t('overview.col.service')}</th>
                <th scope="col">{t('overview.col.staff')}</th>
                <th scope="col">{t('overview.col.link')}</th>
                <th scope="col">{t('overview.col.why')}</th>
                <th scope="col">
                  <span className="sl-visually-hidden">{t('overview.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {first > 0 ? <tr className="sl-spacer" style={{ height: first * ROW_HEIGHT }} /> : null}
              {visible.map((r, i) => (
                <OverviewRow
                  key={r.session.id}
                  row={r}
                  index={first + i + 2}
                  serviceName={serviceById.get(r.session.serviceId)?.name ?? ''}
                  serviceKind={serviceById.get(r.session.serviceId)?.kind}
                  staffName={r.session.staffId ? staffById.get(r.session.staffId)?.name : undefined}
                  dates={dates}
                  defaultAccount={settings.data?.defaultAccount}
                  // R10: "Edit link" only where the user may change the link; none until we know who they are.
                  onEdit={me.data && canPerform(me.data, { type: 'session-link.manage', session: r.session }) ? setEditing : undefined}
                />
              ))}
              {last < rows.length ? <tr className="sl-spacer" style={{ height: (rows.length - last) * ROW_HEIGHT }} /> : null}
            </tbody>
          </table>
        </div>
      ) : null}
      <Dialog.Root open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        <DialogPortal>
          <Dialog.Overlay className="sl-overlay" />
          <Dialog.Content className="sl-root sl-dialog" aria-describedby={undefined}>
            <Dialog.Title className="sl-visually-hidden">
              {editingRow
                ? t('overview.editFor', {
                    service: serviceById.get(editingRow.session.serviceId)?.name ?? '',
                    when: formatWhen(locale, editingRow.session.start),
                  })
                : t('overview.edit')}
            </Dialog.Title>
            {editing ? <SessionLinkEditor sessionId={editing} headingLevel={2} /> : null}
            <div className="sl-actions">
              <Dialog.Close className="sl-button">{t('common.close')}</Dialog.Close>
            </div>
          </Dialog.Content>
        </DialogPortal>
      </Dialog.Root>
    </section>
  );
}

interface OverviewRowProps {
  row: ResolvedSession;
  index: number;
  serviceName: string;
  serviceKind: 'appointment' | 'class' | 'course' | undefined;
  staffName: string | undefined;
  dates: Intl.DateTimeFormat;
  defaultAccount: Parameters<typeof explainResolution>[2]['defaultAccount'];
  /** Absent when the user may not edit this session's link. */
  onEdit: ((sessionId: string) => void) | undefined;
}

const OverviewRow = memo(function OverviewRow({
  row,
  index,
  serviceName,
  serviceKind,
  staffName,
  dates,
  defaultAccount,
  onEdit,
}: OverviewRowProps) {
  const { t } = useSessionLinks('SessionsOverview');
  const r = row.resolution;
  const when = dates.format(new Date(row.session.start));
  const explanation = explainResolution(t, r, { staffName, serviceKind, defaultAccount });
  return (
    <tr
      aria-rowindex={index}
      style={{ height: ROW_HEIGHT }}
      data-source={r.status === 'linked' ? r.source : undefined}
      data-reason={r.status === 'none' ? r.reason : undefined}
    >
      <td>{when}</td>
      <td>{serviceName}</td>
      <td>
        {staffName ? <Avatar name={staffName} /> : null}
        {staffName ?? '—'}
      </td>
      <td className="sl-cell-link">
        {r.status === 'linked' ? <ProviderMark provider={r.link.provider} /> : null}
        {r.status === 'linked' ? t.provider(r.link.provider) : t('overview.noLink')}
      </td>
      <td title={explanation.text}>
        {shortSource(t, r, staffName)}
        {explanation.warnings.length > 0 ? (
          <span className="sl-warning" data-warning="">
            {' '}
            ⚠ {explanation.warnings.join(' ')}
          </span>
        ) : null}
      </td>
      <td>
        {onEdit ? (
          <button
            type="button"
            className="sl-button"
            data-size="small"
            onClick={() => onEdit(row.session.id)}
            aria-label={t('overview.editFor', { service: serviceName, when })}
          >
            {t('overview.edit')}
          </button>
        ) : null}
      </td>
    </tr>
  );
});
