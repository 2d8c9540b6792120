import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTOMATION_IDS,
  cleanSubject,
  defaultTemplate,
  isTimeZone,
  JOIN_ELEMENTS,
  joinSectionStatus,
  type Resolution,
  removeJoinElement,
  removeJoinSection,
  renderBookingEmail,
  renderEmail,
  resetTemplate,
  restoreJoinSection,
  saveTemplateSchema,
  templateSchema,
} from '../src';

const linked = (link: Partial<Extract<Resolution, { status: 'linked' }>['link']> = {}): Resolution => ({
  status: 'linked',
  source: 'default',
  accountId: 'a',
  staffId: null,
  warnings: [],
  link: {
    type: 'CUSTOM',
    provider: 'google-meet',
    guestUrl: 'https://meet.google.com/abc',
    password: 'sesame',
    description: 'Camera on, please',
    ...link,
  },
});
const ctx = (resolution: Resolution = linked()) => ({ clientName: 'Carla', serviceName: 'Yoga', start: 'Mon 4 May, 10:00', resolution });

describe('email templates (R12)', () => {
  it('every automation has a complete default template in both languages', () => {
    for (const id of AUTOMATION_IDS) {
      for (const locale of ['en', 'nl'] as const) {
        const t = defaultTemplate(id, locale);
        expect(joinSectionStatus(t)).toBe('complete');
        expect(t.subject.length).toBeGreaterThan(0);
      }
    }
    expect(defaultTemplate('booking-confirmation', 'nl').subject).not.toBe(defaultTemplate('booking-confirmation', 'en').subject);
  });
  it('removing elements one by one goes complete → partial → removed, and reset restores the default', () => {
    let t = defaultTemplate('session-reminder', 'en', 7);
    const statuses: string[] = [];
    for (const el of JOIN_ELEMENTS) {
      t = removeJoinElement(t, el);
      statuses.push(joinSectionStatus(t));
    }
    expect(statuses).toEqual(['partial', 'partial', 'partial', 'removed']);
    expect(resetTemplate(t)).toEqual(defaultTemplate('session-reminder', 'en', 7));
    expect(restoreJoinSection(removeJoinSection(t)).joinOnline.elements).toEqual([...JOIN_ELEMENTS]);
  });
  it('renders the link as text and as a link, with password and description lines', () => {
    const email = renderEmail(defaultTemplate('booking-confirmation', 'en'), ctx());
    expect(email.subject).toBe('Your booking for Yoga is confirmed');
    expect(email.html).toContain('<a href="https://meet.google.com/abc" rel="noopener noreferrer">Join the session</a>');
    expect(email.text).toContain('Join the session: https://meet.google.com/abc');
    expect(email.text).toContain('Password: sesame');
    expect(email.text).toContain('Camera on, please');
    expect(email.joinElements).toEqual(['heading', 'join-link', 'password', 'description']);
  });
  it('leaves out removed elements and elements with no value', () => {
    const t = removeJoinElement(defaultTemplate('booking-confirmation', 'nl'), 'heading');
    const email = renderEmail(t, ctx(linked({ password: undefined })));
    expect(email.joinElements).toEqual(['join-link', 'description']);
    expect(email.html).not.toContain('Online deelnemen');
    expect(email.text).not.toContain('Wachtwoord');
  });
  it('with no link, the join-online section has no link, password or description: only its heading and a note that says so', () => {
    const email = renderEmail(
      defaultTemplate('booking-confirmation', 'en'),
      ctx({ status: 'none', reason: 'NO_DEFAULT_ACCOUNT', warnings: [] }),
    );
    expect(email.joinElements).toEqual(['heading']);
    expect(email.html).not.toContain('<a ');
    expect(email.text).not.toContain('Password');
  });
  it('hostile text stays text: no tag, no attribute, no live javascript: link', () => {
    const hostile = '<img src=x onerror=alert(1)>"\'><script>alert(2)</script>';
    const email = renderEmail(defaultTemplate('booking-confirmation', 'en'), {
      ...ctx(linked({ guestUrl: 'javascript:alert(3)', password: hostile, description: hostile })),
      clientName: hostile,
    });
    expect(email.html).not.toMatch(/<img|<script|onerror=alert\(1\)>/);
    expect(email.html).not.toContain('href="javascript:');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.text).toContain(hostile);
  });
  it('property: rendered HTML has only the template’s own tags, whatever the user text', () => {
    const allowedTags = new Set(['div', 'p', 'br', 'h2', 'section', 'a', 'span']);
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (client, password, description, url) => {
        const email = renderEmail(defaultTemplate('booking-confirmation', 'en'), {
          ...ctx(linked({ guestUrl: url, password, description })),
          clientName: client,
          serviceName: description,
        });
        const tags = [...email.html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]?.toLowerCase());
        const hrefs = [...email.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
        return tags.every((t) => t !== undefined && allowedTags.has(t)) && hrefs.every((h) => /^https?:\/\//i.test(h));
      }),
      { numRuns: 1000 },
    );
  }, 30_000);
});

describe('email subjects are one clean line (R21)', () => {
  it.each([
    ['Carla\r\nBcc: everyone@example.com', 'Carla Bcc: everyone@example.com'],
    ['Carla\u0000Smit', 'CarlaSmit'],
    ['Carla\u0085Smit', 'Carla Smit'],
    ['Carla\u2028Smit', 'Carla Smit'],
    ['Carla\u2029Smit', 'Carla Smit'],
    ['Carla\u202eSmit', 'CarlaSmit'],
    ['Carla \u2066\u200fSmit\u2069', 'Carla Smit'],
    ['Carla\u001b[31mSmit', 'Carla[31mSmit'],
    ['Carla\u009bSmit', 'CarlaSmit'],
    ['Carla\u000b\u000cSmit', 'Carla Smit'],
  ])('a rendered subject keeps no control, separator or bidi character from %j', (name, clean) => {
    const template = { ...defaultTemplate('booking-confirmation', 'en'), subject: '{client}, your booking for {service}' };
    expect(renderEmail(template, { ...ctx(), clientName: name }).subject).toBe(`${clean}, your booking for Yoga`);
  });
  it('property: no rendered subject has a control, separator or bidi character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (client, service) => {
        const { subject } = renderEmail(
          { ...defaultTemplate('session-reminder', 'nl'), subject: '{client} — {service} {start}' },
          { ...ctx(), clientName: client, serviceName: service },
        );
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
        return !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(subject);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
  it('cleanSubject turns line breaks into one space', () => {
    expect(cleanSubject('Yoga\r\n\r\nclass')).toBe('Yoga class');
    expect(cleanSubject('Yoga\u2028class')).toBe('Yoga class');
  });
  it.each(['Hi\r\nBcc: x@example.com', 'Hi\nthere', 'Hi\rthere', 'Hi\u0000there', 'Hi\u2028there', 'Hi\u0085there'])(
    'a saved subject with a line break or NUL is refused: %j',
    (subject) => {
      const template = { ...defaultTemplate('booking-confirmation', 'en'), subject };
      const saved = saveTemplateSchema.safeParse(template);
      expect(saved.success).toBe(false);
      expect(saved.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`)).toEqual(['subject:subject.lineBreak']);
      expect(templateSchema.safeParse(template).success).toBe(false);
    },
  );
});

describe('Dutch e-mails (nl)', () => {
  it.each(AUTOMATION_IDS)('the Dutch default of %s reads Dutch, with a Dutch join-online section', (id) => {
    const email = renderEmail(defaultTemplate(id, 'nl'), { ...ctx(), clientName: 'Carla', serviceName: 'Yoga' });
    expect(email.subject).not.toMatch(/\b(Your|booking|is confirmed|Reminder|has changed|Changes|request)\b/);
    expect(email.text).toMatch(/^Hoi Carla,/);
    expect(email.html).toContain('<h2>Online deelnemen</h2>');
    expect(email.text).toContain('Deelnemen aan de sessie: https://meet.google.com/abc');
    expect(email.text).toContain('Wachtwoord: sesame');
    expect(email.text).not.toMatch(/\b(Hi|Join|Password)\b/);
  });
});

describe('renderBookingEmail: the one rendering of an automation for a booking (R12, R28)', () => {
  const at = '2026-05-04T08:00:00Z';
  const render = (
    automationId: (typeof AUTOMATION_IDS)[number],
    locale: 'en' | 'nl',
    timeZone: string,
    resolution: Resolution = linked(),
    clientName = 'Zoë Ñúñez-Éluard',
  ) =>
    renderBookingEmail({
      template: defaultTemplate(automationId, locale),
      timeZone,
      clientName,
      serviceName: 'Yóga à la carte',
      start: at,
      resolution,
    });

  it('renders every automation in English and Dutch, the start in the site time zone, accented names intact', () => {
    for (const id of AUTOMATION_IDS) {
      const en = render(id, 'en', 'Europe/Amsterdam');
      expect(en.automationId).toBe(id);
      expect(en.text).toContain('Hi Zoë Ñúñez-Éluard,');
      expect(en.html).toContain('Hi Zoë Ñúñez-Éluard,');
      expect(en.text).toContain('Monday, 4 May 2026 at 10:00 CEST');
      expect(en.text).toContain('Join the session: https://meet.google.com/abc');
      expect(en.subject).toBe(cleanSubject(defaultTemplate(id, 'en').subject.replace('{service}', 'Yóga à la carte')));

      const nl = render(id, 'nl', 'America/New_York');
      expect(nl.locale).toBe('nl');
      expect(nl.text).toContain('Hoi Zoë Ñúñez-Éluard,');
      expect(nl.text).toContain('maandag 4 mei 2026 om 04:00 EDT');
      expect(nl.text).toContain('Deelnemen aan de sessie: https://meet.google.com/abc');
      expect(nl.text).toContain('Wachtwoord: sesame');
      expect(nl.subject).not.toBe(en.subject);
    }
  });

  it('writes one instant as the site sees it: Amsterdam and New York differ by six hours', () => {
    expect(render('session-reminder', 'en', 'Europe/Amsterdam').start).toBe('Monday, 4 May 2026 at 10:00 CEST');
    expect(render('session-reminder', 'en', 'America/New_York').start).toBe('Monday, 4 May 2026 at 04:00 GMT-4');
    expect(render('session-reminder', 'nl', 'Europe/Amsterdam').start).toBe('maandag 4 mei 2026 om 10:00 CEST');
  });

  it('renders a client name with markup as inert text in the HTML, and a clean one-line subject', () => {
    const hostile = '<img src=x onerror=alert(1)><b>Eve</b>';
    const template = { ...defaultTemplate('booking-confirmation', 'en'), subject: 'For {client}' };
    const email = renderBookingEmail({
      template,
      timeZone: 'Europe/Amsterdam',
      clientName: `${hostile}\r\nBcc: x@evil.example`,
      serviceName: 'Yoga',
      start: at,
      resolution: linked({ description: '<script>alert(1)</script>', password: '"><svg>' }),
    });
    expect(email.html).not.toMatch(/<img|<b>|<script|<svg/);
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;Eve&lt;/b&gt;');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.subject).not.toMatch(/[\r\n]/);
    // The plain-text part is text: the name as typed.
    expect(email.text).toContain(hostile);
  });

  it('keeps the join-online section as the owner left it: a removed password is out of the e-mail and the calendar data', () => {
    const template = removeJoinElement(defaultTemplate('booking-changed', 'en'), 'password');
    const email = renderBookingEmail({
      template,
      timeZone: 'UTC',
      clientName: 'Carla',
      serviceName: 'Yoga',
      start: at,
      resolution: linked(),
    });
    expect(email.text).not.toContain('sesame');
    expect(email.html).not.toContain('sesame');
    expect(email.join).toEqual({ url: 'https://meet.google.com/abc', password: null, description: 'Camera on, please' });
    const full = render('booking-changed', 'en', 'UTC');
    expect(full.join).toEqual({ url: 'https://meet.google.com/abc', password: 'sesame', description: 'Camera on, please' });
  });

  it('with no link, the join-online section says so: not ready yet, or on site; a removed section stays out', () => {
    const pending = render('booking-confirmation', 'en', 'UTC', { status: 'none', reason: 'PROVIDER_MEETING_PENDING', warnings: [] });
    expect(pending.join).toBeNull();
    expect(pending.onSite).toBe(false);
    expect(pending.text).toContain('Join online\nNo link to join online yet.');
    expect(pending.html).toContain('<section data-join-online=""><h2>Join online</h2><p>No link to join online yet.</p></section>');

    const onSite = render('course-changed', 'nl', 'UTC', { status: 'none', reason: 'OFFLINE', warnings: [] });
    expect(onSite.onSite).toBe(true);
    expect(onSite.text).toContain('Deze sessie is op locatie: er is geen link om online deel te nemen.');

    const removed = renderBookingEmail({
      template: removeJoinSection(defaultTemplate('booking-confirmation', 'en')),
      timeZone: 'UTC',
      clientName: 'Carla',
      serviceName: 'Yoga',
      start: at,
      resolution: { status: 'none', reason: 'PROVIDER_MEETING_PENDING', warnings: [] },
    });
    expect(removed.html).not.toContain('data-join-online');
    expect(removed.text).not.toContain('no link');
  });

  it('knows a time zone from a made-up one', () => {
    expect(isTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
