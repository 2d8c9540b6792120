import { calendarPart, calendarUid } from '@session-links/server';
import {
  type NoticeTransport,
  type OutboxNotice,
  plainNoticeRender,
  type RenderedNotice,
  type RenderNotice,
  TransportError,
} from '@session-links/server/testing';

/** A notice the mocks' transport took: the outbox's notice and the message rendered for it. */
export interface DeliveredNotice {
  notice: OutboxNotice;
  message: RenderedNotice;
  at: Date;
}

/** Addresses at this domain are refused, as a mail server refuses an unknown mailbox: the notice fails for good (a story's "failed"). */
export const REFUSED_DOMAIN = 'refused.example';

/**
 * The mocks' transport (R29): keeps what it "sends" in memory, in order, so a story or a test
 * can show the inbox; a client address at `refused.example` is refused permanently.
 */
export function memoryNoticeTransport(
  now: () => Date = () => new Date(),
): NoticeTransport & { readonly delivered: DeliveredNotice[]; readonly refused: Set<string> } {
  const delivered: DeliveredNotice[] = [];
  /** More addresses to refuse (lower case), besides those at `refused.example`. */
  const refused = new Set<string>();
  return {
    name: 'memory',
    delivered,
    refused,
    async send(notice, message) {
      const address = notice.client.email.trim().toLowerCase();
      if (address.endsWith(`@${REFUSED_DOMAIN}`) || refused.has(address)) throw new TransportError('address refused', true);
      delivered.push({ notice, message, at: now() });
    },
  };
}

/** What the calendar part of a mock notice needs of its session. */
export interface NoticeSession {
  title: string;
  start: string;
  end: string;
}

/**
 * The server's plain notice with a calendar update (RFC 5545, the server's own `calendarPart`):
 * `REQUEST` with the new link, `CANCEL` when the session lost it; `SEQUENCE` grows with each
 * notice of one booking and session. For a story that shows the e-mail with its invite.
 */
export function calendarNoticeRender(sessionOf: (siteId: string, sessionId: string) => NoticeSession | undefined): RenderNotice {
  const sequences = new Map<string, number>();
  return (notice) => {
    const message = plainNoticeRender(notice);
    const session = sessionOf(notice.site, notice.session);
    if (!session) return message;
    const uid = calendarUid(notice.site, notice.booking, notice.session);
    const sequence = (sequences.get(uid) ?? 0) + 1;
    sequences.set(uid, sequence);
    const method = notice.newLink ? 'REQUEST' : 'CANCEL';
    const content = calendarPart({
      uid,
      sequence,
      method,
      title: session.title,
      start: session.start,
      end: session.end,
      join: notice.newLink ? { url: notice.newLink, password: null, description: null } : null,
      words: { button: 'Join online', password: 'Password' },
      attendee: notice.client,
      organizer: null,
    });
    return { ...message, calendar: { method, content } };
  };
}
