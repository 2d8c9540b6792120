import nodemailer from 'nodemailer';
import type { Notice } from '../outbox';
import { type NoticeTransport, type RenderedNotice, TransportError } from './transport';

export interface SmtpTransportOptions {
  /** `smtp://user:pass@host:587`, `smtps://…` (nodemailer's connection URL): `SESSION_LINKS_SMTP_URL`. */
  url: string;
  /** The sender, e.g. `Studio <bookings@example.com>`: `SESSION_LINKS_MAIL_FROM`. */
  from: string;
  /** Connections kept open and used in parallel (default 5). */
  maxConnections?: number;
}

/** What nodemailer puts on an SMTP error. */
interface SmtpError {
  code?: string;
  command?: string;
  responseCode?: number;
}

/**
 * The outcome of an SMTP failure as a short reason. A 5xx answer to RCPT TO means the server
 * refused the address: permanent. Everything else (connection refused or cut, 4xx, a 5xx at
 * another step) is tried again later. The server's text is never kept: it may quote the address.
 */
export function classifySmtpError(error: unknown): TransportError {
  const e = (error ?? {}) as SmtpError;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : null;
  if (reply !== null && reply >= 500 && /^RCPT/i.test(e.command ?? ''))
    return new TransportError('address refused', true, { cause: error });
  if (reply !== null)
    return new TransportError(`smtp ${reply}${e.command ? ` (${e.command.split(' ')[0]})` : ''}`, false, { cause: error });
  // nodemailer reports a refused or cut connection as ESOCKET / ECONNECTION; the errno is in its message.
  const errno = /\b(E[A-Z]{3,20})\b/.exec(error instanceof Error ? error.message : '')?.[1];
  const code = typeof e.code === 'string' && /^[A-Z_]{2,32}$/.test(e.code) ? e.code : null;
  return new TransportError((code === 'ESOCKET' || code === 'ECONNECTION' ? errno : null) ?? code ?? 'smtp error', false, { cause: error });
}

/**
 * Notices as e-mail through an SMTP server (nodemailer, pooled connections). The message's
 * `Message-ID` is the notice's idempotency key: every attempt of one notice, by any worker,
 * carries the same one, so a re-send after a crash is recognisably the same message.
 */
export function smtpTransport(options: SmtpTransportOptions): NoticeTransport {
  const mailer = nodemailer.createTransport(options.url, {
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    // A server that stops answering fails the attempt, it never holds the worker.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
  return {
    name: 'smtp',
    async send(notice: Notice, message: RenderedNotice) {
      try {
        await mailer.sendMail({
          from: options.from,
          to: { name: notice.client.name, address: notice.client.email },
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: notice.messageId,
          headers: { 'X-Session-Links-Notice': notice.id },
          ...(message.calendar && { icalEvent: { method: message.calendar.method, content: message.calendar.content } }),
        });
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    async close() {
      mailer.close();
    },
  };
}
