import { type ApiError, createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { EmailBlockEditor, SessionLinksProvider, useSession } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

function start(signedInAs = 'owner') {
  const api = setupMockApi('zoom-default', { signedInAs, baseUrl });
  const requests: string[] = [];
  api.server.events.on('request:start', ({ request }) => {
    requests.push(new URL(request.url).pathname.split('/').slice(-1)[0] as string);
  });
  api.server.listen({ onUnhandledRequest: 'error' });
  stop = () => api.server.close();
  return { ...api, requests, client: createClient({ baseUrl, siteId: MAIN_SITE }) };
}

describe('queries do not retry an answer that will not change (4xx)', () => {
  it("with the provider's own QueryClient, a 404 is final after one request", async () => {
    const { client, requests } = start('owner');
    render(
      <SessionLinksProvider client={client}>
        <SessionStatus id="nope" />
      </SessionLinksProvider>,
    );
    // The default QueryClient retries 3 times with 1 s, 2 s and 4 s waits: before the fix
    // the error only came after 7 s.
    expect(await screen.findByText('error NOT_FOUND', {}, { timeout: 2_000 })).toBeVisible();
    expect(requests.filter((r) => r === 'nope')).toHaveLength(1);
  });
  it("with the host's QueryClient, 4xx is not retried and 5xx keeps the host's retry setting", async () => {
    const { client, requests, backend } = start('owner');
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 2, retryDelay: 0 } } });
    backend.fail('listAutomations', 'server');
    render(
      <SessionLinksProvider client={client} queryClient={queryClient}>
        <EmailBlockEditor />
        <SessionStatus id="nope" />
      </SessionLinksProvider>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    expect(requests.filter((r) => r === 'automations')).toHaveLength(3);
    expect(await screen.findByText('error NOT_FOUND')).toBeVisible();
    expect(requests.filter((r) => r === 'nope')).toHaveLength(1);
  });
});

function SessionStatus({ id }: { id: string }) {
  const session = useSession(id);
  return <p>{session.error ? `error ${(session.error as ApiError).code}` : session.status}</p>;
}
