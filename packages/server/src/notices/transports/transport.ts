import type { Notice } from '../outbox';

/** A notice rendered for its client: until the template rendering lands (R28), a render function the host or the CLI passes. */
export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
  /** An iCalendar update (RFC 5545) for the booked session: the e-mail gets a `text/calendar` part. */
  calendar?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string };
}

export type RenderNotice = ((notice: Notice) => RenderedNotice | Promise<RenderedNotice>) & {
  /**
   * Optional: called once with a run's notices before any is rendered, so a renderer can read
   * what they share in one go (the site's templates: `storeNoticeRenderer`). Rendering stays per notice.
   */
  prepare?: (notices: readonly Notice[]) => Promise<void>;
};

/** How notices reach clients: SMTP, a signed webhook to the host. A host that pulls has none. */
export interface NoticeTransport {
  /** `smtp`, `webhook`: for the log. */
  readonly name: string;
  /** Delivers one notice; throws a `TransportError` (or anything: retried) when it was not delivered. */
  send(notice: Notice, message: RenderedNotice): Promise<void>;
  close?(): Promise<void>;
}

/**
 * A delivery that failed. `permanent`: trying again cannot help (the server refused the
 * address): the notice is dead at once. `reason` is short and safe to keep and show:
 * never the address, the body or a secret.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly reason: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/**
 * Whether a client's address is one plain mailbox (`local@domain`), as a recipient must be: no
 * display name, no list, no quoting or comments, no whitespace or control characters (a CR/LF
 * would be a header in a host's own mailer), at most 254 characters. Addresses come from the
 * host's calendar sync as text; one that is not a mailbox is never handed to a transport.
 */
export function isOneMailbox(address: string): boolean {
  return address.length <= 254 && /^[^\s\p{Cc}@<>()[\]\\,;:"]{1,64}@[^\s\p{Cc}@<>()[\]\\,;:"]+$/u.test(address);
}

/** The refusal of a notice whose address is not one mailbox: permanent, nothing is sent. */
export const addressInvalid = (): TransportError => new TransportError('address invalid', true);

/**
 * A failure reason as it is kept and shown to the owner and staff (R18, R29): any e-mail
 * address in it (a host's mailer may quote the refused one) is replaced by `[address]`.
 */
export const redactReason = (reason: string): string => reason.replace(/[^\s<>()[\]\\,;:"'@]+@[^\s<>()[\]\\,;:"'@]+/gu, '[address]');
