/**
 * Telling clients (R29): the outbox of notices, the delivery worker and its transports.
 * Node only (nodemailer, node:crypto). Entry `@session-links/server/notices`.
 */
export {
  type BackoffOptions,
  DEFAULT_MAX_ATTEMPTS,
  type DeliveryOptions,
  type DeliveryResult,
  type DeliveryWorker,
  nextAttemptAt,
  runDelivery,
  type StartDeliveryWorkerOptions,
  startDeliveryWorker,
} from './delivery-worker';
export {
  DEFAULT_NOTICE_SETTLE_MS,
  NoticeConfigError,
  type NoticeTransportConfig,
  noticeConfigFromEnv,
  noticeSettleMsFromEnv,
  noticeTransportFromEnv,
  noticeTransportOf,
} from './from-env';
export {
  type ClaimedNotice,
  type ClaimOptions,
  coalesce,
  DEFAULT_COALESCE_WINDOW_MS,
  type FailOptions,
  type ListOptions,
  MemoryOutbox,
  messageIdFor,
  type Notice,
  type NoticeInput,
  type NoticeKind,
  type NoticeStatus,
  type NoticeWhy,
  type Outbox,
  type OutboxOptions,
  type RecordResult,
} from './outbox';
export { type NoticesTable, type OutboxDb, SqlOutbox } from './outbox-sql';
export { plainNoticeRender } from './plain-render';
export { noticeAutomation, renderedNoticeOf, storeNoticeRenderer } from './render';
export { listDueNotices, markNoticeFailed, markNoticeSent } from './transports/pull';
export { classifySmtpError, type SmtpTransportOptions, smtpTransport } from './transports/smtp';
export { type NoticeTransport, type RenderedNotice, type RenderNotice, TransportError } from './transports/transport';
export {
  NOTICE_SIGNATURE_HEADER,
  NOTICE_TIMESTAMP_HEADER,
  NOTICE_WEBHOOK_MAX_AGE_SECONDS,
  type NoticeWebhookBody,
  signNoticeWebhook,
  verifyNoticeWebhook,
  type WebhookTransportOptions,
  webhookTransport,
} from './transports/webhook';
