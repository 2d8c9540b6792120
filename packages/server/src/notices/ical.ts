import type { BookingEmailJoin } from '@session-links/core';
import { createEvent, type EventAttributes } from 'ics';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

export interface CalendarPartInput {
  uid: string;
  sequence: number;
  method: CalendarMethod;
  /** The event's title: the service's name. */
  title: string;
  /** ISO date-times of the session. */
  start: string;
  end: string;
  /** The join data the template keeps (core's `renderBookingEmail`), or none. */
  join: BookingEmailJoin | null;
  /** The words before the link and password in DESCRIPTION, in the e-mail's language. */
  words: { button: string; password: string };
  /** The booked client, when their address can be written as `mailto:`. */
  attendee: { name: string; email: string } | null;
  /** Who the invite is from: the session's staff member, when they have an address. */
  organizer: { name: string; email: string } | null;
}

/** A UID per booking and session that stays the same for every e-mail about them (RFC 5545 §3.8.4.7). */
export function calendarUid(siteId: string, bookingId: string, sessionId: string): string {
  const part = (value: string) => encodeURIComponent(value);
  return `booking-${part(bookingId)}.session-${part(sessionId)}@${part(siteId)}.session-links`;
}

// A name goes in a parameter value (CN=…), where RFC 5545 has no escape for a double quote or a
// line break: a quote becomes an apostrophe, control characters a space.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const PARAM_CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g;
const paramName = (name: string) => name.replace(/"/g, "'").replace(PARAM_CONTROLS, ' ').trim();

const utcArray = (iso: string): [number, number, number, number, number] => {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
};

/**
 * User text as an iCalendar TEXT value (RFC 5545 3.3.11 allows no control characters): a line
 * break stays one (the library writes it as `\\n`); a bare CR or any other control becomes a
 * space. The `ics` library escapes only CRLF and LF, and a lone CR let a description or a
 * service name start a property of its own in a reader that ends lines at CR.
 */
export function textValue(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
  return text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0009\u000B-\u001F\u007F]/g, ' ');
}

// The bookings of one change share everything in their invite but the UID and the attendee;
// the library validates every event (yup) and that was a third of a delivery run's time for a
// course with 1,000 booked clients. So the library writes each distinct invite once, with marks
// where the UID and the attendee go, and each booking's is that text with its own put in and
// the lines folded again as the library folds them. A cached text lives a minute (its DTSTAMP).
const UID_MARK = 'sl-uid-mark@mark.invalid';
const NAME_MARK = 'SlNameMark';
const EMAIL_MARK = 'sl-email-mark@mark.invalid';
const TEMPLATE_TTL_MS = 60_000;
const TEMPLATE_MAX = 256;
const templates = new Map<string, { at: number; lines: string[] }>();

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The library's folding (ics `foldLine`): 75 characters (user-perceived: an emoji stays whole), then 74 after a CRLF and a tab. */
function foldLine(line: string): string {
  if (line.length <= 75) return line;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: plain ASCII is cut by length, the rest by graphemes.
  const chars = /^[\u0000-\u007f]*$/.test(line) ? line.split('') : Array.from(graphemes.segment(line), (g) => g.segment);
  if (chars.length <= 75) return line;
  const parts = [chars.slice(0, 75).join('')];
  for (let at = 75; at < chars.length; at += 74) parts.push(chars.slice(at, at + 74).join(''));
  return parts.join('\r\n\t');
}

/**
 * The iCalendar part of an e-mail (RFC 5545, iTIP's METHOD): one event for the booked session,
 * in UTC, as the `ics` library writes it (see `libraryCalendarPart`), with the UID and the
 * attendee of this booking.
 */
export function calendarPart(input: CalendarPartInput, now: number = Date.now()): string {
  const key = JSON.stringify([
    input.sequence,
    input.method,
    input.title,
    input.start,
    input.end,
    input.join,
    input.words,
    input.organizer,
    input.attendee !== null,
  ]);
  let template = templates.get(key);
  if (!template || now - template.at > TEMPLATE_TTL_MS) {
    const text = libraryCalendarPart({
      ...input,
      uid: UID_MARK,
      attendee: input.attendee ? { name: NAME_MARK, email: EMAIL_MARK } : null,
    });
    template = { at: now, lines: text.replace(/\r\n\t/g, '').split('\r\n') };
    templates.delete(key);
    templates.set(key, template);
    if (templates.size > TEMPLATE_MAX) templates.delete(templates.keys().next().value as string);
  }
  const name = input.attendee ? `"${paramName(input.attendee.name).replaceAll('"', '\\"')}"` : '';
  return template.lines
    .map((line) => {
      if (line === `UID:${UID_MARK}`) return foldLine(`UID:${input.uid}`);
      if (input.attendee && line.startsWith('ATTENDEE'))
        return foldLine(line.split(`"${NAME_MARK}"`).join(name).split(EMAIL_MARK).join(input.attendee.email));
      return foldLine(line);
    })
    .join('\r\n');
}

/**
 * The iCalendar part of an e-mail (RFC 5545, iTIP's METHOD): one event for the booked
 * session, in UTC. The join link goes in LOCATION, DESCRIPTION and URL (calendar apps ignore
 * RFC 7986's CONFERENCE); the password only when the template keeps it. `CANCEL` marks the
 * online event cancelled (the session went on site). Text escaping and line folding are the
 * `ics` library's. (Called through `calendarPart`, which reuses its text for the bookings of one change.)
 */
export function libraryCalendarPart(input: CalendarPartInput): string {
  const description: string[] = [];
  if (input.join) {
    description.push(`${input.words.button}: ${input.join.url}`);
    if (input.join.password) description.push(`${input.words.password}: ${textValue(input.join.password)}`);
    if (input.join.description) description.push(textValue(input.join.description));
  }
  const event: EventAttributes = {
    productId: 'session-links',
    method: input.method,
    uid: input.uid,
    sequence: input.sequence,
    title: textValue(input.title),
    start: utcArray(input.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcArray(input.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    ...(input.attendee
      ? {
          attendees: [
            {
              name: paramName(input.attendee.name),
              email: input.attendee.email,
              rsvp: false,
              partstat: 'ACCEPTED',
              role: 'REQ-PARTICIPANT',
            },
          ],
        }
      : {}),
    ...(input.organizer ? { organizer: { name: paramName(input.organizer.name), email: input.organizer.email } } : {}),
    ...(description.length > 0 ? { description: description.join('\n') } : {}),
    ...(input.join ? { location: input.join.url, url: input.join.url } : {}),
  };
  const { error, value } = createEvent(event);
  if (error || value === null) throw error ?? new Error('the iCalendar part could not be made');
  return value;
}
