'use client';
import { canPerform, type Notice, type NoticesQuery } from '@session-links/core';
import type { ComponentPropsWithRef } from 'react';
import type { MessageBundle } from '../context/translate';
import { useWidgetMessages } from '../context/use-widget-messages';
import { useMe, useNotices, useSendNotices } from '../hooks';
import { cx } from '../primitives/cx';
import { en } from './messages/notice-status-en';
import { nl } from './messages/notice-status-nl';

const noticeStatusMessages: MessageBundle = { en, nl };

export interface NoticeStatusProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** Whose notices: one session's (`{ sessionId }`) or a course's upcoming sessions' (`{ serviceId }`). */
  query: NoticesQuery;
}

/**
 * Who was told of link changes (R29): "Told 5 of 6 booked clients; 1 failed (address
 * refused) — Retry", "Waiting for your review … — Tell them now", or "Telling 6 booked
 * clients…" while notices are on their way (followed until they settle). Retry and Tell
 * them now are the owner's (`sendNotices`). Nothing when no notice was recorded, or when the
 * user may not read them. `data-state`: `pending` | `failed` | `held` | `sent`.
 */
export function NoticeStatus({ query, className, ...props }: NoticeStatusProps) {
  const t = useWidgetMessages('NoticeStatus', noticeStatusMessages);
  const notices = useNotices(query);
  const send = useSendNotices();
  const me = useMe();
  if (notices.isError && !notices.data) {
    if (notices.error.code === 'FORBIDDEN' || notices.error.code === 'NOT_FOUND') return null;
    return (
      <p {...props} className={cx('sl-notices sl-hint', className)} data-state="error" role="alert">
        {t('notices.error')}
      </p>
    );
  }
  const list = notices.data;
  if (!list || list.summary.total === 0) return null;
  const { summary } = list;
  const canSend = !!me.data && canPerform(me.data, { type: 'notices.manage' });
  const ids = (status: Notice['status']) => list.notices.filter((n) => n.status === status).map((n) => n.id);
  const reasons = [
    ...new Set(
      list.notices
        .filter((n) => n.status === 'failed')
        .map((n) => t(n.error === 'address refused' ? 'notices.reason.refused' : 'notices.reason.other')),
    ),
  ].join(', ');
  const state = summary.pending > 0 ? 'pending' : summary.failed > 0 ? 'failed' : summary.held > 0 ? 'held' : 'sent';
  const told = summary.total - summary.held;
  const action = (label: string, status: Notice['status']) =>
    canSend ? (
      <button
        type="button"
        className="sl-button"
        data-size="small"
        disabled={send.isPending}
        aria-busy={send.isPending || undefined}
        onClick={() => send.mutate({ ids: ids(status) })}
      >
        {label}
      </button>
    ) : null;
  return (
    <div {...props} className={cx('sl-notices', className)} data-state={state}>
      {told > 0 ? (
        <p data-part="told">
          <span role="status">
            {summary.pending > 0 ? (
              t.plural('notices.pending', summary.pending)
            ) : (
              <>
                {t.plural('notices.told', told, { sent: summary.sent })}
                {summary.failed > 0 ? `; ${t('notices.failed', { count: summary.failed, reasons })}` : null}
              </>
            )}
          </span>
          {summary.pending === 0 && summary.failed > 0 ? <> {action(t('notices.retry'), 'failed')}</> : null}
        </p>
      ) : null}
      {summary.held > 0 ? (
        <p data-part="held">
          {t.plural('notices.held', summary.held)} {action(t('notices.sendHeld'), 'held')}
        </p>
      ) : null}
    </div>
  );
}
