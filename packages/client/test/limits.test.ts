import { ApiError, createClient, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';

const baseUrl = 'http://localhost/api/session-links';
const settingsUrl = `${baseUrl}/sites/${MAIN_SITE}/settings`;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

/** A server that answers the settings route the way a test needs; everything else is an error. */
function serve(resolver: Parameters<typeof http.get>[1]) {
  const server = setupServer(http.get(settingsUrl, resolver));
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('client: a call never hangs', () => {
  it('times out after 15 s by default, configurable, as a NETWORK error whose cause is a TimeoutError', async () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(15_000);
    serve(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const client = createClient({ baseUrl, siteId: MAIN_SITE, timeoutMs: 50 });
    const e = await failure(client.getSettings());
    expect(e).toMatchObject({ code: 'NETWORK', status: 0, message: 'The server did not answer within 50 ms' });
    expect((e.cause as DOMException).name).toBe('TimeoutError');
  });
  it('the timeout covers a body that never ends', async () => {
    serve(
      () =>
        new HttpResponse(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"siteId":'));
            },
          }),
          { headers: { 'content-type': 'application/json' } },
        ),
    );
    const e = await failure(createClient({ baseUrl, siteId: MAIN_SITE, timeoutMs: 50 }).getSettings());
    expect([e.code, (e.cause as DOMException).name]).toEqual(['NETWORK', 'TimeoutError']);
  });
  it("a caller's abort is still the caller's, not a timeout", async () => {
    serve(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const controller = new AbortController();
    const call = createClient({ baseUrl, siteId: MAIN_SITE, timeoutMs: 10_000 }).getSettings({ signal: controller.signal });
    controller.abort(new DOMException('stop', 'AbortError'));
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('client: response size cap', () => {
  it('refuses a body over 5 MB by default as SERVER, declared or streamed', async () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(5 * 1024 * 1024);
    const big = `"${'x'.repeat(DEFAULT_MAX_RESPONSE_BYTES)}"`;
    serve(() => new HttpResponse(big, { headers: { 'content-type': 'application/json' } }));
    const e = await failure(createClient({ baseUrl, siteId: MAIN_SITE }).getSettings());
    expect(e).toMatchObject({ code: 'SERVER', message: expect.stringContaining('larger than 5242880 bytes') });
  });
  it('counts the bytes of a streamed body without a length', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(1024));
    serve(
      () =>
        new HttpResponse(
          new ReadableStream({
            pull(controller) {
              controller.enqueue(chunk); // endless: only the cap ends it
            },
          }),
        ),
    );
    const e = await failure(createClient({ baseUrl, siteId: MAIN_SITE, maxResponseBytes: 10_000 }).getSettings());
    expect(e).toMatchObject({ code: 'SERVER', message: expect.stringContaining('larger than 10000 bytes') });
  });
  it('the cap is configurable: a normal answer passes the default and fails a tiny cap', async () => {
    const api = setupMockApi('zoom-default');
    api.server.listen({ onUnhandledRequest: 'error' });
    stop = () => api.server.close();
    expect((await createClient({ baseUrl, siteId: MAIN_SITE }).getSettings()).siteId).toBe(MAIN_SITE);
    expect((await failure(createClient({ baseUrl, siteId: MAIN_SITE, maxResponseBytes: 20 }).getSettings())).code).toBe('SERVER');
  });
});

describe('client: UNAUTHORIZED and RATE_LIMITED (R24)', () => {
  it('401 is UNAUTHORIZED, with or without an error body', async () => {
    serve(() => HttpResponse.json({ error: { code: 'UNAUTHORIZED', message: 'Sign in' } }, { status: 401 }));
    expect(await failure(createClient({ baseUrl, siteId: MAIN_SITE }).getSettings())).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    stop?.();
    serve(() => new HttpResponse('<html>login</html>', { status: 401 }));
    expect(await failure(createClient({ baseUrl, siteId: MAIN_SITE }).getSettings())).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
  });
  it("429 is RATE_LIMITED with retryAfter from the body's error.retryAfter", async () => {
    serve(() =>
      HttpResponse.json(
        { error: { code: 'RATE_LIMITED', message: 'Slow down', retryAfter: 7 } },
        { status: 429, headers: { 'retry-after': '99' } },
      ),
    );
    expect(await failure(createClient({ baseUrl, siteId: MAIN_SITE }).getSettings())).toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      retryAfter: 7,
    });
  });
  it('429 without a body takes retryAfter from the Retry-After header, seconds or a date', async () => {
    serve(() => new HttpResponse(null, { status: 429, headers: { 'retry-after': '30' } }));
    expect(await failure(createClient({ baseUrl, siteId: MAIN_SITE }).getSettings())).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: 30,
    });
    stop?.();
    const at = new Date(Date.now() + 120_000).toUTCString();
    serve(() => new HttpResponse(null, { status: 429, headers: { 'retry-after': at } }));
    const e = await failure(createClient({ baseUrl, siteId: MAIN_SITE }).getSettings());
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.retryAfter).toBeGreaterThanOrEqual(118);
    expect(e.retryAfter).toBeLessThanOrEqual(120);
  });
});

describe('client: ids cannot change the route', () => {
  it.each(['..', '.', '%2e%2e', '.%2E', '%2e', ''])('getSession(%j) is refused before anything is sent', async (id) => {
    const api = setupMockApi('zoom-default');
    const requests: string[] = [];
    api.server.events.on('request:start', ({ request }) => {
      requests.push(request.url);
    });
    api.server.listen({ onUnhandledRequest: 'error' });
    stop = () => api.server.close();
    const client = createClient({ baseUrl, siteId: MAIN_SITE });
    const e = await failure(client.getSession(id));
    expect([e.code, e.status]).toEqual(['VALIDATION', 0]);
    expect(requests).toEqual([]);
  });
  it('an id with slashes and dots stays one path segment', async () => {
    const api = setupMockApi('zoom-default');
    const requests: string[] = [];
    api.server.events.on('request:start', ({ request }) => {
      requests.push(request.url);
    });
    api.server.listen({ onUnhandledRequest: 'error' });
    stop = () => api.server.close();
    const client = createClient({ baseUrl, siteId: MAIN_SITE });
    expect((await failure(client.getSession('../../settings'))).code).toBe('NOT_FOUND');
    expect((await failure(client.setStaffCustomLink('..', { link: { url: 'https://whereby.com/x' }, version: 1 }))).code).toBe(
      'VALIDATION',
    );
    expect(requests).toEqual([`${baseUrl}/sites/${MAIN_SITE}/sessions/..%2F..%2Fsettings`]);
  });
});
