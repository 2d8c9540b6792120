/**
 * How notices reach clients (R29), as the environment says, checked without loading a
 * transport: `createSessionLinksServer` refuses a wrong configuration when it is called and
 * loads nodemailer only when the store opens.
 */

/** A notice transport the environment asks for that cannot work as given: the message says what to set. */
export class NoticeConfigError extends Error {
  override readonly name = 'NoticeConfigError';
}

export type NoticeTransportConfig = { kind: 'smtp'; url: string; from: string } | { kind: 'webhook'; url: string; secret: string };

/**
 * `SESSION_LINKS_SMTP_URL` + `SESSION_LINKS_MAIL_FROM` (e-mail through an SMTP server), or
 * `SESSION_LINKS_NOTICE_WEBHOOK_URL` + `SESSION_LINKS_NOTICE_WEBHOOK_SECRET` (a signed POST
 * to the host). Neither: null — notices stay queued for the host to pull.
 */
export function noticeConfigFromEnv(env: Record<string, string | undefined>): NoticeTransportConfig | null {
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
    return { kind: 'smtp', url: smtpUrl, from };
  }
  if (webhookUrl) {
    if (!/^https?:\/\//.test(webhookUrl)) throw new NoticeConfigError('SESSION_LINKS_NOTICE_WEBHOOK_URL must be an http(s) URL');
    const secret = env.SESSION_LINKS_NOTICE_WEBHOOK_SECRET ?? '';
    if (secret.length < 16)
      throw new NoticeConfigError('SESSION_LINKS_NOTICE_WEBHOOK_URL needs SESSION_LINKS_NOTICE_WEBHOOK_SECRET of at least 16 characters');
    return { kind: 'webhook', url: webhookUrl, secret };
  }
  return null;
}

/** What the CLI and `createSessionLinksServer` wait before a new notice's first attempt: two minutes. */
export const DEFAULT_NOTICE_SETTLE_MS = 2 * 60_000;

/**
 * `SESSION_LINKS_NOTICE_SETTLE_SECONDS` (0–3600) as milliseconds, else the default. Anything
 * else is refused with an error naming the variable.
 */
export function noticeSettleMsFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.SESSION_LINKS_NOTICE_SETTLE_SECONDS?.trim();
  if (!raw) return DEFAULT_NOTICE_SETTLE_MS;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) > 3600)
    throw new NoticeConfigError(
      `SESSION_LINKS_NOTICE_SETTLE_SECONDS must be a number of seconds from 0 to 3600, got ${JSON.stringify(raw)}`,
    );
  return Number(raw) * 1000;
}
