// @vitest-environment jsdom
import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { afterEach, describe, expect, it } from 'vitest';

// The page this test runs on: jsdom's location, http://localhost:3000/ by default.
let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('same origin by default: a relative baseUrl', () => {
  it('resolves against the page (jsdom’s fetch refuses a relative URL, so the client resolves it itself)', async () => {
    expect(location.origin).toBe('http://localhost:3000');
    const api = setupMockApi('zoom-default', { baseUrl: `${location.origin}/api/session-links` });
    api.server.listen({ onUnhandledRequest: 'error' });
    stop = () => api.server.close();
    const seen: string[] = [];
    api.server.events.on('request:start', ({ request }) => {
      seen.push(request.url);
    });
    const client = createClient({ baseUrl: '/api/session-links/', siteId: MAIN_SITE });
    expect((await client.getSettings()).siteId).toBe(MAIN_SITE);
    expect(seen).toEqual([`http://localhost:3000/api/session-links/sites/${MAIN_SITE}/settings`]);
  });

  it('follows the page: after the page moves to another path, the same client still calls the origin’s API', async () => {
    const api = setupMockApi('zoom-default', { baseUrl: `${location.origin}/api/session-links` });
    api.server.listen({ onUnhandledRequest: 'error' });
    stop = () => api.server.close();
    const client = createClient({ baseUrl: '/api/session-links', siteId: MAIN_SITE });
    history.pushState(null, '', '/studio/settings/online-sessions');
    expect((await client.getMe()).role).toBe('owner');
  });
});
