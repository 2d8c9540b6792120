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

/**
 * The iCalendar part of an e-mail (RFC 5545, iTIP's METHOD): one event for the booked
 * session, in UTC. The join link goes in LOCATION, DESCRIPTION and URL (calendar apps ignore
 * RFC 7986's CONFERENCE); the password only when the template keeps it. `CANCEL` marks the
 * online event cancelled (the session went on site). Text escaping and line folding are the
 * `ics` library's.
 */
export function calendarPart(input: CalendarPartInput): string {
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
