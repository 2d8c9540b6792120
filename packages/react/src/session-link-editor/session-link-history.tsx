'use client';
import { canPerform, type LinkActor, type LinkHistoryEntry, PROVIDER_NAMES, type Resolution } from '@session-links/core';
import { type ComponentPropsWithRef, useState } from 'react';
import type { Translate } from '../context/translate';
import { useSessionLinkHistory } from '../hooks';
import { ErrorState, LoadingState } from '../parts/state-panel';
import { cx } from '../primitives/cx';
import { useSessionLinkEditorContext } from './session-link-editor-parts';

export interface SessionLinkHistoryProps extends Omit<ComponentPropsWithRef<'details'>, 'children'> {
  /** Entries per page; "Show earlier changes" asks for the next page (default 20, at most 100). */
  pageSize?: number;
}

/**
 * The session's link history (R30), inside the session editor: a disclosure "Link history"
 * that, once opened, lists every change newest first — when, who (a member, the booking
 * calendar, Zoom), from which link to which, and why (where each came from) — with "Show
 * earlier changes" while there are more. Shown only to whom may read it (R10: the owner,
 * the staff member the session is assigned to). `data-state`: `open` | `closed`.
 */
export function SessionLinkHistory({ pageSize, className, open: openProp, onToggle, ...props }: SessionLinkHistoryProps) {
  const c = useSessionLinkEditorContext('SessionLinkHistory');
  const [open, setOpen] = useState(openProp ?? false);
  const me = c.gate.me;
  if (!c.session || !me || !canPerform(me, { type: 'session-history.read', session: c.session })) return null;
  return (
    <details
      {...props}
      open={open}
      onToggle={(event) => {
        setOpen(event.currentTarget.open);
        onToggle?.(event);
      }}
      className={cx('sl-history', className)}
      data-state={open ? 'open' : 'closed'}
    >
      <summary className="sl-history-summary">{c.t('history.title')}</summary>
      {open ? <HistoryList sessionId={c.session.id} pageSize={pageSize} /> : null}
    </details>
  );
}

function HistoryList({ sessionId, pageSize }: { sessionId: string; pageSize: number | undefined }) {
  const c = useSessionLinkEditorContext('SessionLinkHistory');
  const { t } = c;
  const history = useSessionLinkHistory(sessionId, pageSize);
  if (history.isPending) return <LoadingState label={t('history.loading')} />;
  if (history.isError && !history.data)
    return <ErrorState title={t('history.error')} error={history.error} onRetry={() => void history.refetch()} />;
  const entries = history.data?.pages.flatMap((page) => page.entries) ?? [];
  if (entries.length === 0)
    return (
      <p className="sl-hint" data-state="empty">
        {t('history.empty')}
      </p>
    );
  const staffName = (id: string | null) => (id !== null && id === c.staffMember?.id ? c.staffMember.name : null);
  return (
    <>
      <ol className="sl-history-list" aria-label={t('history.title')}>
        {entries.map((entry) => (
          <HistoryEntry key={entry.id} entry={entry} t={t} staffName={staffName} />
        ))}
      </ol>
      {history.isFetchNextPageError ? <ErrorState title={t('history.error')} error={history.error} /> : null}
      {history.hasNextPage ? (
        <button
          type="button"
          className="sl-button"
          data-variant="secondary"
          disabled={history.isFetchingNextPage}
          aria-busy={history.isFetchingNextPage || undefined}
          onClick={() => void history.fetchNextPage()}
        >
          {t('history.more')}
        </button>
      ) : null}
    </>
  );
}

function HistoryEntry({ entry, t, staffName }: { entry: LinkHistoryEntry; t: Translate; staffName: (id: string | null) => string | null }) {
  const why = (r: Resolution) => {
    if (r.status === 'none') return t.reason(r.reason, r.provider);
    if (r.source !== 'staff') return t(`history.source.${r.source}`);
    const staff = staffName(r.staffId);
    return staff ? t('history.source.staff', { staff }) : t('history.source.staffOther');
  };
  const link = (r: Resolution) => (r.status === 'linked' ? r.link.guestUrl : t('history.noLink'));
  return (
    <li className="sl-history-entry" data-actor={entry.actor.type}>
      <p>
        <time dateTime={entry.at}>{t.date(entry.at)}</time>
        {' — '}
        <span data-part="actor">{actorName(t, entry.actor)}</span>
      </p>
      <p className="sl-history-link">
        <span className="sl-visually-hidden">{t('history.from')} </span>
        <span data-part="before">{link(entry.before)}</span>
        {' → '}
        <span className="sl-visually-hidden">{t('history.to')} </span>
        <span data-part="after">{link(entry.after)}</span>
      </p>
      <p className="sl-hint" data-part="why">
        {t('history.why', { before: why(entry.before), after: why(entry.after) })}
      </p>
    </li>
  );
}

function actorName(t: Translate, actor: LinkActor): string {
  if (actor.type === 'user') return actor.name;
  if (actor.type === 'calendar') return t('history.by.calendar');
  return t('history.by.provider', { provider: PROVIDER_NAMES[actor.provider] });
}
