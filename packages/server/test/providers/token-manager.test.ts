import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryTokenStorage,
  createTokenCipher,
  createTokenManager,
  generateTokenKey,
  type MemoryTokenStorage,
  sealTokens,
  type TokenCipher,
  type TokenStore,
  tokenStorageFromStore,
  tokenStorageFromTx,
} from '../../src/providers/tokens';
import { createZoomClient, type ZoomClient, type ZoomGrant } from '../../src/providers/zoom/client';
import type { StoredTokens } from '../../src/store/types';
import { type FakeZoom, startFakeZoom } from '../../src/testing';

const REDIRECT = 'http://127.0.0.1:9/zoom/callback';
const ACCOUNT = 'acct-zoom-1';
const SITE = 'site-studio';
const DAY = 86_400_000;

let zoom: FakeZoom;
let client: ZoomClient;
let cipher: TokenCipher;
let storage: MemoryTokenStorage;

beforeEach(async () => {
  zoom = await startFakeZoom();
  client = createZoomClient(
    { clientId: zoom.clientId, clientSecret: zoom.clientSecret, redirectUri: REDIRECT, oauthBase: zoom.oauthBase, apiBase: zoom.apiBase },
    { sleep: async () => {}, retry: { attempts: 2 } },
  );
  cipher = await createTokenCipher(generateTokenKey());
  storage = createMemoryTokenStorage();
});
afterEach(async () => {
  await zoom.close();
});

/** Connects through the consent page like a user would, and returns Zoom's tokens. */
async function connect(): Promise<ZoomGrant> {
  const request = await client.startAuthorization();
  const html = await (await fetch(request.url)).text();
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name!, value!);
  form.set('decision', 'allow');
  const back = await fetch(`${zoom.oauthBase}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  const code = new URL(back.headers.get('location')!).searchParams.get('code')!;
  const tokens = await client.exchangeCode({ code, codeVerifier: request.codeVerifier });
  if (!tokens.ok) throw new Error(tokens.error.kind);
  return tokens.value;
}

async function storedPlain() {
  const row = storage.get(ACCOUNT);
  if (!row) return null;
  return { access: await cipher.decrypt(row.accessToken, ACCOUNT), refresh: await cipher.decrypt(row.refreshToken, ACCOUNT), row };
}

describe('token manager: single-flight refresh (R23)', () => {
  it('20 concurrent callers on two instances with an expired access token → exactly one refresh, one new token for all', async () => {
    zoom.switches.accessTokenLifetimeSeconds = 0; // issued already expired, at the fake too
    const original = await connect();
    await createTokenManager({ storage, zoom: client, cipher }).saveTokens(SITE, ACCOUNT, original);
    zoom.switches.accessTokenLifetimeSeconds = 3600;
    expect((await client.getMe(original.accessToken)).ok).toBe(false);

    // Two managers = two server instances sharing one store; only the store's lock joins them.
    const instances = [createTokenManager({ storage, zoom: client, cipher }), createTokenManager({ storage, zoom: client, cipher })];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => instances[i % 2]!.getAccessToken(ACCOUNT)));

    expect(zoom.calls.token.refresh).toBe(1);
    const tokens = new Set(results.map((r) => (r.ok ? r.accessToken : `failed:${JSON.stringify(r)}`)));
    expect(tokens.size).toBe(1);
    const [fresh] = [...tokens];
    expect(fresh).not.toBe(original.accessToken);
    expect((await client.getMe(fresh!)).ok).toBe(true);

    // The rotated refresh token was stored with it; the old one is dead at Zoom.
    const stored = await storedPlain();
    expect(stored?.access).toBe(fresh);
    expect(stored?.refresh).not.toBe(original.refreshToken);
    expect(await client.refresh(original.refreshToken)).toMatchObject({ ok: false, error: { kind: 'invalid-grant' } });
    expect((await client.refresh(stored!.refresh)).ok).toBe(true);
  });

  it('does not refresh while the access token has more than 5 minutes left, and does inside that window', async () => {
    const tokens = await connect();
    await storage.withLockedTokens(ACCOUNT, async (l) => l.put(await sealTokens(cipher, SITE, ACCOUNT, tokens)));
    let clock = Date.now();
    const manager = createTokenManager({ storage, zoom: client, cipher, now: () => clock });
    expect(await manager.getAccessToken(ACCOUNT)).toMatchObject({ ok: true, accessToken: tokens.accessToken, refreshed: false });
    clock = Date.parse(tokens.accessExpiresAt) - 6 * 60_000;
    expect(await manager.getAccessToken(ACCOUNT)).toMatchObject({ ok: true, refreshed: false });
    expect(zoom.calls.token.refresh).toBe(0);
    clock = Date.parse(tokens.accessExpiresAt) - 4 * 60_000;
    const refreshed = await manager.getAccessToken(ACCOUNT);
    expect(refreshed).toMatchObject({ ok: true, refreshed: true });
    expect(zoom.calls.token.refresh).toBe(1);
  });

  it('reports invalid_grant as expired, once, to every concurrent caller, and drops the dead tokens', async () => {
    zoom.switches.accessTokenLifetimeSeconds = 0;
    await createTokenManager({ storage, zoom: client, cipher }).saveTokens(SITE, ACCOUNT, await connect());
    zoom.switches.refuseRefreshes = 1;
    const instances = [createTokenManager({ storage, zoom: client, cipher }), createTokenManager({ storage, zoom: client, cipher })];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => instances[i % 2]!.getAccessToken(ACCOUNT)));
    expect(zoom.calls.token.refresh).toBe(1);
    const causes = new Set(results.map((r) => (r.ok ? 'ok' : r.reason === 'expired' ? r.cause : r.reason)));
    // The refresher sees invalid_grant; callers queued behind it find no tokens left.
    expect([...causes].every((c) => c === 'invalid-grant' || c === 'no-tokens')).toBe(true);
    expect(causes.has('invalid-grant')).toBe(true);
    expect(storage.get(ACCOUNT)).toBeNull();
  });

  it('treats a refresh token older than 90 days as expired without asking Zoom', async () => {
    const tokens = await connect();
    const issued = Date.now();
    await storage.withLockedTokens(ACCOUNT, async (l) => l.put(await sealTokens(cipher, SITE, ACCOUNT, tokens, issued)));
    const manager = createTokenManager({ storage, zoom: client, cipher, now: () => issued + 91 * DAY });
    expect(await manager.getAccessToken(ACCOUNT)).toEqual({ ok: false, reason: 'expired', cause: 'refresh-token-too-old' });
    expect(zoom.calls.token.refresh).toBe(0);
  });

  it('keeps the tokens when Zoom is only unavailable, and succeeds later', async () => {
    zoom.switches.accessTokenLifetimeSeconds = 0;
    const tokens = await connect();
    await createTokenManager({ storage, zoom: client, cipher }).saveTokens(SITE, ACCOUNT, tokens);
    zoom.switches.accessTokenLifetimeSeconds = 3600;
    zoom.switches.tokenFailNext = 2; // both attempts of the client
    const manager = createTokenManager({ storage, zoom: client, cipher });
    expect(await manager.getAccessToken(ACCOUNT)).toMatchObject({
      ok: false,
      reason: 'unavailable',
      error: { kind: 'transient', status: 500 },
    });
    expect((await storedPlain())?.refresh).toBe(tokens.refreshToken);
    expect(await manager.getAccessToken(ACCOUNT)).toMatchObject({ ok: true, refreshed: true });
  });

  it('call(): a 401 triggers one refresh and a retry', async () => {
    const tokens = await connect();
    // A stored access token Zoom no longer accepts, though its expiry is far away.
    await storage.withLockedTokens(ACCOUNT, async (l) =>
      l.put(await sealTokens(cipher, SITE, ACCOUNT, { ...tokens, accessToken: 'revoked-access-token' })),
    );
    const manager = createTokenManager({ storage, zoom: client, cipher });
    const me = await manager.call(ACCOUNT, (token) => client.getMe(token));
    expect(me).toMatchObject({ ok: true, value: { id: 'fz-user-1' } });
    expect(zoom.calls.token.refresh).toBe(1);
    expect(zoom.calls.users.me).toBe(2);
  });

  it('call(): a deauthorized user ends as expired, not as a silent failure', async () => {
    await createTokenManager({ storage, zoom: client, cipher }).saveTokens(SITE, ACCOUNT, await connect());
    zoom.deauthorize('fz-user-1');
    const manager = createTokenManager({ storage, zoom: client, cipher });
    const created = await manager.call(ACCOUNT, (token) =>
      client.createMeeting(token, { topic: 'Yoga', start: '2026-12-01T09:00:00Z', durationMinutes: 60 }),
    );
    expect(created).toEqual({ ok: false, error: { kind: 'expired', cause: 'invalid-grant' } });
    expect(zoom.meetings()).toHaveLength(0);
  });

  it('memory storage drops writes of a locked section that throws', async () => {
    const tokens = await connect();
    await expect(
      storage.withLockedTokens(ACCOUNT, async (l) => {
        await l.put(await sealTokens(cipher, SITE, ACCOUNT, tokens));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(storage.get(ACCOUNT)).toBeNull();
  });
});

/** A store whose transactions run one at a time with their writes committed at the end, as the memory store does. */
function serialStore(): TokenStore & { rows: Map<string, StoredTokens> } {
  const rows = new Map<string, StoredTokens>();
  let tail: Promise<unknown> = Promise.resolve();
  return {
    rows,
    transaction(fn) {
      const run = tail.then(async () => {
        const writes = new Map<string, StoredTokens | null>();
        const result = await fn({
          getTokens: async (id) => (writes.has(id) ? writes.get(id)! : (rows.get(id) ?? null)),
          putTokens: async (t) => void writes.set(t.accountId, t),
          deleteTokens: async (id) => void writes.set(id, null),
        });
        for (const [id, t] of writes)
          if (t) rows.set(id, t);
          else rows.delete(id);
        return result;
      });
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

describe('token manager over the server Store', () => {
  it('refreshes once for 20 concurrent callers and commits the rotated token with it', async () => {
    zoom.switches.accessTokenLifetimeSeconds = 0;
    const store = serialStore();
    const port = tokenStorageFromStore(store);
    await createTokenManager({ storage: port, zoom: client, cipher }).saveTokens(SITE, ACCOUNT, await connect());
    zoom.switches.accessTokenLifetimeSeconds = 3600;
    const instances = [
      createTokenManager({ storage: port, zoom: client, cipher }),
      createTokenManager({ storage: port, zoom: client, cipher }),
    ];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => instances[i % 2]!.getAccessToken(ACCOUNT)));
    expect(zoom.calls.token.refresh).toBe(1);
    expect(new Set(results.map((r) => (r.ok ? r.accessToken : 'failed'))).size).toBe(1);
    const row = store.rows.get(ACCOUNT)!;
    expect(await cipher.decrypt(row.accessToken, ACCOUNT)).toBe(results[0]!.ok ? results[0]!.accessToken : '');
  });

  it('works inside a transaction already open, without waiting on itself', async () => {
    zoom.switches.accessTokenLifetimeSeconds = 0;
    const store = serialStore();
    await createTokenManager({ storage: tokenStorageFromStore(store), zoom: client, cipher }).saveTokens(SITE, ACCOUNT, await connect());
    zoom.switches.accessTokenLifetimeSeconds = 3600;
    const result = await store.transaction(async (tx) => {
      const manager = createTokenManager({ storage: tokenStorageFromTx(tx), zoom: client, cipher });
      return manager.call(ACCOUNT, (token) => client.getMe(token));
    });
    expect(result).toMatchObject({ ok: true, value: { id: 'fz-user-1' } });
    expect(zoom.calls.token.refresh).toBe(1);
  });
});
