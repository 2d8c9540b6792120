import {
  type AutomationId,
  bookingSchema,
  fieldErrorsOf,
  idSchema,
  pathParamSchemas,
  routes,
  SYNC_SECRET_HEADER,
  type SyncClaimedNotice,
  type SyncResource,
  type SyncRouteDef,
  type syncClaimNoticesSchema,
  type syncNoticeFailedSchema,
  type syncNoticeSentSchema,
  type syncResources,
  syncRoutes,
  type syncSiteSchema,
} from '@session-links/core';
import type * as z from 'zod/mini';
import { nextAttemptAt } from '../notices/delivery-worker';
import type { Outbox } from '../notices/outbox';
import { renderBookingEmail, storeNoticeRenderer } from '../notices/render';
import { addressInvalid, isOneMailbox, redactReason, TransportError } from '../notices/transports/transport';
import { sameSecret } from '../oauth';
import type { SessionLinksService } from '../service';
import { hasStoreNotices, type Store, type StoreTx } from '../store/types';
import { readJson } from './body';
import type { RateLimiter } from './rate-limit';
import { errorResponse, json, rateLimited } from './responses';
import { compileRoutes, matchesAnyMethod, matchRoute } from './router';

/**
 * The host's sync API under `{basePath}/sync/…` (core's `syncRoutes`): server to server,
 * with the shared secret; PUT upserts, DELETE deletes, in one transaction each.
 */

/** The key of the wrong-secret bucket when the address is unknown: one for all of them (pass `clientAddress`). */
const UNKNOWN_ADDRESS = 'unknown';

const compiled = compileRoutes(syncRoutes);

type SyncBodies = { [R in SyncResource]: z.infer<(typeof syncResources)[R]['body']> };

/**
 * What a sync write refers to must exist, and a session must end after it starts: a
 * dangling reference would make a session no widget can resolve, or a booking of nobody.
 * Read in the writing transaction. Field errors, or null when the write may go ahead.
 */
async function syncReferenceErrors(
  tx: StoreTx,
  siteId: string,
  resource: SyncResource | 'sites',
  body: Record<string, unknown>,
): Promise<Record<string, string[]> | null> {
  const fields: Record<string, string[]> = {};
  const refuse = (field: string, message: string) => {
    fields[field] = [...(fields[field] ?? []), message];
  };
  if (resource === 'sessions') {
    const session = body as SyncBodies['sessions'];
    if (Date.parse(session.end) <= Date.parse(session.start)) refuse('end', 'must be after start');
    if (!(await tx.getService(siteId, session.serviceId))) refuse('serviceId', 'unknown service: sync it first');
    if (session.staffId !== null && !(await tx.listStaff(siteId)).some((s) => s.id === session.staffId)) {
      refuse('staffId', 'unknown staff member: sync them first');
    }
  } else if (resource === 'bookings') {
    const booking = body as SyncBodies['bookings'];
    if ((await tx.listClients(siteId, [booking.clientId])).length === 0) refuse('clientId', 'unknown client: sync them first');
    if (!(await tx.getService(siteId, booking.serviceId))) refuse('serviceId', 'unknown service: sync it first');
    if (booking.sessionId !== null) {
      const session = await tx.getSession(siteId, booking.sessionId);
      if (!session) refuse('sessionId', 'unknown session: sync it first');
      else if (session.serviceId !== booking.serviceId) refuse('sessionId', 'belongs to another service');
    }
  }
  return Object.keys(fields).length > 0 ? fields : null;
}

export interface SyncContext {
  /** No secret: the sync API is off (404). */
  secret: string | undefined;
  limiter: RateLimiter | null;
  maxBytes: number;
  /** The open store and the service over it (the handler opens them before any route). */
  store: () => Store;
  service: () => SessionLinksService;
  now?: () => Date;
}

/** null: the request carries the sync secret; else the refusal to answer (R26: guessing is limited per address). */
export function syncSecretRefusal(
  request: Request,
  secret: string,
  limiter: RateLimiter | null,
  clientAddress: string | null,
): Response | null {
  // The right secret always goes through: a guesser who exhausted the wrong-secret bucket of a
  // shared address (a proxy, or no address at all) must not lock the host out of its own sync.
  // Wrong secrets are limited per address: guessing gets 429s, not answers (R26).
  if (sameSecret(request.headers.get(SYNC_SECRET_HEADER) ?? '', secret)) return null;
  const guessing = limiter?.syncSecretAllowed(clientAddress ?? UNKNOWN_ADDRESS);
  if (guessing) return rateLimited(guessing);
  limiter?.wrongSyncSecret(clientAddress ?? UNKNOWN_ADDRESS);
  return errorResponse('UNAUTHORIZED', 'The sync secret is missing or wrong');
}

/**
 * R28 for the host's own mailer: `renderBookingEmail` with the sync secret instead of a user
 * (the host's server has no user session). Same path, body and answer as the owner's call.
 */
export function createHostEmailRoute(context: Omit<SyncContext, 'service'> & { now: () => Date }) {
  return async function handleHostEmail(request: Request, params: Record<string, string>, clientAddress: string | null): Promise<Response> {
    const { secret } = context;
    // No sync secret configured: no host credential exists to present (never an empty one that matches).
    if (!secret) return errorResponse('UNAUTHORIZED', 'The sync secret is missing or wrong');
    const refused = syncSecretRefusal(request, secret, context.limiter, clientAddress);
    if (refused) return refused;
    for (const [key, value] of Object.entries(params)) {
      if (!(pathParamSchemas[key] ?? idSchema).safeParse(value).success) return errorResponse('NOT_FOUND', `Unknown ${key}`);
    }
    const parsed = routes.renderBookingEmail.body.safeParse(await readJson(request, context.maxBytes));
    if (!parsed.success) return errorResponse('VALIDATION', 'The request is not valid', { fields: fieldErrorsOf(parsed.error) });
    const email = await renderBookingEmail(
      context.store(),
      {
        siteId: params.siteId as string,
        bookingId: params.bookingId as string,
        automationId: params.automationId as AutomationId,
        ...parsed.data,
      },
      { now: context.now },
    );
    return json(email);
  };
}

/** Attempts before a pulled notice is given up, as the delivery worker's. */
const PULL_MAX_ATTEMPTS = 8;

/**
 * R29's pull API: a host without SMTP or a webhook claims due notices with their e-mails,
 * rendered from the site's templates as the delivery worker would send them, and marks each
 * with its claim. A notice that cannot be rendered any more (its booking is gone) is given up
 * here and not handed out.
 */
async function handleNotices(
  context: SyncContext,
  name: string,
  noticeId: string | undefined,
  body: Record<string, unknown>,
): Promise<Response> {
  const store = context.store();
  if (!hasStoreNotices(store)) return errorResponse('NOT_FOUND', 'This store keeps no outbox of notices');
  const outbox = store.notices.outbox as Outbox;
  const now = (context.now ?? (() => new Date()))();
  if (name === 'syncClaimNotices') {
    const { limit = 20, leaseSeconds = 120 } = body as z.infer<typeof syncClaimNoticesSchema>;
    const claimed = await outbox.claim({ now, limit, leaseMs: leaseSeconds * 1000 });
    const render = storeNoticeRenderer(store, { now: () => now });
    if (claimed.length > 0) await render.prepare?.(claimed);
    const notices: SyncClaimedNotice[] = [];
    for (const notice of claimed) {
      let message: Awaited<ReturnType<typeof render>>;
      try {
        // A synced address that is not one mailbox never reaches the host's mailer.
        if (!isOneMailbox(notice.client.email)) throw addressInvalid();
        message = await render(notice);
      } catch (error) {
        const permanent = error instanceof TransportError && error.permanent;
        const dead = permanent || notice.attempts >= PULL_MAX_ATTEMPTS;
        const reason = error instanceof TransportError ? error.reason : 'render failed';
        await outbox.fail(
          notice.id,
          { at: now, error: reason, dead, nextAttemptAt: dead ? null : nextAttemptAt(notice.attempts, now) },
          notice.claim,
        );
        continue;
      }
      notices.push({
        id: notice.id,
        siteId: notice.site,
        bookingId: notice.booking,
        sessionId: notice.session,
        kind: notice.kind,
        claim: notice.claim,
        claimedUntil: new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
        attempts: notice.attempts,
        messageId: notice.messageId,
        to: { ...notice.client },
        oldLink: notice.oldLink,
        newLink: notice.newLink,
        message: {
          subject: message.subject,
          text: message.text,
          html: message.html,
          ics: message.calendar?.content ?? '',
          method: message.calendar?.method === 'CANCEL' ? 'CANCEL' : 'REQUEST',
        },
      });
    }
    return json({ notices });
  }
  const id = noticeId as string;
  const known = await outbox.get(id);
  if (!known) return errorResponse('NOT_FOUND', 'No such notice');
  let recorded: boolean;
  if (name === 'syncMarkNoticeSent') {
    recorded = await outbox.complete(id, now, (body as z.infer<typeof syncNoticeSentSchema>).claim);
  } else {
    const { claim, reason, permanent } = body as z.infer<typeof syncNoticeFailedSchema>;
    const dead = permanent === true || known.attempts >= PULL_MAX_ATTEMPTS;
    recorded = await outbox.fail(
      id,
      { at: now, error: redactReason(reason), dead, nextAttemptAt: dead ? null : nextAttemptAt(known.attempts, now) },
      claim,
    );
  }
  if (!recorded)
    return errorResponse('CONFLICT', "The claim is no longer this notice's: it ran out, or the notice was marked already; claim it again");
  return json({ ok: true });
}

/** Answers a request whose path (below the base path) starts with `/sync/`. */
export function createSyncRoute(context: SyncContext) {
  return async function handleSync(request: Request, rest: string, clientAddress: string | null): Promise<Response> {
    const { secret, limiter } = context;
    if (!secret) return errorResponse('NOT_FOUND', 'No such route');
    const refused = syncSecretRefusal(request, secret, limiter, clientAddress);
    if (refused) return refused;
    // Empty segments are dropped (a trailing or doubled slash), as the sync API always took them.
    const path = `/${rest.split('/').filter(Boolean).join('/')}`;
    const match = matchRoute(compiled, request.method, path);
    if (!match) {
      return errorResponse('NOT_FOUND', matchesAnyMethod(compiled, path) ? 'Use PUT to upsert, DELETE to delete' : 'No such sync route');
    }
    if (match.malformed) return errorResponse('NOT_FOUND', 'No such sync route: the path is not valid percent-encoding');
    if (!Object.values(match.params).every((value) => idSchema.safeParse(value).success)) {
      return errorResponse('NOT_FOUND', 'No such sync route');
    }
    const route: SyncRouteDef = match.route;
    const { resource } = route;
    const siteId = match.params.siteId as string;
    // The resource's own id: the last parameter (the site's for the site itself).
    const id = Object.values(match.params).at(-1) as string;
    let body: Record<string, unknown> = {};
    if (route.body) {
      const parsed = route.body.safeParse(await readJson(request, context.maxBytes));
      if (!parsed.success) return errorResponse('VALIDATION', 'The request is not valid', { fields: fieldErrorsOf(parsed.error) });
      body = parsed.data as Record<string, unknown>;
    }
    if (resource === 'notices') return handleNotices(context, match.name, match.params.noticeId, body);
    const put = request.method === 'PUT';
    const refusal: { fields?: Record<string, string[]> } = {};
    await context.store().transaction(async (tx: StoreTx) => {
      const fields = put ? await syncReferenceErrors(tx, siteId, resource, body) : null;
      if (fields) {
        refusal.fields = fields;
        return;
      }
      switch (resource) {
        case 'sites':
          if (!put) return tx.deleteSite(id);
          await tx.upsertSite({ id, ...(body as z.infer<typeof syncSiteSchema>) });
          // The plan can take every link away or give it back (R1): recorded now, by the host's calendar (R29, R30).
          return context.service().sync.siteChanged(tx, id);
        case 'members':
          return put ? tx.upsertMember(siteId, { userId: id, ...(body as SyncBodies['members']) }) : tx.deleteMember(siteId, id);
        case 'staff':
          if (put) return tx.upsertStaff(siteId, { id, ...(body as SyncBodies['staff']) });
          await tx.deleteStaff(siteId, id);
          // Their sessions lose their account: recorded now, by the host's calendar (R29, R30).
          return context.service().sync.siteChanged(tx, siteId, { staffId: id });
        case 'services':
          if (put) await tx.upsertService(siteId, { id, ...(body as SyncBodies['services']) });
          else await tx.deleteService(siteId, id);
          // Online or not, its sessions' links follow: recorded now, by the host's calendar (R29, R30).
          return context.service().sync.siteChanged(tx, siteId, { serviceId: id });
        case 'sessions': {
          if (put) {
            const session = { id, ...(body as SyncBodies['sessions']) };
            await tx.upsertSession(siteId, session);
            // A new, moved or reassigned session: its meeting follows (R22).
            return context.service().sync.sessionsChanged(tx, siteId, [session]);
          }
          if (await tx.deleteSession(siteId, id)) await context.service().sync.sessionDeleted(tx, siteId, id);
          return;
        }
        case 'clients':
          return put ? tx.upsertClient(siteId, { id, ...(body as SyncBodies['clients']) }) : tx.deleteClient(siteId, id);
        case 'bookings':
          return put ? tx.upsertBooking(siteId, bookingSchema.parse({ id, ...body })) : tx.deleteBooking(siteId, id);
      }
    });
    if (refusal.fields) {
      return errorResponse('VALIDATION', 'The request refers to something the server does not know', { fields: refusal.fields });
    }
    return json({ ok: true });
  };
}
