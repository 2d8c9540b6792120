import { type BackoffOptions, nextAttemptAt } from '../delivery-worker';
import type { Notice, Outbox } from '../outbox';
import { redactReason } from './transport';

/**
 * No transport: the host pulls due notices, delivers them its own way, and says how it went.
 * Nothing is claimed: a host that pulls from several processes at once must share out the
 * notices itself (or run the delivery worker with a transport instead).
 */
export function listDueNotices(outbox: Outbox, options: { now?: Date; limit?: number; site?: string } = {}): Promise<Notice[]> {
  return outbox.due(options.now ?? new Date(), Math.min(options.limit ?? 100, 1000), options.site);
}

/** The host delivered it: `sent`, once (false when it was not queued, failed or sending: already sent, dead or unknown). */
export function markNoticeSent(outbox: Outbox, id: string, at: Date = new Date()): Promise<boolean> {
  return outbox.complete(id, at);
}

/**
 * The host could not deliver it: retried with the worker's backoff, `dead` after `maxAttempts`
 * or at once when `permanent`. `reason`: short, no secret; an address in it is kept as `[address]`.
 */
export async function markNoticeFailed(
  outbox: Outbox,
  id: string,
  reason: string,
  options: { permanent?: boolean; at?: Date; maxAttempts?: number; backoff?: BackoffOptions } = {},
): Promise<boolean> {
  const notice = await outbox.get(id);
  if (!notice) return false;
  const at = options.at ?? new Date();
  const attempts = notice.attempts + (notice.status === 'sending' ? 0 : 1);
  const dead = options.permanent === true || attempts >= (options.maxAttempts ?? 8);
  return outbox.fail(id, {
    at,
    error: redactReason(reason),
    dead,
    nextAttemptAt: dead ? null : nextAttemptAt(attempts, at, options.backoff),
  });
}
