import { type NoticeTransportConfig, noticeConfigFromEnv } from './config';
import { smtpTransport } from './transports/smtp';
import type { NoticeTransport } from './transports/transport';
import { webhookTransport } from './transports/webhook';

export {
  DEFAULT_NOTICE_SETTLE_MS,
  NoticeConfigError,
  type NoticeTransportConfig,
  noticeConfigFromEnv,
  noticeSettleMsFromEnv,
} from './config';

/** The transport of a configuration (`noticeConfigFromEnv`). */
export function noticeTransportOf(config: NoticeTransportConfig): NoticeTransport {
  return config.kind === 'smtp' ? smtpTransport({ url: config.url, from: config.from }) : webhookTransport(config);
}

/**
 * The transport the CLI's delivery worker uses (R29), from the environment:
 * `SESSION_LINKS_SMTP_URL` + `SESSION_LINKS_MAIL_FROM` (e-mail through an SMTP server), or
 * `SESSION_LINKS_NOTICE_WEBHOOK_URL` + `SESSION_LINKS_NOTICE_WEBHOOK_SECRET` (a signed POST
 * to the host). Neither: null — notices stay queued for the host to pull.
 */
export function noticeTransportFromEnv(env: Record<string, string | undefined>): NoticeTransport | null {
  const config = noticeConfigFromEnv(env);
  return config ? noticeTransportOf(config) : null;
}
