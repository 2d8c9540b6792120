import { type NoticeTransport, type OutboxNotice, type RenderedNotice, TransportError } from '@session-links/server/testing';

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
