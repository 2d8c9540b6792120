import {
  type AutomationId,
  automationIdSchema,
  type BookingEmailMessage,
  createSiteSnapshot,
  idSchema,
  JOIN_SECTION_COPY,
  type Resolution,
  renderBookingEmail as renderEmailOfBooking,
  resolveSessionLink,
  type Session,
  timeZoneSchema,
} from '@session-links/core';
import { notFound, ServiceError } from '../service/errors';
import { meetingLinks } from '../service/read-view';
import { siteDefaultTemplate, siteTimeZone } from '../service/templates';
import type { Store, StoreTx } from '../store/types';
import { hasSiteRevision } from '../store/views';
import { calendarPart, calendarUid } from './ical';
import type { Notice } from './outbox';
import { type RenderedNotice, type RenderNotice, TransportError } from './transports/transport';

export interface RenderBookingEmailRequest {
  siteId: string;
  bookingId: string;
  automationId: AutomationId;
  /** For a whole-course booking: which session (default: the next one that has not ended). */
  sessionId?: string;
  /** The IANA time zone the start is written in. Default: the site's (synced with it), else `UTC`. */
  timeZone?: string;
}

export interface RenderBookingEmailOptions {
  now?: () => Date;
  /** Run inside the same transaction before anything is read (the HTTP operation's membership check). */
  authorize?: (tx: StoreTx) => Promise<void>;
  /**
   * A notice that a link changed (R29): a session left with no link at all cancels the online
   * invite too (`METHOD:CANCEL`), as one taken on site does. Off for the automations' own
   * e-mails, where a session without a link yet is not a cancelled one.
   */
  cancelWithoutLink?: boolean;
}

// An address a calendar can write as `mailto:`; anything else is left out of the invite.
const ADDRESS = /^[^\s@"<>,;:\\]+@[^\s@"<>,;:\\]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
const oneLine = (text: string) => text.replace(/[\u0000-\u001F\u007F]/g, ' ');

/** A client's view of a link (R18): never a start link. */
function forClient(resolution: Resolution): Resolution {
  if (resolution.status !== 'linked' || resolution.link.hostUrl === undefined) return resolution;
  const { hostUrl: _host, ...link } = resolution.link;
  return { ...resolution, link };
}

/**
 * An automation's e-mail for a booking (R28), for the host's own mailer: core's
 * `renderBookingEmail` over the site's saved template (the one rendering the widget's
 * preview shows) and the booked session's resolved link, with an iCalendar part (RFC 5545).
 * `UID` is stable per booking and session; `SEQUENCE` is the site's revision, which every
 * write to the site raises in the same transaction (a link, an account, a meeting, a session
 * moved or taken on site), so each change's invite supersedes the one before; `METHOD:CANCEL`
 * when the session takes place on site. Throws `ServiceError` NOT_FOUND for an unknown site,
 * booking or session, VALIDATION for a time zone or automation it does not know.
 */
export async function renderBookingEmail(
  store: Store,
  request: RenderBookingEmailRequest,
  options: RenderBookingEmailOptions = {},
): Promise<BookingEmailMessage> {
  const automation = automationIdSchema.safeParse(request.automationId);
  if (!automation.success) throw new ServiceError('VALIDATION', 'Unknown automation', { fields: { automationId: ['automation.invalid'] } });
  if (request.timeZone !== undefined && !timeZoneSchema.safeParse(request.timeZone).success)
    throw new ServiceError('VALIDATION', 'Unknown time zone', { fields: { timeZone: ['timeZone.invalid'] } });
  for (const [name, value] of [
    ['siteId', request.siteId],
    ['bookingId', request.bookingId],
    ['sessionId', request.sessionId],
  ] as const) {
    if (value !== undefined && !idSchema.safeParse(value).success) throw notFound(name);
  }
  const now = options.now ?? (() => new Date());
  const { siteId, bookingId } = request;

  const parts = await store.transaction(async (tx) => {
    await options.authorize?.(tx);
    const site = await tx.getSite(siteId);
    if (!site) throw notFound('site');
    const booking = await tx.getBooking(siteId, bookingId);
    if (!booking) throw notFound(`booking ${bookingId}`);
    const host = await sessionOfBooking(tx, siteId, booking, request.sessionId, now());
    const [service, [client], staff, staffAccounts, settings, courseLinks, override, meetings, stored] = await Promise.all([
      tx.getService(siteId, booking.serviceId),
      tx.listClients(siteId, [booking.clientId]),
      tx.listStaff(siteId),
      tx.listStaffAccounts(siteId),
      tx.getSettings(siteId),
      tx.listCourseLinks(siteId),
      tx.getSessionOverride(siteId, host.id),
      tx.listMeetings(siteId, { sessionIds: [host.id] }),
      tx.getTemplate(siteId, automation.data),
    ]);
    if (!service) throw notFound(`service ${booking.serviceId}`);
    if (!client) throw notFound(`client ${booking.clientId}`);
    const services = await tx.listServices(siteId);
    const snapshot = createSiteSnapshot({
      plan: site.plan,
      defaultAccount: settings.value,
      services,
      staff: staff.map((s) => ({ id: s.id, account: staffAccounts.get(s.id)?.value ?? null })),
      courseLinks: [...courseLinks].map(([serviceId, row]) => ({ serviceId, link: row.value })),
      meetings: meetingLinks(meetings),
    });
    const session: Session = { ...host, override: override.value, version: override.version };
    const member = host.staffId === null ? undefined : staff.find((s) => s.id === host.staffId);
    return {
      session,
      service,
      client,
      organizer: member && ADDRESS.test(member.email) ? { name: member.name, email: member.email } : null,
      resolution: forClient(resolveSessionLink(session, snapshot)),
      // A site that never saved this template: the default in the site's language (R28).
      template: stored ?? siteDefaultTemplate(site, automation.data),
      timeZone: request.timeZone ?? siteTimeZone(site),
    };
  });
  // Read after the data: the sequence is at least the revision the e-mail shows.
  const revision = hasSiteRevision(store) ? Number((await store.siteRevision(siteId, '')).revision) : 0;
  const sequence = Math.min(Number.isSafeInteger(revision) ? revision : 0, 2_147_483_647);

  const { timeZone } = parts;
  const email = renderEmailOfBooking({
    template: parts.template,
    timeZone,
    clientName: parts.client.name,
    serviceName: parts.service.name,
    start: parts.session.start,
    resolution: parts.resolution,
  });
  const method = email.onSite || (options.cancelWithoutLink && email.join === null) ? 'CANCEL' : 'REQUEST';
  const uid = calendarUid(siteId, bookingId, parts.session.id);
  const copy = JOIN_SECTION_COPY[email.locale];
  const ics = calendarPart({
    uid,
    sequence,
    method,
    title: parts.service.name,
    start: parts.session.start,
    end: parts.session.end,
    join: email.join,
    words: { button: copy.button, password: copy.password },
    attendee: ADDRESS.test(parts.client.email) ? { name: parts.client.name, email: parts.client.email } : null,
    organizer: parts.organizer,
  });
  return {
    bookingId,
    sessionId: parts.session.id,
    automationId: email.automationId,
    locale: email.locale,
    timeZone,
    // The host's mailer puts these in headers: one line of name, and an address only when it is one.
    to: { name: oneLine(parts.client.name), email: ADDRESS.test(parts.client.email) ? parts.client.email : null },
    subject: email.subject,
    text: email.text,
    html: email.html,
    join: email.join,
    calendar: { uid, sequence, method, ics },
  };
}

/** The booked session: the booking's own, or (a whole course) the one asked for, else the next that has not ended. */
async function sessionOfBooking(
  tx: StoreTx,
  siteId: string,
  booking: { serviceId: string; sessionId: string | null },
  asked: string | undefined,
  at: Date,
) {
  if (booking.sessionId !== null) {
    if (asked !== undefined && asked !== booking.sessionId) throw notFound(`session ${asked} in this booking`);
    const session = await tx.getSession(siteId, booking.sessionId);
    if (!session) throw notFound(`session ${booking.sessionId}`);
    return session;
  }
  if (asked !== undefined) {
    const session = await tx.getSession(siteId, asked);
    if (!session || session.serviceId !== booking.serviceId) throw notFound(`session ${asked} in this booking`);
    return session;
  }
  const upcoming = (await tx.listSessions(siteId, { serviceId: booking.serviceId }))
    .filter((s) => Date.parse(s.end) > at.getTime())
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const next = upcoming[0];
  if (!next) throw notFound('upcoming session in this booking');
  return next;
}

/** The automation whose saved template tells a client about a notice (R29). */
export const noticeAutomation = (notice: Pick<Notice, 'kind'>): AutomationId =>
  notice.kind === 'course-changed' ? 'course-changed' : 'booking-changed';

/** A rendered e-mail as a transport sends it (the calendar part as a `text/calendar` alternative). */
export function renderedNoticeOf(email: BookingEmailMessage): RenderedNotice {
  return {
    subject: email.subject,
    text: email.text,
    html: email.html,
    calendar: { method: email.calendar.method, content: email.calendar.ics },
  };
}

/**
 * The notices' renderer (R28, R29), for the delivery worker: each notice rendered when it is
 * sent, by `renderBookingEmail` — the site's saved "booking changed" template ("course changed"
 * for a course's notice), in the site's language and time zone, with the join-online section
 * as the owner left it, and its calendar part an update of the earlier invite (same UID per
 * booking and session, a higher SEQUENCE — for a whole course, its next session; `CANCEL` when the session lost its link or went on
 * site). A booking, session or site gone since the change: permanent, the notice is `dead`.
 */
export function storeNoticeRenderer(store: Store, options: { now?: () => Date } = {}): RenderNotice {
  return async (notice) => {
    try {
      const email = await renderBookingEmail(
        store,
        {
          siteId: notice.site,
          bookingId: notice.booking,
          automationId: noticeAutomation(notice),
          // A course's notice is about the course: its next session, as the booking's first invite was.
          ...(notice.kind === 'course-changed' ? {} : { sessionId: notice.session }),
        },
        { now: options.now, cancelWithoutLink: true },
      );
      return renderedNoticeOf(email);
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'NOT_FOUND')
        throw new TransportError('the booking or its session no longer exists', true, { cause: error });
      throw error;
    }
  };
}
