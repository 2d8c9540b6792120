import * as z from 'zod/mini';
import { isSafeHref } from './custom-link';
import { type Resolution, versionSchema } from './schemas';
import { storableText } from './text';

export const AUTOMATION_IDS = [
  'booking-confirmation',
  'session-reminder',
  'booking-changed',
  'course-changed',
  'appointment-approved',
] as const;
export const automationIdSchema = z.enum(AUTOMATION_IDS);
export type AutomationId = z.infer<typeof automationIdSchema>;

/** The elements of the join-online section, in the order they are rendered. */
export const JOIN_ELEMENTS = ['heading', 'join-link', 'password', 'description'] as const;
export const joinElementSchema = z.enum(JOIN_ELEMENTS);
export type JoinElement = z.infer<typeof joinElementSchema>;

export const LOCALES = ['en', 'nl'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

// A subject is one header line: a line break in it could start another header.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const SUBJECT_LINE_BREAK = /[\r\n\u0000\u0085\u2028\u2029]/;

export const templateSchema = z.object({
  automationId: automationIdSchema,
  locale: localeSchema,
  subject: z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(200),
    z.refine((subject) => !SUBJECT_LINE_BREAK.test(subject), { error: 'subject.lineBreak', abort: true }),
    storableText('subject.invalid'),
  ),
  /** Plain text; `{client}`, `{service}` and `{start}` are filled in when rendering. */
  body: z.string().check(z.maxLength(5000), storableText('body.invalid')),
  joinOnline: z.object({
    /** The elements still present, in any order; removed ones are absent. */
    elements: z.array(joinElementSchema).check(z.maxLength(JOIN_ELEMENTS.length)),
  }),
  version: versionSchema,
});
export type Template = z.infer<typeof templateSchema>;

export const JOIN_SECTION_STATUSES = ['complete', 'partial', 'removed'] as const;
export type JoinSectionStatus = (typeof JOIN_SECTION_STATUSES)[number];

export const automationSummarySchema = z.object({
  id: automationIdSchema,
  joinSection: z.enum(JOIN_SECTION_STATUSES),
  version: versionSchema,
});
export type AutomationSummary = z.infer<typeof automationSummarySchema>;

interface Copy {
  subject: string;
  body: string;
}
const DEFAULT_COPY: Record<Locale, Record<AutomationId, Copy>> = {
  en: {
    'booking-confirmation': {
      subject: 'Your booking for {service} is confirmed',
      body: 'Hi {client},\n\nYou are booked for {service} on {start}.',
    },
    'session-reminder': {
      subject: 'Reminder: {service} is coming up',
      body: 'Hi {client},\n\nThis is a reminder of {service} on {start}.',
    },
    'booking-changed': {
      subject: 'Your booking for {service} has changed',
      body: 'Hi {client},\n\nYour booking for {service} now takes place on {start}.',
    },
    'course-changed': {
      subject: 'Changes to your course {service}',
      body: 'Hi {client},\n\nThere are changes to {service}. The next session is on {start}.',
    },
    'appointment-approved': {
      subject: 'Your appointment request is approved',
      body: 'Hi {client},\n\nYour request for {service} on {start} is approved.',
    },
  },
  nl: {
    'booking-confirmation': {
      subject: 'Je boeking voor {service} is bevestigd',
      body: 'Hoi {client},\n\nJe bent geboekt voor {service} op {start}.',
    },
    'session-reminder': {
      subject: 'Herinnering: {service} komt eraan',
      body: 'Hoi {client},\n\nDit is een herinnering aan {service} op {start}.',
    },
    'booking-changed': {
      subject: 'Je boeking voor {service} is gewijzigd',
      body: 'Hoi {client},\n\nJe boeking voor {service} vindt nu plaats op {start}.',
    },
    'course-changed': {
      subject: 'Wijzigingen in je cursus {service}',
      body: 'Hoi {client},\n\nEr zijn wijzigingen in {service}. De volgende sessie is op {start}.',
    },
    'appointment-approved': {
      subject: 'Je afspraakverzoek is goedgekeurd',
      body: 'Hoi {client},\n\nJe verzoek voor {service} op {start} is goedgekeurd.',
    },
  },
};

/**
 * The fixed words of the join-online section, in the template's language. `noLink`: what
 * the section says when the session has no link (yet); `onSite`: when it takes place on site.
 */
export const JOIN_SECTION_COPY: Record<Locale, { heading: string; button: string; password: string; noLink: string; onSite: string }> = {
  en: {
    heading: 'Join online',
    button: 'Join the session',
    password: 'Password',
    noLink: 'No link to join online yet.',
    onSite: 'This session is on site: there is no link to join online.',
  },
  nl: {
    heading: 'Online deelnemen',
    button: 'Deelnemen aan de sessie',
    password: 'Wachtwoord',
    noLink: 'Nog geen link om online deel te nemen.',
    onSite: 'Deze sessie is op locatie: er is geen link om online deel te nemen.',
  },
};

/** The default template of an automation: every element of the join-online section present. */
export function defaultTemplate(automationId: AutomationId, locale: Locale = 'en', version = 0): Template {
  const copy = DEFAULT_COPY[locale][automationId];
  return { automationId, locale, subject: copy.subject, body: copy.body, joinOnline: { elements: [...JOIN_ELEMENTS] }, version };
}

/** R12 "Reset to default template": the default content, keeping the stored version line. */
export function resetTemplate(template: Pick<Template, 'automationId' | 'locale' | 'version'>): Template {
  return defaultTemplate(template.automationId, template.locale, template.version);
}

export function removeJoinElement(template: Template, element: JoinElement): Template {
  return { ...template, joinOnline: { elements: template.joinOnline.elements.filter((e) => e !== element) } };
}

export function removeJoinSection(template: Template): Template {
  return { ...template, joinOnline: { elements: [] } };
}

export function restoreJoinSection(template: Template): Template {
  return { ...template, joinOnline: { elements: [...JOIN_ELEMENTS] } };
}

export function joinSectionStatus(template: Pick<Template, 'joinOnline'>): JoinSectionStatus {
  const present = new Set(template.joinOnline.elements);
  if (present.size === 0) return 'removed';
  return JOIN_ELEMENTS.every((e) => present.has(e)) ? 'complete' : 'partial';
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

// Line breaks and separators become a space; every other control character (C0, DEL,
// C1) and every bidirectional control is dropped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const SUBJECT_BREAKS = /[\r\n\u000b\u000c\u0085\u2028\u2029]+/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const SUBJECT_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A rendered subject as one clean header line: no control, line-separator or bidi
 * character can come in through a name a client or a staff member typed.
 */
export function cleanSubject(subject: string): string {
  return subject.replace(SUBJECT_BREAKS, ' ').replace(SUBJECT_CONTROLS, '').replace(/ {2,}/g, ' ').trim();
}

export interface EmailContext {
  clientName: string;
  serviceName: string;
  /** Already formatted for the reader, e.g. "Mon 4 May, 10:00". */
  start: string;
  resolution: Resolution;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** The join-online elements that ended up in the e-mail, in order. */
  joinElements: JoinElement[];
}

/** Fills `{client}`, `{service}` and `{start}` in a template text. The result is plain text. */
export function fillTemplate(text: string, ctx: Pick<EmailContext, 'clientName' | 'serviceName' | 'start'>): string {
  return text.replace(/\{(client|service|start)\}/g, (_, key: string) =>
    key === 'client' ? ctx.clientName : key === 'service' ? ctx.serviceName : ctx.start,
  );
}

/**
 * Renders an automation's e-mail for one session (R12). Every value is inserted as
 * text: user text is escaped in HTML, and a join URL becomes a link only when it is
 * an absolute http(s) URL. Elements that were removed, or have no value, are left out.
 * With no resolved link, a section the owner kept says so (on site, or no link yet); a
 * section the owner removed stays out. The inner step of {@link renderBookingEmail}: call that.
 */
export function renderEmail(template: Template, ctx: EmailContext): RenderedEmail {
  const copy = JOIN_SECTION_COPY[template.locale];
  const subject = cleanSubject(fillTemplate(template.subject, ctx));
  const body = fillTemplate(template.body, ctx);
  const html: string[] = [`<div data-email="${template.automationId}">`];
  const text: string[] = [body];
  for (const paragraph of body.split(/\n{2,}/)) {
    html.push(`<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`);
  }

  const present = new Set(template.joinOnline.elements);
  const link = ctx.resolution.status === 'linked' ? ctx.resolution.link : null;
  const joinElements: JoinElement[] = [];
  if (link !== null) {
    const section: string[] = [];
    const sectionText: string[] = [];
    for (const element of JOIN_ELEMENTS) {
      if (!present.has(element)) continue;
      if (element === 'heading') {
        section.push(`<h2>${escapeHtml(copy.heading)}</h2>`);
        sectionText.push(copy.heading);
      } else if (element === 'join-link') {
        const url = escapeHtml(link.guestUrl);
        section.push(
          isSafeHref(link.guestUrl)
            ? `<p><a href="${url}" rel="noopener noreferrer">${escapeHtml(copy.button)}</a><br><span>${url}</span></p>`
            : `<p><span>${url}</span></p>`,
        );
        sectionText.push(`${copy.button}: ${link.guestUrl}`);
      } else if (element === 'password') {
        if (!link.password) continue;
        section.push(`<p>${escapeHtml(copy.password)}: <span>${escapeHtml(link.password)}</span></p>`);
        sectionText.push(`${copy.password}: ${link.password}`);
      } else {
        if (!link.description) continue;
        section.push(`<p>${escapeHtml(link.description).replace(/\n/g, '<br>')}</p>`);
        sectionText.push(link.description);
      }
      joinElements.push(element);
    }
    if (section.length > 0) {
      html.push(`<section data-join-online="">${section.join('')}</section>`);
      text.push(sectionText.join('\n'));
    }
  } else if (present.size > 0 && ctx.resolution.status === 'none') {
    const note = ctx.resolution.reason === 'OFFLINE' ? copy.onSite : copy.noLink;
    const section: string[] = [];
    const sectionText: string[] = [];
    if (present.has('heading')) {
      section.push(`<h2>${escapeHtml(copy.heading)}</h2>`);
      sectionText.push(copy.heading);
      joinElements.push('heading');
    }
    section.push(`<p>${escapeHtml(note)}</p>`);
    sectionText.push(note);
    html.push(`<section data-join-online="">${section.join('')}</section>`);
    text.push(sectionText.join('\n'));
  }
  html.push('</div>');
  return { subject, html: html.join(''), text: text.join('\n\n'), joinElements };
}

/** An IANA time zone this runtime knows (`Europe/Amsterdam`), as `Intl` accepts it. */
export function isTimeZone(value: string): boolean {
  if (value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
export const timeZoneSchema = z.string().check(z.refine(isTimeZone, { error: 'timeZone.invalid' }));

/** A session's start as an e-mail writes it: weekday, date, time and zone, in the e-mail's language. */
export function formatEmailStart(start: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(start));
}

export interface BookingEmailInput {
  /** The site's saved template of the automation (or its default); its `locale` is the e-mail's language. */
  template: Template;
  /** The IANA zone the start is written in: the site's. */
  timeZone: string;
  clientName: string;
  serviceName: string;
  /** The session's start, an ISO date-time. */
  start: string;
  /** The session's resolved link as the client may see it (never a `hostUrl`, R18). */
  resolution: Resolution;
}

/** What a calendar part needs of the join-online section: the link, and the password and description the template keeps. */
export interface BookingEmailJoin {
  url: string;
  password: string | null;
  description: string | null;
}

export interface BookingEmail extends RenderedEmail {
  automationId: AutomationId;
  locale: Locale;
  timeZone: string;
  /** The start as written in the e-mail. */
  start: string;
  /** The template's body with its values filled in, plain text (the message above the join-online section). */
  body: string;
  /** `null`: the session has no link (see `onSite`). */
  join: BookingEmailJoin | null;
  /** The session takes place on site (its service is not online): a calendar update cancels the online invite. */
  onSite: boolean;
}

/**
 * An automation's e-mail for one booked session (R12, R28): the one rendering, used by the
 * widget's preview and by the server for the host's mailer. The start is written in the
 * template's language and the given time zone; user text (names, descriptions, passwords)
 * goes in as text, escaped in HTML.
 */
export function renderBookingEmail(input: BookingEmailInput): BookingEmail {
  const { template, resolution } = input;
  const start = formatEmailStart(input.start, template.locale, input.timeZone);
  const rendered = renderEmail(template, { clientName: input.clientName, serviceName: input.serviceName, start, resolution });
  const kept = new Set(template.joinOnline.elements);
  const link = resolution.status === 'linked' && isSafeHref(resolution.link.guestUrl) ? resolution.link : null;
  return {
    ...rendered,
    automationId: template.automationId,
    locale: template.locale,
    timeZone: input.timeZone,
    start,
    body: fillTemplate(template.body, { clientName: input.clientName, serviceName: input.serviceName, start }),
    join: link
      ? {
          url: link.guestUrl,
          password: kept.has('password') && link.password ? link.password : null,
          description: kept.has('description') && link.description ? link.description : null,
        }
      : null,
    onSite: resolution.status === 'none' && resolution.reason === 'OFFLINE',
  };
}
