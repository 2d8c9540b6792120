import {
  apiErrorBodySchema,
  fieldErrorsOf,
  SYNC_SECRET_HEADER,
  type SyncBody,
  type SyncClaimedNotice,
  type SyncClaimNotices,
  type SyncResource,
  type SyncSite,
  syncClaimedNoticesSchema,
  syncClaimNoticesSchema,
  syncNoticeFailedSchema,
  syncNoticeSentSchema,
  syncResources,
  syncSiteSchema,
} from '@session-links/core';
import type * as z from 'zod/mini';
import { ApiError } from './api-error';

export interface SyncClientOptions {
  /** Absolute URL of the API as your server reaches it, e.g. `http://127.0.0.1:3000/api/session-links`. */
  baseUrl: string;
  /** `SESSION_LINKS_SYNC_SECRET`: this client is for your server's code only, never a browser bundle. */
  secret: string;
  /** Defaults to the global `fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** How long one call may take before it fails with `NETWORK`. Default 15 s; `0` turns it off. */
  timeoutMs?: number;
}

/**
 * The host's sync API, typed: one `put…`/`delete…` pair per resource, bodies checked with
 * the schemas the server validates with before anything is sent. Every call resolves when
 * the server has stored (or deleted) the row; a refusal rejects with an `ApiError`
 * (`VALIDATION` with `fields`, e.g. a session of a service that was not synced yet;
 * `UNAUTHORIZED` for a wrong secret; `NOT_FOUND` when the server has no sync secret set).
 *
 * Import it from `@session-links/client/sync`, in server code: the secret must not reach a page.
 */
export function createSyncClient(options: SyncClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(base))
    throw new TypeError('createSyncClient: baseUrl must be an absolute http(s) URL (it runs on your server)');
  if (!options.secret) throw new TypeError('createSyncClient: secret is required (SESSION_LINKS_SYNC_SECRET)');

  async function send(method: 'PUT' | 'DELETE' | 'POST', segments: string[], schema?: z.ZodMiniType, body?: unknown): Promise<unknown> {
    let payload: string | undefined;
    if (schema) {
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        throw new ApiError({
          code: 'VALIDATION',
          status: 0,
          message: 'Invalid sync body',
          fields: fieldErrorsOf(parsed.error),
          cause: parsed.error,
        });
      }
      payload = JSON.stringify(parsed.data);
    }
    for (const s of segments) {
      if (s === '' || /^(\.|%2e){1,2}$/i.test(s)) {
        throw new ApiError({ code: 'VALIDATION', status: 0, message: `Invalid id "${s}"` });
      }
    }
    const url = `${base}/sync/${segments.map(encodeURIComponent).join('/')}`;
    const headers: Record<string, string> = { accept: 'application/json', [SYNC_SECRET_HEADER]: options.secret };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const timeoutMs = options.timeoutMs ?? 15_000;
    let response: Response;
    let text: string;
    try {
      response = await (options.fetch ?? globalThis.fetch)(url, {
        method,
        headers,
        body: payload,
        signal: timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined,
      });
      text = await response.text();
    } catch (error) {
      throw new ApiError({ code: 'NETWORK', status: 0, message: 'The session-links server could not be reached', cause: error });
    }
    if (response.ok) {
      try {
        return text ? JSON.parse(text) : undefined;
      } catch {
        throw new ApiError({ code: 'SERVER', status: response.status, message: `${method} ${url} answered no JSON` });
      }
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = apiErrorBodySchema.safeParse(json);
    if (parsed.success) {
      const e = parsed.data.error;
      throw new ApiError({
        code: e.code,
        status: response.status,
        message: e.message,
        reason: e.reason,
        fields: e.fields,
        retryAfter: e.retryAfter,
      });
    }
    throw new ApiError({ code: 'SERVER', status: response.status, message: `${method} ${url} failed with HTTP ${response.status}` });
  }

  const put =
    <R extends SyncResource>(resource: R) =>
    async (siteId: string, id: string, body: SyncBody<R>): Promise<void> => {
      await send('PUT', ['sites', siteId, resource, id], syncResources[resource].body, body);
    };
  const del =
    (resource: SyncResource) =>
    async (siteId: string, id: string): Promise<void> => {
      await send('DELETE', ['sites', siteId, resource, id]);
    };

  return {
    putSite: async (siteId: string, body: SyncSite): Promise<void> => {
      await send('PUT', ['sites', siteId], syncSiteSchema, body);
    },
    deleteSite: async (siteId: string): Promise<void> => {
      await send('DELETE', ['sites', siteId]);
    },
    /** `userId`: the id your `authenticate` returns for this user. */
    putMember: put('members'),
    deleteMember: del('members'),
    putStaff: put('staff'),
    deleteStaff: del('staff'),
    putService: put('services'),
    deleteService: del('services'),
    /** Sync its service (and staff member) first; `end` after `start`. */
    putSession: put('sessions'),
    deleteSession: del('sessions'),
    putClient: put('clients'),
    deleteClient: del('clients'),
    /** Sync its client, service and session first. */
    putBooking: put('bookings'),
    deleteBooking: del('bookings'),
    /**
     * R29, when you deliver notices yourself (no SMTP or webhook configured on the server):
     * due notices, each with its e-mail rendered from the site's template and a `claim` that
     * holds for `leaseSeconds` (default 120). Send each with `messageId` as its Message-ID.
     */
    claimNotices: async (options: SyncClaimNotices = {}): Promise<SyncClaimedNotice[]> =>
      (
        syncClaimedNoticesSchema.parse(await send('POST', ['notices', 'claim'], syncClaimNoticesSchema, options)) as {
          notices: SyncClaimedNotice[];
        }
      ).notices,
    /** The notice was delivered. A stale claim (its lease ran out) rejects with `CONFLICT`. */
    markNoticeSent: async (noticeId: string, claim: string): Promise<void> => {
      await send('POST', ['notices', noticeId, 'sent'], syncNoticeSentSchema, { claim });
    },
    /** It was not: tried again later, or given up when `permanent`. `reason` is shown to the owner: short, no address. */
    markNoticeFailed: async (noticeId: string, claim: string, reason: string, options: { permanent?: boolean } = {}): Promise<void> => {
      await send('POST', ['notices', noticeId, 'failed'], syncNoticeFailedSchema, { claim, reason, ...options });
    },
  };
}

export type SessionLinksSyncClient = ReturnType<typeof createSyncClient>;
