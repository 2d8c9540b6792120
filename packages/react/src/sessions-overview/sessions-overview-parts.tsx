'use client';
import type { Account, ResolvedSession } from '@session-links/core';
import { type ComponentPropsWithRef, memo, type ReactNode, type Ref, useMemo } from 'react';
import type { Translate } from '../context/translate';
import { explainResolution, shortSource } from '../parts/explain';
import { Gate, type GateProps, GateScope } from '../parts/gate';
import { ProviderMark } from '../parts/provider-mark';
import { Avatar } from '../primitives/avatar';
import { cx } from '../primitives/cx';
import { DialogClose, DialogContent, DialogOverlay, DialogPortal, DialogRoot, DialogTitle } from '../primitives/dialog';
import { headingTag } from '../primitives/heading';
import { mergeRefs } from '../primitives/merge-refs';
import { createScopedContext } from '../primitives/scoped-context';
import {
  SessionLinkEditorActions,
  SessionLinkEditorChoice,
  SessionLinkEditorCurrent,
  SessionLinkEditorCustomForm,
  SessionLinkEditorGate,
  SessionLinkEditorNotice,
  SessionLinkEditorNotices,
  SessionLinkEditorReplaceDialog,
  SessionLinkEditorRoot,
  SessionLinkEditorSummary,
  SessionLinkEditorTitle,
} from '../session-link-editor/session-link-editor-parts';
import { useSessionLinkEditor } from '../session-link-editor/use-session-link-editor';
import type { SessionsOverviewController } from './use-sessions-overview';

const [SessionsOverviewProvider, useSessionsOverviewContext] = createScopedContext<SessionsOverviewController>('SessionsOverview');

export { useSessionsOverviewContext };

export interface SessionsOverviewRootProps extends ComponentPropsWithRef<'section'> {
  /** What `useSessionsOverview({ from, to })` returned: the parts inside read it. */
  value: SessionsOverviewController;
}

/** The widget's root: a `<section>` named by the title, with `data-state`. */
export function SessionsOverviewRoot({ value, ref, className, children, ...props }: SessionsOverviewRootProps) {
  const { ref: rootRef, ...rootProps } = value.getRootProps();
  return (
    <SessionsOverviewProvider value={value}>
      <GateScope gate={value.gate}>
        <section {...rootProps} {...props} ref={mergeRefs(rootRef, ref)} className={cx('sl-root sl-widget sl-overview', className)}>
          {children}
        </section>
      </GateScope>
    </SessionsOverviewProvider>
  );
}

/** The title's level is the hook's `headingLevel`. */
export type SessionsOverviewTitleProps = ComponentPropsWithRef<'h3'>;

/** "Online sessions"; names the root and the table. Focusable (`data-focus-target`): focus returns here when no row can take it. */
export function SessionsOverviewTitle({ className, children, ...props }: SessionsOverviewTitleProps) {
  const c = useSessionsOverviewContext('SessionsOverviewTitle');
  const { t } = c;
  const Heading = headingTag(c.headingLevel);
  return (
    <Heading {...c.getTitleProps()} {...props} className={cx('sl-title', className)}>
      {children ?? t('overview.title')}
    </Heading>
  );
}

/**
 * The shared gate (R1, R10): loading, load error with Try again, upgrade, or no
 * permission, as every widget shows them; its children (the ready UI) once the sessions
 * are loaded. The panel carries `data-state`.
 */
export function SessionsOverviewGate(props: GateProps) {
  useSessionsOverviewContext('SessionsOverviewGate');
  return <Gate {...props} />;
}

/**
 * No session in the period, or none matching the filters. `data-state`: `empty` |
 * `filtered-empty`. Renders nothing while there are rows to show.
 */
export function SessionsOverviewEmpty({ className, ...props }: ComponentPropsWithRef<'p'>) {
  const c = useSessionsOverviewContext('SessionsOverviewEmpty');
  const { t } = c;
  const filteredEmpty = c.state === 'ready' && c.rows.length === 0 && !c.loadingMore;
  if (c.state !== 'empty' && !filteredEmpty) return null;
  return (
    <p {...props} className={cx('sl-state', className)} data-kind="empty" data-state={filteredEmpty ? 'filtered-empty' : 'empty'}>
      {filteredEmpty ? t('overview.emptyFiltered') : t('overview.empty')}
    </p>
  );
}

/** The filters' row; by default the staff and service filters and the count. Hidden in the upgrade state. */
export function SessionsOverviewFilters({ className, children, ...props }: ComponentPropsWithRef<'div'>) {
  const c = useSessionsOverviewContext('SessionsOverviewFilters');
  if (c.state !== 'ready' && c.state !== 'empty') return null;
  return (
    <div {...props} className={cx('sl-filters', className)}>
      {children ?? (
        <>
          <SessionsOverviewStaffFilter />
          <SessionsOverviewServiceFilter />
          <SessionsOverviewCount />
        </>
      )}
    </div>
  );
}

/** "Staff member": all, each staff member, or unassigned sessions (`-`). `data-state`: `filtered` | `all`. */
export function SessionsOverviewStaffFilter({ className, ...props }: ComponentPropsWithRef<'select'>) {
  const c = useSessionsOverviewContext('SessionsOverviewStaffFilter');
  const { t } = c;
  const select = c.getStaffFilterProps();
  return (
    <div className="sl-field" data-state={c.staffFilter ? 'filtered' : 'all'}>
      <label htmlFor={select.id}>{t('overview.filterStaff')}</label>
      <select {...select} {...props} className={className}>
        <option value="">{t('overview.all')}</option>
        {c.staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
        <option value="-">{t('overview.unassigned')}</option>
      </select>
    </div>
  );
}

/** "Service": all or one service. `data-state`: `filtered` | `all`. */
export function SessionsOverviewServiceFilter({ className, ...props }: ComponentPropsWithRef<'select'>) {
  const c = useSessionsOverviewContext('SessionsOverviewServiceFilter');
  const { t } = c;
  const select = c.getServiceFilterProps();
  return (
    <div className="sl-field" data-state={c.serviceFilter ? 'filtered' : 'all'}>
      <label htmlFor={select.id}>{t('overview.filterService')}</label>
      <select {...select} {...props} className={className}>
        <option value="">{t('overview.all')}</option>
        {c.services.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * "12 sessions" after the filters, announced politely when it changes; "1,200 sessions so
 * far, loading more…" while later windows of the period load. Shown once the list is ready.
 * `data-state`: `loading-more` | `complete`.
 */
export function SessionsOverviewCount({ className, ...props }: ComponentPropsWithRef<'p'>) {
  const c = useSessionsOverviewContext('SessionsOverviewCount');
  const { t } = c;
  if (c.state !== 'ready') return null;
  return (
    <p
      role="status"
      aria-live="polite"
      {...props}
      className={cx('sl-hint', className)}
      data-state={c.loadingMore ? 'loading-more' : 'complete'}
    >
      <bdi>{t.plural(c.loadingMore ? 'overview.countSoFar' : 'overview.count', c.rows.length)}</bdi>
    </p>
  );
}

/**
 * The sessions as a table in a scrolling box of the hook's `height`: only the rows in
 * view are in the DOM, so 10,000 sessions scroll as smoothly as 10. The box is a named,
 * focusable region ("Sessions, scrollable"), so it scrolls from the keyboard. Each row has
 * `data-source` or `data-reason`.
 */
export function SessionsOverviewTable({ className, ref, ...props }: ComponentPropsWithRef<'div'>) {
  const c = useSessionsOverviewContext('SessionsOverviewTable');
  const { t } = c;
  const { ref: scrollRef, ...scrollProps } = c.getScrollProps();
  // One merged ref while its parts stay: a new one on every render made React detach and
  // attach the list on every scroll, and the hook's ref callback set its state to null and
  // back — a second, empty commit after each scroll's.
  const mergedRef = useMemo(() => mergeRefs<HTMLDivElement>(scrollRef as Ref<HTMLDivElement>, ref), [scrollRef, ref]);
  if (c.state !== 'ready' || c.rows.length === 0) return null;
  return (
    <div {...scrollProps} {...props} ref={mergedRef} className={cx('sl-scroll', className)}>
      <table className="sl-table" {...c.getTableProps()}>
        {/* The edit column is as wide as its button in either language (12% cut Dutch
            "Bewerken" off below 900 px); Link holds "Microsoft Teams" and its mark on a full
            page (12% cut it to "Microsoft…"); Why takes what the others leave. */}
        <colgroup>
          <col style={{ width: '16%' }} />
          <col style={{ width: '17%' }} />
          <col style={{ width: '13%' }} />
          <col style={{ width: '16%' }} />
          <col />
          <col style={{ width: '8.5em' }} />
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
          {c.first > 0 ? <tr className="sl-spacer" style={{ height: c.first * c.rowHeight }} /> : null}
          {c.visible.map((r, i) => {
            const service = c.serviceOf(r);
            return (
              <SessionsOverviewRow
                key={r.session.id}
                row={r}
                index={c.first + i + 2}
                serviceName={service?.name ?? ''}
                serviceKind={service?.kind}
                staffName={c.staffOf(r)?.name}
                dates={c.dates}
                t={t}
                defaultAccount={c.defaultAccount}
                onEdit={c.canEdit(r) ? c.edit : undefined}
              />
            );
          })}
          {c.last < c.rows.length ? <tr className="sl-spacer" style={{ height: (c.rows.length - c.last) * c.rowHeight }} /> : null}
        </tbody>
      </table>
    </div>
  );
}

export interface SessionsOverviewRowProps {
  row: ResolvedSession;
  /** `aria-rowindex`: the header row is 1. */
  index: number;
  /** A fixed height in pixels; by default the table's `--sl-row-height` (the hook's `rowHeight`), or taller where a narrow container stacks the cells. */
  height?: number;
  serviceName: string;
  serviceKind: 'appointment' | 'class' | 'course' | undefined;
  staffName: string | undefined;
  dates: Intl.DateTimeFormat;
  /** The widget's strings (the hook's `t`): one Translate for every row. */
  t: Translate;
  defaultAccount: Account | null | undefined;
  /** Absent when the user may not edit this session's link. */
  onEdit: ((sessionId: string) => void) | undefined;
}

/** One session: when, service, staff, link, why (with any warning), and "Edit link" (`data-edit-session`: its session id). Memoised. */
export const SessionsOverviewRow = memo(function SessionsOverviewRow({
  row,
  index,
  height,
  serviceName,
  serviceKind,
  staffName,
  dates,
  t,
  defaultAccount,
  onEdit,
}: SessionsOverviewRowProps) {
  const r = row.resolution;
  const when = dates.format(new Date(row.session.start));
  const explanation = explainResolution(t, r, { staffName, serviceKind, defaultAccount });
  return (
    <tr
      aria-rowindex={index}
      style={height === undefined ? undefined : { height }}
      data-source={r.status === 'linked' ? r.source : undefined}
      data-reason={r.status === 'none' ? r.reason : undefined}
    >
      {/* Isolated: an English date in a right-to-left page must not reorder ("Nov 2026, 18:00 17"). */}
      <td>
        <bdi>{when}</bdi>
      </td>
      <td>{serviceName}</td>
      <td>
        {staffName ? <Avatar name={staffName} /> : null}
        {staffName ?? '—'}
      </td>
      <td className="sl-cell-link">
        {r.status === 'linked' ? <ProviderMark provider={r.link.provider} /> : null}
        {r.status === 'linked'
          ? t.provider(r.link.provider)
          : // R22: a provider's meeting the server is still making is on its way; the overview looks again until it is there.
            r.reason === 'PROVIDER_MEETING_PENDING'
            ? t('overview.pending', { provider: t.provider(r.provider ?? 'zoom') })
            : t('overview.noLink')}
      </td>
      <td title={explanation.text}>
        {shortSource(t, r, staffName, defaultAccount)}
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
            data-edit-session={row.session.id}
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

export interface SessionsOverviewEditDialogProps {
  className?: string;
  /**
   * What the dialog shows for the session being edited; by default the `SessionLinkEditor`'s
   * parts without its link history (the overview stays within its 40 kB embed): pass
   * `(id) => <SessionLinkEditor sessionId={id} headingLevel={2} />` for the history too.
   */
  children?: (sessionId: string) => ReactNode;
}

/** The session's link editor as the overview's dialog shows it: the `SessionLinkEditor` without its link history. */
function OverviewSessionEditor({ sessionId }: { sessionId: string }) {
  const c = useSessionLinkEditor({ sessionId, headingLevel: 2 });
  return (
    <SessionLinkEditorRoot value={c}>
      <SessionLinkEditorTitle />
      <SessionLinkEditorSummary />
      <SessionLinkEditorNotice />
      <SessionLinkEditorGate>
        <SessionLinkEditorCurrent>
          <SessionLinkEditorActions />
        </SessionLinkEditorCurrent>
        <SessionLinkEditorNotices />
        <SessionLinkEditorChoice />
        <SessionLinkEditorCustomForm />
        <SessionLinkEditorReplaceDialog />
      </SessionLinkEditorGate>
    </SessionLinkEditorRoot>
  );
}

/** The dialog "Edit link" opens: the session's link editor (who was told included, R29) and Close. `data-state` open while shown. */
export function SessionsOverviewEditDialog({ className, children }: SessionsOverviewEditDialogProps) {
  const c = useSessionsOverviewContext('SessionsOverviewEditDialog');
  const { t } = c;
  const row = c.editingRow;
  return (
    <DialogRoot open={c.editing !== null} onOpenChange={(open) => !open && c.closeEditor()}>
      <DialogPortal>
        <DialogOverlay className="sl-overlay" />
        <DialogContent
          className={cx('sl-root sl-dialog', className)}
          aria-describedby={undefined}
          // No DialogTrigger (one dialog for every row): focus goes back to the row's own "Edit link".
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            c.returnFocusTarget()?.focus();
          }}
        >
          <DialogTitle className="sl-visually-hidden">
            {row ? t('overview.editFor', { service: c.serviceOf(row)?.name ?? '', when: c.when(row) }) : t('overview.edit')}
          </DialogTitle>
          {c.editing ? children ? children(c.editing) : <OverviewSessionEditor sessionId={c.editing} /> : null}
          <div className="sl-actions">
            <DialogClose className="sl-button">{t('common.close')}</DialogClose>
          </div>
        </DialogContent>
      </DialogPortal>
    </DialogRoot>
  );
}
