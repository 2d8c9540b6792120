import {
  type AutomationId,
  automationIdSchema,
  type Booking,
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
import { type HostSession, hasStoreNotices, type Store, type StoreTx } from '../store/types';
import { hasSiteRevision } from '../store/views';
import { calendarPart, calendarUid } from './ical';
import { MAX_CALENDAR_SEQUENCE, type Notice, type Outbox } from './outbox';
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
  /**
   * The `SEQUENCE` of item `index`'s calendar part, given the site's revision (`atLeast`): a
   * notice's is issued and kept with it in the outbox (`Outbox.calendarSequence`), so every
   * notice of a booking goes out higher than the one before (R28). Null, or unset: the revision.
   */
  sequenceOf?: (index: number, atLeast: number) => Promise<number | null>;
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
 * moved or taken on site), so each change's invite supersedes the one before (a notice's is
 * kept with it in the outbox and rises from one notice to the next, see `storeNoticeRenderer`); `METHOD:CANCEL`
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
  const [result] = await renderBookingEmailBatch(
    store,
    request.siteId,
    [{ bookingId: request.bookingId, automationId: automation.data, sessionId: request.sessionId, timeZone: request.timeZone }],
    options,
  );
  if (!result || result instanceof Error) throw result ?? notFound(`booking ${request.bookingId}`);
  return result;
}

/** One e-mail of a batch: a booking of the site, the automation, and (optionally) the session and zone. */
export interface BookingEmailItem {
  bookingId: string;
  automationId: AutomationId;
  sessionId?: string;
  timeZone?: string;
  /** A session the booking is known to hold (a notice's): lets a batch read the bookings in bulk. */
  heldSession?: string;
}

/**
 * `renderBookingEmail` for many bookings of one site at once (the delivery worker's batch): one
 * transaction reads what the site's e-mails share (services, staff, accounts, course links,
 * templates, the revision) once, and the bookings' clients, overrides and meetings in bulk.
 * Each item's answer is in its place: the e-mail, or the `ServiceError` it would have thrown.
 * An unknown site fails every item.
 */
export async function renderBookingEmailBatch(
  store: Store,
  siteId: string,
  items: readonly BookingEmailItem[],
  options: RenderBookingEmailOptions = {},
): Promise<(BookingEmailMessage | ServiceError)[]> {
  if (!idSchema.safeParse(siteId).success) return items.map(() => notFound('siteId'));
  const now = options.now ?? (() => new Date());
  const at = now();
  type Found = { item: BookingEmailItem; booking: Booking; host: HostSession };
  const loaded = await store.transaction(async (tx) => {
    await options.authorize?.(tx);
    const site = await tx.getSite(siteId);
    if (!site) return null;
    const [services, staff, staffAccounts, settings, courseLinks, templates] = await Promise.all([
      tx.listServices(siteId),
      tx.listStaff(siteId),
      tx.listStaffAccounts(siteId),
      tx.getSettings(siteId),
      tx.listCourseLinks(siteId),
      tx.listTemplates(siteId),
    ]);
    const courseSessions = new Map<string, Promise<HostSession[]>>();
    const sessionsOf = (serviceId: string) => {
      let list = courseSessions.get(serviceId);
      if (!list) {
        list = tx.listSessions(siteId, { serviceId });
        courseSessions.set(serviceId, list);
      }
      return list;
    };
    // A batch reads its bookings in one go: those of the sessions they hold, and the courses' whole-course ones.
    const held = [...new Set(items.flatMap((i) => (i.heldSession && idSchema.safeParse(i.heldSession).success ? [i.heldSession] : [])))];
    const bulk = new Map<string, Booking>();
    if (items.length > 1 && held.length > 0) {
      const courses = services.filter((s) => s.kind === 'course').map((s) => s.id);
      for (const b of await tx.listBookings(siteId, { sessionIds: held, serviceIds: courses })) bulk.set(b.id, b);
    }
    // One at a time: a PGlite transaction has one connection, and the course's sessions are shared.
    const found: (Found | ServiceError)[] = [];
    for (const item of items) {
      try {
        if (!idSchema.safeParse(item.bookingId).success) throw notFound('bookingId');
        if (item.sessionId !== undefined && !idSchema.safeParse(item.sessionId).success) throw notFound('sessionId');
        const booking = bulk.get(item.bookingId) ?? (await tx.getBooking(siteId, item.bookingId));
        if (!booking) throw notFound(`booking ${item.bookingId}`);
        const host = await sessionOfBooking(tx, siteId, booking, item.sessionId, at, sessionsOf);
        found.push({ item, booking, host });
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        found.push(error);
      }
    }
    const ok = found.filter((f): f is Found => !(f instanceof ServiceError));
    const sessionIds = [...new Set(ok.map((f) => f.host.id))];
    const [clients, overrides, meetings] = await Promise.all([
      tx.listClients(siteId, [...new Set(ok.map((f) => f.booking.clientId))]),
      tx.listSessionOverrides(siteId, sessionIds),
      sessionIds.length > 0 ? tx.listMeetings(siteId, { sessionIds }) : Promise.resolve([]),
    ]);
    const snapshot = createSiteSnapshot({
      plan: site.plan,
      defaultAccount: settings.value,
      services,
      staff: staff.map((s) => ({ id: s.id, account: staffAccounts.get(s.id)?.value ?? null })),
      courseLinks: [...courseLinks].map(([serviceId, row]) => ({ serviceId, link: row.value })),
      meetings: meetingLinks(meetings),
    });
    return {
      site,
      staff,
      services: new Map(services.map((s) => [s.id, s])),
      clients: new Map(clients.map((c) => [c.id, c])),
      templates: new Map(templates.map((t) => [t.automationId, t])),
      overrides,
      snapshot,
      found,
    };
  });
  if (!loaded) return items.map(() => notFound('site'));
  // Read after the data: the sequence is at least the revision the e-mail shows.
  const revision = hasSiteRevision(store) ? Number((await store.siteRevision(siteId, '')).revision) : 0;
  const sequence = Math.min(Number.isSafeInteger(revision) ? revision : 0, MAX_CALENDAR_SEQUENCE);
  // One at a time, in the items' order: a notice's SEQUENCE is issued after the one before it.
  const sequences: (number | null)[] = [];
  if (options.sequenceOf) {
    for (const [index, f] of loaded.found.entries())
      sequences[index] = f instanceof ServiceError ? null : await options.sequenceOf(index, sequence);
  }

  return loaded.found.map((f, index) => {
    if (f instanceof ServiceError) return f;
    const { item, booking, host } = f;
    const service = loaded.services.get(booking.serviceId);
    if (!service) return notFound(`service ${booking.serviceId}`);
    const client = loaded.clients.get(booking.clientId);
    if (!client) return notFound(`client ${booking.clientId}`);
    const override = loaded.overrides.get(host.id) ?? { value: null, version: 0 };
    const session: Session = { ...host, override: override.value, version: override.version };
    const member = host.staffId === null ? undefined : loaded.staff.find((s) => s.id === host.staffId);
    const organizer = member && ADDRESS.test(member.email) ? { name: member.name, email: member.email } : null;
    // A site that never saved this template: the default in the site's language (R28).
    const template = loaded.templates.get(item.automationId) ?? siteDefaultTemplate(loaded.site, item.automationId);
    const timeZone = item.timeZone ?? siteTimeZone(loaded.site);
    const email = renderEmailOfBooking({
      template,
      timeZone,
      clientName: client.name,
      serviceName: service.name,
      start: session.start,
      resolution: forClient(resolveSessionLink(session, loaded.snapshot)),
    });
    const method = email.onSite || (options.cancelWithoutLink && email.join === null) ? 'CANCEL' : 'REQUEST';
    const uid = calendarUid(siteId, booking.id, session.id);
    const copy = JOIN_SECTION_COPY[email.locale];
    const itemSequence = sequences[index] ?? sequence;
    const ics = calendarPart({
      uid,
      sequence: itemSequence,
      method,
      title: service.name,
      start: session.start,
      end: session.end,
      join: email.join,
      words: { button: copy.button, password: copy.password },
      attendee: ADDRESS.test(client.email) ? { name: client.name, email: client.email } : null,
      organizer,
    });
    return {
      bookingId: booking.id,
      sessionId: session.id,
      automationId: email.automationId,
      locale: email.locale,
      timeZone,
      // The host's mailer puts these in headers: one line of name, and an address only when it is one.
      to: { name: oneLine(client.name), email: ADDRESS.test(client.email) ? client.email : null },
      subject: email.subject,
      text: email.text,
      html: email.html,
      join: email.join,
      calendar: { uid, sequence: itemSequence, method, ics },
    } satisfies BookingEmailMessage;
  });
}

/** The booked session: the booking's own, or (a whole course) the one asked for, else the next that has not ended. */
async function sessionOfBooking(
  tx: StoreTx,
  siteId: string,
  booking: { serviceId: string; sessionId: string | null },
  asked: string | undefined,
  at: Date,
  sessionsOf: (serviceId: string) => Promise<HostSession[]> = (serviceId) => tx.listSessions(siteId, { serviceId }),
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
  const upcoming = (await sessionsOf(booking.serviceId))
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
  // Each notice's SEQUENCE is issued by the outbox that keeps it: above its booking's earlier notices' (R28).
  const outbox = hasStoreNotices(store) ? (store.notices.outbox as Outbox) : null;
  const sequenced = (notices: readonly Notice[]): Pick<RenderBookingEmailOptions, 'sequenceOf'> =>
    outbox ? { sequenceOf: (index, atLeast) => outbox.calendarSequence((notices[index] as Notice).id, atLeast) } : {};
  const itemOf = (notice: Notice): BookingEmailItem => ({
    bookingId: notice.booking,
    automationId: noticeAutomation(notice),
    heldSession: notice.session,
    // A course's notice is about the course: its next session, as the booking's first invite was.
    ...(notice.kind === 'course-changed' ? {} : { sessionId: notice.session }),
  });
  const outcome = (result: BookingEmailMessage | ServiceError | undefined): RenderedNotice => {
    if (result === undefined || (result instanceof ServiceError && result.code === 'NOT_FOUND'))
      throw new TransportError('the booking or its session no longer exists', true, { cause: result });
    if (result instanceof Error) throw result;
    return renderedNoticeOf(result);
  };
  // What `prepare` rendered for the run that is about to send them, by notice id: taken once.
  const prepared = new Map<string, BookingEmailMessage | ServiceError>();
  const render: RenderNotice = async (notice) => {
    const ready = prepared.get(notice.id);
    if (ready) {
      prepared.delete(notice.id);
      return outcome(ready);
    }
    const [result] = await renderBookingEmailBatch(store, notice.site, [itemOf(notice)], {
      now: options.now,
      cancelWithoutLink: true,
      ...sequenced([notice]),
    });
    return outcome(result);
  };
  // A run's notices rendered together: one transaction per site instead of one per notice.
  render.prepare = async (notices) => {
    const bySite = new Map<string, Notice[]>();
    for (const n of notices) bySite.set(n.site, [...(bySite.get(n.site) ?? []), n]);
    for (const [site, list] of bySite) {
      const results = await renderBookingEmailBatch(store, site, list.map(itemOf), {
        now: options.now,
        cancelWithoutLink: true,
        ...sequenced(list),
      });
      list.forEach((n, i) => {
        const result = results[i];
        if (result) prepared.set(n.id, result);
      });
    }
  };
  return render;
}
