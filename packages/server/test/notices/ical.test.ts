import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type CalendarPartInput, calendarPart, calendarUid, libraryCalendarPart } from '../../src/notices/ical';

// The invites of one change are written once by the `ics` library and given each booking's UID
// and attendee (calendarPart): each must read exactly as the library writes it for that booking.
const base: CalendarPartInput = {
  uid: calendarUid('site-studio', 'booking-1', 'yoga-1'),
  sequence: 7,
  method: 'REQUEST',
  title: 'Yoga — Vinyasa flow for beginners and the ones who have been coming for a long time already',
  start: '2026-12-10T09:00:00.000Z',
  end: '2026-12-10T10:00:00.000Z',
  join: {
    url: 'https://zoom.us/j/123456789?pwd=abcdefghijklmnopqrstuvwxyz0123456789',
    password: '123 456',
    description: 'Camera on, please.',
  },
  words: { button: 'Deelnemen', password: 'Wachtwoord' },
  attendee: { name: 'Anna de Vries', email: 'anna@example.nl' },
  organizer: { name: 'Olivia', email: 'olivia@studio.example' },
};
const withoutStamp = (ics: string) => ics.replace(/\r\nDTSTAMP:[^\r]*(\r\n\t[^\r]*)*/, '');

describe('calendarPart: the library’s text per booking (R28)', () => {
  const cases: [string, Partial<CalendarPartInput>][] = [
    ['a short name', {}],
    [
      'a long name with accents that folds the ATTENDEE line',
      { attendee: { name: 'Zoë Ĳsselmuiden-van der Berg-Achterberg de Jong', email: 'zoe.ijsselmuiden@example.nl' } },
    ],
    ['a name with $& and a quote', { attendee: { name: 'Bram "$&" $1 O\'Neil', email: 'bram@example.nl' } }],
    ['an emoji in the name', { attendee: { name: 'Eva 🧘‍♀️ Jansen', email: 'eva@example.nl' } }],
    ['no attendee', { attendee: null }],
    ['a long booking id in the UID', { uid: calendarUid('site-studio', `b-${'x'.repeat(90)}`, 'yoga-1') }],
    ['a cancel without join data', { method: 'CANCEL', join: null }],
  ];
  for (const [what, change] of cases) {
    it(`${what}: as the library writes it`, () => {
      const input = { ...base, ...change };
      // Written once for another booking first: the second is made from the first's text.
      calendarPart({
        ...input,
        uid: calendarUid('site-studio', 'other', 'yoga-1'),
        attendee: input.attendee && { name: 'Someone Else', email: 'else@example.nl' },
      });
      const made = calendarPart(input);
      expect(withoutStamp(made)).toBe(withoutStamp(libraryCalendarPart(input)));
      const event = new ICAL.Component(ICAL.parse(made)).getFirstSubcomponent('vevent');
      expect(event?.getFirstPropertyValue('uid')).toBe(input.uid);
      if (input.attendee) {
        const attendee = event?.getFirstProperty('attendee');
        expect(attendee?.getFirstValue()).toBe(`mailto:${input.attendee.email}`);
      }
    });
  }
});
