import { useEffect, useState } from 'react';

/** What scripts/example-inbox.mjs keeps of one e-mail the server sent (plain values; never the html part). */
export interface InboxMessage {
  id: string;
  messageId: string | null;
  from: string;
  to: { name: string; address: string }[];
  subject: string;
  date: string;
  text: string;
  calendar: {
    method: string;
    uid: string | null;
    sequence: number;
    status: string | null;
    summary: string | null;
    start: string | null;
    url: string | null;
    location: string | null;
  } | null;
}

const INBOX_URL = '/__inbox/messages';

const COPY = {
  en: {
    title: 'Inbox',
    intro:
      'The e-mails the server sent to clients, caught on this machine by the example’s mail catcher: nothing leaves it. Change the course link on the Services page and each booked client gets one.',
    empty: 'No e-mail yet.',
    unavailable: 'The mail catcher is not running: start the dashboard with pnpm example.',
    list: 'Received e-mails',
    to: 'To',
    subject: 'Subject',
    date: 'Date',
    from: 'From',
    back: 'Back to the inbox',
    text: 'Message (plain text)',
    calendar: 'Calendar part',
    noCalendar: 'This e-mail has no calendar part.',
    method: 'Method',
    methodREQUEST: 'REQUEST — adds or updates the event',
    methodCANCEL: 'CANCEL — cancels the online event',
    sequence: 'Sequence',
    uid: 'UID',
    start: 'Starts',
    link: 'Link (URL)',
    location: 'Location',
    none: 'none',
    messageId: 'Message-ID',
  },
  nl: {
    title: 'Inbox',
    intro:
      'De e-mails die de server naar klanten stuurde, opgevangen op deze machine door de mailvanger van het voorbeeld: er gaat niets naar buiten. Wijzig de cursuslink op de pagina Services en elke geboekte klant krijgt er één.',
    empty: 'Nog geen e-mail.',
    unavailable: 'De mailvanger draait niet: start het dashboard met pnpm example.',
    list: 'Ontvangen e-mails',
    to: 'Aan',
    subject: 'Onderwerp',
    date: 'Datum',
    from: 'Van',
    back: 'Terug naar de inbox',
    text: 'Bericht (platte tekst)',
    calendar: 'Agendadeel',
    noCalendar: 'Deze e-mail heeft geen agendadeel.',
    method: 'Methode',
    methodREQUEST: 'REQUEST — voegt de afspraak toe of werkt hem bij',
    methodCANCEL: 'CANCEL — annuleert de online afspraak',
    sequence: 'Volgnummer',
    uid: 'UID',
    start: 'Begint',
    link: 'Link (URL)',
    location: 'Locatie',
    none: 'geen',
    messageId: 'Message-ID',
  },
} as const;

type Copy = (typeof COPY)[keyof typeof COPY];

const recipients = (m: InboxMessage) => m.to.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');

/**
 * The example's inbox (R29): what the server's delivery worker e-mailed clients, as the mail
 * catcher received it. Everything is shown as text — the e-mail's own HTML never reaches this
 * page — so a client name or a link with markup in it stays text.
 */
export function Inbox({ locale }: { locale: 'en' | 'nl' }) {
  const t: Copy = COPY[locale];
  const [messages, setMessages] = useState<InboxMessage[] | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const response = await fetch(INBOX_URL, { cache: 'no-store' });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { messages: InboxMessage[] };
        if (!stopped) {
          setMessages(body.messages);
          setUnavailable(false);
        }
      } catch {
        if (!stopped) setUnavailable(true);
      }
      if (!stopped) timer = setTimeout(load, 2000);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  const format = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const current = messages?.find((m) => m.id === open) ?? null;

  if (current) return <MessageView message={current} t={t} format={format} onBack={() => setOpen(null)} />;
  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t.title}</h1>
      <p className="inbox-intro">{t.intro}</p>
      {unavailable ? <p role="status">{t.unavailable}</p> : null}
      {messages && messages.length === 0 && !unavailable ? <p role="status">{t.empty}</p> : null}
      {messages && messages.length > 0 ? (
        <ul className="inbox-list" aria-label={t.list}>
          {messages.map((m) => (
            <li key={m.id}>
              <button type="button" className="inbox-row" onClick={() => setOpen(m.id)}>
                <span className="inbox-to">
                  <span className="inbox-label">{t.to}: </span>
                  {recipients(m)}
                </span>
                <span className="inbox-subject">
                  <span className="inbox-label">{t.subject}: </span>
                  {m.subject}
                </span>
                <time className="inbox-date" dateTime={m.date}>
                  {format(m.date)}
                </time>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function MessageView({
  message,
  t,
  format,
  onBack,
}: {
  message: InboxMessage;
  t: Copy;
  format: (iso: string) => string;
  onBack: () => void;
}) {
  const c = message.calendar;
  return (
    <article className="inbox-message" aria-labelledby="inbox-message-subject">
      <button type="button" className="host-button" onClick={onBack}>
        ← {t.back}
      </button>
      <h1 id="inbox-message-subject">{message.subject}</h1>
      <dl className="inbox-fields">
        <dt>{t.from}</dt>
        <dd>{message.from}</dd>
        <dt>{t.to}</dt>
        <dd>{recipients(message)}</dd>
        <dt>{t.date}</dt>
        <dd>
          <time dateTime={message.date}>{format(message.date)}</time>
        </dd>
        <dt>{t.messageId}</dt>
        <dd className="inbox-code">{message.messageId ?? t.none}</dd>
      </dl>
      <h2>{t.text}</h2>
      {/* Text, as React writes it: markup in a name or a link is shown, never run. */}
      <pre className="inbox-text">{message.text}</pre>
      <h2>{t.calendar}</h2>
      {c ? (
        <dl className="inbox-fields" aria-label={t.calendar}>
          <dt>{t.method}</dt>
          <dd>{c.method === 'CANCEL' ? t.methodCANCEL : c.method === 'REQUEST' ? t.methodREQUEST : c.method}</dd>
          <dt>{t.sequence}</dt>
          <dd>{c.sequence}</dd>
          <dt>{t.start}</dt>
          <dd>{c.start ? format(c.start) : t.none}</dd>
          <dt>{t.link}</dt>
          <dd className="inbox-code">{c.url ?? t.none}</dd>
          <dt>{t.location}</dt>
          <dd className="inbox-code">{c.location ?? t.none}</dd>
          <dt>{t.uid}</dt>
          <dd className="inbox-code">{c.uid ?? t.none}</dd>
        </dl>
      ) : (
        <p>{t.noCalendar}</p>
      )}
    </article>
  );
}
