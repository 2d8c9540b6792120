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
