import { markExpired } from '../service/meeting-worker';
import type { Store } from '../store/types';
import { handleZoomWebhookRequest } from '../zoom-http/webhook';

/**
 * `POST {base}/zoom/webhook`: no user, a signature instead (HMAC-SHA256 of
 * `v0:{timestamp}:{body}` with `ZOOM_WEBHOOK_SECRET_TOKEN`, at most 5 minutes old); a
 * forged or stale one is refused with 401 and changes nothing.
 * - `endpoint.url_validation`: answered.
 * - `app_deauthorized`: every account of that Zoom user is `expired` (R17) and its tokens deleted.
 * - `meeting.deleted` for a meeting a session still needs: pending again, the worker makes a new one;
 *   one we were deleting anyway: forgotten.
 */
export function handleZoomWebhook(request: Request, store: Store, options: { secret: string; now: () => Date }): Promise<Response> {
  return handleZoomWebhookRequest(request, {
    secret: options.secret,
    now: () => options.now().getTime(),
    onEvent: async (event) => {
      if (event.type === 'app_deauthorized') {
        await store.transaction(async (tx) => {
          for (const { siteId, accountId } of await tx.findZoomAccounts(event.zoomUserId)) {
            await markExpired(tx, siteId, accountId);
            await tx.deleteTokens(accountId);
          }
        });
      } else if (event.type === 'meeting.deleted') {
        const at = options.now().toISOString();
        await store.transaction(async (tx) => {
          for (const m of await tx.findMeetingsByZoomId(event.meetingId)) {
            if (m.status === 'deleting') await tx.deleteMeeting(m.siteId, m.accountId, m.sessionId);
            else
              await tx.updateMeeting(m.siteId, m.accountId, m.sessionId, {
                status: 'pending',
                zoomMeetingId: null,
                joinUrl: null,
                startUrl: null,
                password: null,
                attempts: 0,
                nextAttemptAt: null,
                lastError: 'deleted at Zoom',
                updatedAt: at,
              });
          }
        });
      }
    },
  });
}
