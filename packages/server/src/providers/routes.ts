import { type ConnectedProvider, PROVIDER_NAMES } from '@session-links/core';
import { randomToken } from '../oauth';
import { markExpired } from '../service/meeting-worker';
import type { Store } from '../store/types';
import { answerZoomWebhook, type WebhookRequestLike } from './zoom/webhook';

export const CONNECTION_CALLBACK_MESSAGE_TYPE = 'session-links:connection-callback';

/** JSON that is safe inside a `<script>`: no `<`, `>`, `&` or line separators survive as themselves. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function page(status: number, title: string, text: string, script?: { nonce: string; body: string }): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="referrer" content="no-referrer"><title>${title}</title></head>
<body><p>${text}</p>${script ? `<script nonce="${script.nonce}">${script.body}</script>` : ''}</body></html>`;
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The URL carries the authorization code: never sent on, never framed, nothing but our one script runs.
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': `default-src 'none'; script-src ${script ? `'nonce-${script.nonce}'` : "'none'"}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    },
  });
}

/**
 * `GET {base}/zoom/callback`, `/google/callback`, `/microsoft/callback` (R14, R19, R31):
 * where the provider sends the popup back — one handler, told which provider's path it
 * answers; a state started for another provider is refused like an unknown one. No user is
 * signed in here (a popup navigation carries no auth header): the flow is identified by
 * its `state` only, which is read, not spent — `completeConnection` spends it. The
 * page posts `{ type, outcome, state, code? }` to its opener, for the origin recorded
 * when the connection started and no other, then closes.
 */
/** What `randomToken` makes: base64url, 16 to 256 characters. */
const STATE_SHAPE = /^[A-Za-z0-9_-]{16,256}$/;

export function handleZoomCallback(request: Request, store: Store, now: () => Date): Promise<Response> {
  return handleProviderCallback(request, store, now, 'zoom');
}

export async function handleProviderCallback(
  request: Request,
  store: Store,
  now: () => Date,
  provider: ConnectedProvider,
): Promise<Response> {
  const name = PROVIDER_NAMES[provider];
  const url = new URL(request.url);
  const state = url.searchParams.get('state') ?? '';
  // A state is one of our random tokens: anything else (a NUL, a lone surrogate, markup) is
  // refused here, before it reaches the database (R26).
  const record = STATE_SHAPE.test(state)
    ? await store.transaction(async (tx) => {
        const found = await tx.takeOAuthState(state);
        if (found) await tx.insertOAuthState(found);
        return found;
      })
    : null;
  if (!record || Date.parse(record.expiresAt) <= now().getTime() || (record.provider ?? 'zoom') !== provider) {
    return page(400, name, `This ${name} connection has expired or was already used. Close this window and connect again.`);
  }
  const code = url.searchParams.get('code');
  const error = url.searchParams.get('error');
  const message =
    code && !error
      ? { type: CONNECTION_CALLBACK_MESSAGE_TYPE, outcome: 'allow', state, code }
      : { type: CONNECTION_CALLBACK_MESSAGE_TYPE, outcome: error === 'access_denied' ? 'deny' : 'cancel', state };
  const nonce = randomToken(18);
  const body = `(function(){var d=${scriptJson({ message, origin: record.origin })};if(window.opener){window.opener.postMessage(d.message,d.origin);}window.close();})();`;
  return page(200, name, `Finishing the ${name} connection… You can close this window.`, { nonce, body });
}

/**
 * `POST {base}/zoom/webhook`: no user, a signature instead (HMAC-SHA256 of
 * `v0:{timestamp}:{body}` with `ZOOM_WEBHOOK_SECRET_TOKEN`, at most 5 minutes old); a
 * forged or stale one is refused with 401 and changes nothing.
 * - `endpoint.url_validation`: answered.
 * - `app_deauthorized`: every account of that Zoom user is `expired` (R17) and its tokens deleted.
 * - `meeting.deleted` for a meeting a session still needs: pending again, the worker makes a new one;
 *   one we were deleting anyway: forgotten.
 */
export function handleZoomWebhook(
  request: WebhookRequestLike,
  store: Store,
  options: { secret: string; now: () => Date },
): Promise<Response> {
  return answerZoomWebhook(request, {
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
