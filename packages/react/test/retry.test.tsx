import { type ApiError, createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { EmailBlockEditor, SessionLinksProvider, useAutomations, useSaveTemplate, useSession } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
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

/** What the server answers while its database is away (R25). */
const unavailable = (retryAfter: number) =>
  HttpResponse.json(
    { error: { code: 'UNAVAILABLE', message: 'The server is briefly unavailable', retryAfter } },
    { status: 503, headers: { 'retry-after': String(retryAfter) } },
  );
const automationsUrl = `${baseUrl}/sites/${MAIN_SITE}/automations`;

describe('UNAVAILABLE (the database is away for a moment, R25)', () => {
  it('a load is tried again after the retryAfter the server gave, not at once', async () => {
    const { client, server } = start('owner');
    const tries: number[] = [];
    server.use(
      http.get(automationsUrl, () => {
        tries.push(performance.now());
        // The first answer: away for a second; then the mock backend answers.
        return tries.length === 1 ? unavailable(1) : undefined;
      }),
    );
    // The host retries at once (retryDelay 0): the server's retryAfter still comes first.
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 2, retryDelay: 0 } } });
    render(
      <SessionLinksProvider client={client} queryClient={queryClient}>
        <AutomationsStatus />
      </SessionLinksProvider>,
    );
    expect(await screen.findByText('automations success', {}, { timeout: 3_000 })).toBeVisible();
    expect(tries).toHaveLength(2);
    expect((tries[1] as number) - (tries[0] as number)).toBeGreaterThanOrEqual(900);
  });

  it('persisting, the widget shows the plain message with Try again, which loads once the server is back', async () => {
    const { client, server } = start('owner');
    let tries = 0;
    let away = true;
    server.use(
      http.get(automationsUrl, () => {
        tries++;
        return away ? unavailable(0) : undefined;
      }),
    );
    render(
      <SessionLinksProvider client={client}>
        <EmailBlockEditor />
      </SessionLinksProvider>,
    );
    // The provider's own QueryClient: 3 retries, each after retryAfter (0 s here), not after 1 s, 2 s and 4 s.
    expect(await screen.findByRole('alert', {}, { timeout: 2_000 })).toHaveTextContent(
      'The server is briefly unavailable. Wait a moment and try again.',
    );
    expect(tries).toBe(4);
    away = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect((await screen.findAllByRole('heading')).length).toBeGreaterThan(0);
    expect(tries).toBe(5);
  });

  it('a save answered UNAVAILABLE is not retried: the form says so once', async () => {
    const { client, server } = start('owner');
    let puts = 0;
    server.use(
      http.put(`${baseUrl}/sites/${MAIN_SITE}/automations/booking-confirmation/template`, () => {
        puts++;
        return unavailable(0);
      }),
    );
    render(
      <SessionLinksProvider client={client}>
        <SaveTemplate />
      </SessionLinksProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('save error UNAVAILABLE')).toBeVisible();
    expect(puts).toBe(1);
  });
});

function AutomationsStatus() {
  const automations = useAutomations();
  return <p>automations {automations.error ? `error ${(automations.error as ApiError).code}` : automations.status}</p>;
}

function SaveTemplate() {
  const save = useSaveTemplate();
  return (
    <>
      <button
        type="button"
        onClick={() =>
          save.mutate({ automationId: 'booking-confirmation', subject: 'Hello', body: 'Body', joinOnline: { elements: [] }, version: 1 })
        }
      >
        Save
      </button>
      <p>{save.error ? `save error ${(save.error as ApiError).code}` : save.status}</p>
    </>
  );
}

function SessionStatus({ id }: { id: string }) {
  const session = useSession(id);
  return <p>{session.error ? `error ${(session.error as ApiError).code}` : session.status}</p>;
}
