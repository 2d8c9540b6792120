import type { RouteName } from '@session-links/core';
import { hasSiteRevision, type SiteRevision, type SiteRevisionSource } from '../store/views';
import { authorize, type Caller, type Env, memberOf, type Params } from './context';
import { type CachedBody, ReadCache, type ReadCacheOptions } from './read-cache';

/** Every operation by its route name, as `createService` composes them. */
export type Operations = { [N in RouteName]: (caller: Caller, params: Params, input: never) => Promise<unknown> };

/**
 * Operations' answers as the bytes to send: cached reads (R18's audience in the key, the
 * site's revision checked on every request), concurrent identical reads coalesced, ETags.
 */
export function createAnswers(env: Env, operations: Operations, readCache: false | ReadCacheOptions | undefined) {
  const { store, now } = env;
  const cache = readCache === false || !hasSiteRevision(store) ? null : new ReadCache(readCache ?? {});
  const computing = new Map<string, Promise<CachedBody>>();
  type CachedRead = 'getSettings' | 'listStaff' | 'listServices' | 'listSessions' | 'getSession';
  const CACHED: ReadonlySet<string> = new Set<CachedRead>(['getSettings', 'listStaff', 'listServices', 'listSessions', 'getSession']);

  /** What of the request shapes the answer, besides site, revision and audience. */
  function queryKey(name: CachedRead, p: Params, input: unknown): unknown {
    if (name === 'getSession') return p.sessionId;
    if (name === 'listSessions') {
      const q = input as { from: string; to: string };
      return [new Date(q.from).toISOString(), new Date(q.to).toISOString()];
    }
    return null;
  }

  /**
   * An operation's answer as the JSON bytes to send. A cached read first reads the site, the
   * caller's membership and the site's revision in one statement, checks them as `read`
   * does, then answers from the cache or computes (and keeps) the body. Cached reads carry a
   * strong ETag (a hash of the redaction audience and the bytes): when `ifNoneMatch` names
   * it, the answer is `notModified` and its body empty — after the same checks (R18, R24).
   */
  async function answer(name: RouteName, caller: Caller, p: Params, input: unknown, ifNoneMatch?: string | null): Promise<Answer> {
    const operation = operations[name] as (c: Caller, p: Params, i: unknown) => Promise<unknown>;
    // With the cache off, reads still go through the revision check below: concurrent identical
    // reads of one revision compute once (nothing is kept after), so 50 connections on PGlite's
    // single connection wait for one read, not for 49 (R25's fair waiting; issue 20).
    if (!CACHED.has(name) || !hasSiteRevision(store)) {
      return { body: encoder.encode(JSON.stringify(await operation(caller, p, input))), notModified: false };
    }
    const rev = await revisionOf(store, p.siteId, caller.userId);
    const user = memberOf(rev.site, rev.member);
    authorize({ user }, name);
    // R18: what is redacted depends on the role and, for staff, on who they are.
    const audience = user.role === 'owner' ? 'owner' : `${user.role}:${user.staffId ?? ''}`;
    const key = JSON.stringify([p.siteId, rev.revision, name, audience, queryKey(name as CachedRead, p, input)]);
    const at = now().getTime();
    const found = cache?.get(key, at) ?? (await computeOnce(key, audience, at, () => operation(caller, p, input)));
    if (ifNoneMatch && etagMatches(ifNoneMatch, found.etag)) return { body: EMPTY, etag: found.etag, notModified: true };
    return { body: found.body, etag: found.etag, notModified: false };
  }

  /**
   * The site's revision and the caller's membership, read by a statement sent after this
   * request arrived — so a write committed (by any instance) before it is seen. While one
   * statement for a site and user is in flight, the requests arriving for them wait for the
   * next one, sent when it returns: one statement answers them all, none answers a request
   * that arrived after it was sent.
   */
  const revisions = new Map<string, { current: Promise<SiteRevision> | null; next: Promise<SiteRevision> | null }>();
  function revisionOf(source: SiteRevisionSource, siteId: string, userId: string): Promise<SiteRevision> {
    const key = `${siteId}\u0000${userId}`;
    let state = revisions.get(key);
    if (!state) {
      state = { current: null, next: null };
      revisions.set(key, state);
    }
    const s = state;
    const send = (): Promise<SiteRevision> => {
      const sent = source.siteRevision(siteId, userId);
      s.current = sent;
      const settle = () => {
        if (s.current === sent) s.current = null;
        if (s.current === null && s.next === null) revisions.delete(key);
      };
      sent.then(settle, settle);
      return sent;
    };
    if (s.next) return s.next;
    if (!s.current) return send();
    // Not sent yet: goes when the statement in flight has returned.
    const ignore = () => undefined;
    s.next = s.current.then(ignore, ignore).then(() => {
      s.next = null;
      return send();
    });
    return s.next;
  }

  /** Concurrent misses of one key (50 connections after a write) compute it once; kept only with the cache on. */
  async function computeOnce(key: string, audience: string, at: number, read: () => Promise<unknown>): Promise<CachedBody> {
    const pending = computing.get(key);
    if (pending) return pending;
    const computed = (async () => {
      const body = encoder.encode(JSON.stringify(await read()));
      const value = { body, etag: await strongEtag(audience, body) };
      cache?.set(key, value, at);
      return value;
    })();
    computing.set(key, computed);
    try {
      return await computed;
    } finally {
      computing.delete(key);
    }
  }

  /** An operation's answer as JSON text (no ETag): see `answer`. */
  async function answerJson(name: RouteName, caller: Caller, p: Params, input: unknown): Promise<string> {
    return decoder.decode((await answer(name, caller, p, input)).body);
  }

  return { answer, answerJson, readCache: cache };
}

/** What `answer` gives: the body's UTF-8 bytes, and for cached reads their ETag; `notModified`: a 304, empty body. */
export interface Answer {
  body: Uint8Array<ArrayBuffer>;
  etag?: string;
  notModified: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);

/** A strong ETag: SHA-256 of the redaction audience (R18) and the body, base64url, quoted. */
async function strongEtag(audience: string, body: Uint8Array): Promise<string> {
  const head = encoder.encode(`${audience}\n`);
  const all = new Uint8Array(head.byteLength + body.byteLength);
  all.set(head);
  all.set(body, head.byteLength);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', all));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}"`;
}

/** `If-None-Match`: `*` or a list of (possibly weak, `W/`) tags; weak comparison, as RFC 9110 asks for it. */
export function etagMatches(header: string, etag: string): boolean {
  const value = header.trim();
  if (value === '*') return true;
  for (const part of value.split(',')) {
    const tag = part.trim();
    if ((tag.startsWith('W/') ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}
