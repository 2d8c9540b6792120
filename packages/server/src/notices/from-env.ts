import { smtpTransport } from './transports/smtp';
import type { NoticeTransport } from './transports/transport';
import { webhookTransport } from './transports/webhook';

/** A notice transport the environment asks for that cannot work as given: the message says what to set. */
export class NoticeConfigError extends Error {
  override readonly name = 'NoticeConfigError';
}

/**
 * The transport the CLI's delivery worker uses (R29), from the environment:
 * `SESSION_LINKS_SMTP_URL` + `SESSION_LINKS_MAIL_FROM` (e-mail through an SMTP server), or
 * `SESSION_LINKS_NOTICE_WEBHOOK_URL` + `SESSION_LINKS_NOTICE_WEBHOOK_SECRET` (a signed POST
 * to the host). Neither: null — notices stay queued for the host to pull.
 */
export function noticeTransportFromEnv(env: Record<string, string | undefined>): NoticeTransport | null {
  const smtpUrl = env.SESSION_LINKS_SMTP_URL || undefined;
  const webhookUrl = env.SESSION_LINKS_NOTICE_WEBHOOK_URL || undefined;
  if (smtpUrl && webhookUrl)
    throw new NoticeConfigError('both SESSION_LINKS_SMTP_URL and SESSION_LINKS_NOTICE_WEBHOOK_URL are set: notices go one way, set one');
  if (smtpUrl) {
    let protocol: string;
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {
      throw new NoticeConfigError('SESSION_LINKS_SMTP_URL is not a URL (smtp://user:pass@host:587 or smtps://…)');
    }
    if (protocol !== 'smtp:' && protocol !== 'smtps:')
      throw new NoticeConfigError(`SESSION_LINKS_SMTP_URL must start with smtp:// or smtps://, not ${protocol}//`);
    const from = env.SESSION_LINKS_MAIL_FROM;
    if (!from)
      throw new NoticeConfigError('SESSION_LINKS_SMTP_URL is set without SESSION_LINKS_MAIL_FROM (e.g. "Studio <bookings@example.com>")');
    return smtpTransport({ url: smtpUrl, from });
  }
  if (webhookUrl) {
    if (!/^https?:\/\//.test(webhookUrl)) throw new NoticeConfigError('SESSION_LINKS_NOTICE_WEBHOOK_URL must be an http(s) URL');
    const secret = env.SESSION_LINKS_NOTICE_WEBHOOK_SECRET ?? '';
    if (secret.length < 16)
      throw new NoticeConfigError('SESSION_LINKS_NOTICE_WEBHOOK_URL needs SESSION_LINKS_NOTICE_WEBHOOK_SECRET of at least 16 characters');
    return webhookTransport({ url: webhookUrl, secret });
  }
  return null;
}
