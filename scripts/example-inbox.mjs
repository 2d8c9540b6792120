// The example's mail catcher: a real SMTP server on loopback (smtp-server) that the
// session-links server's delivery worker sends to (SESSION_LINKS_SMTP_URL), keeping what it
// receives in memory, parsed (mailparser; the calendar part with ical.js), for the dashboard's
// Inbox page. The Vite dev server serves the list at /__inbox/messages (`inboxPlugin`).
// Nothing here is for production: it accepts any sender and any recipient, on 127.0.0.1 only.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The catcher's libraries are the server package's test dependencies: resolved from there.
const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../packages/server/package.json'));
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');
const ICAL = require('ical.js');

export const INBOX_PATH = '/__inbox/messages';
const MAX_MESSAGES = 500;

/** The calendar part in brief: what a calendar app does with it. Null when the e-mail has none or it does not parse. */
function calendarSummary(ics) {
  try {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const event = calendar.getFirstSubcomponent('vevent');
    if (!event) return null;
    const value = (name) => {
      const v = event.getFirstPropertyValue(name);
      return v === null || v === undefined ? null : String(v);
    };
    return {
      method: String(calendar.getFirstPropertyValue('method') ?? ''),
      uid: value('uid'),
      sequence: Number(value('sequence') ?? 0),
      status: value('status'),
      summary: value('summary'),
      start: event.getFirstPropertyValue('dtstart')?.toJSDate().toISOString() ?? null,
      url: value('url'),
      location: value('location'),
    };
  } catch {
    return null;
  }
}

/** What the Inbox page shows of one e-mail: plain values only (the html part is never sent to the page). */
function summaryOf(id, mail) {
  const to = mail.to && !Array.isArray(mail.to) ? mail.to.value : (mail.to ?? []).flatMap((t) => t.value);
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return {
    id,
    messageId: mail.messageId ?? null,
    from: mail.from?.text ?? '',
    to: to.map((a) => ({ name: a.name ?? '', address: a.address ?? '' })),
    subject: mail.subject ?? '',
    date: (mail.date ?? new Date()).toISOString(),
    received: new Date().toISOString(),
    text: mail.text ?? '',
    calendar: part ? calendarSummary(part.content.toString('utf8')) : null,
  };
}

/**
 * Starts the catcher on a free loopback port (or `port`). Returns its `smtp://` URL, the
 * messages received (newest last) and `close()`.
 * @param {{ port?: number, log?: (line: string) => void }} [options]
 */
export async function startInbox(options = {}) {
  const messages = [];
  let next = 1;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(summaryOf(String(next++), mail));
          if (messages.length > MAX_MESSAGES) messages.shift();
          callback();
        },
        (error) => callback(error),
      );
    },
  });
  server.on('error', (error) => options.log?.(`[inbox] ${error.message}`));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A Vite plugin serving the inbox's messages, newest first, as JSON at `INBOX_PATH`. */
export function inboxPlugin(inbox) {
  return {
    name: 'session-links-example-inbox',
    configureServer(server) {
      server.middlewares.use(INBOX_PATH, (request, response) => {
        if (request.method !== 'GET') {
          response.statusCode = 405;
          response.end();
          return;
        }
        response.setHeader('content-type', 'application/json; charset=utf-8');
        response.setHeader('cache-control', 'no-store');
        response.end(JSON.stringify({ messages: [...inbox.messages].reverse() }));
      });
    },
  };
}
