import { compileRoutes, matchRoute } from '@session-links/server';
import { delay, HttpResponse, http, type RequestHandler } from 'msw';
import type { MockBackend } from './backend';

export const DEFAULT_BASE_URL = 'http://localhost/api/session-links';
/** Requests may name the user they are made as; otherwise the backend's signed-in user (a dev authenticator, R24). */
export const USER_HEADER = 'x-session-links-user';

export interface HandlerOptions {
  /** Absolute base URL the client is created with. */
  baseUrl?: string;
}

/**
 * MSW handlers for every route of the API: `@session-links/server`'s own
 * `createHandler` over the backend's memory store, behind the switches. The user comes
 * from the `x-session-links-user` header or the backend's signed-in user. Unknown
 * requests under the base URL fail loudly.
 */
export function createHandlers(backend: MockBackend, options: HandlerOptions = {}): RequestHandler[] {
  const base = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const basePath = new URL(base).pathname.replace(/\/+$/, '');
  const compiled = compileRoutes();
  const server = backend.handler(basePath, (request) => request.headers.get(USER_HEADER));

  return [
    http.all(`${base}/*`, async ({ request }) => {
      // Answers (even refusals that touch no data) come after the scenario is in the store.
      await backend.ready;
      const path = new URL(request.url).pathname.slice(basePath.length);
      const match = matchRoute(compiled, request.method, path);
      if (!match) {
        console.error(`[session-links mocks] No mock handler for ${request.method} ${request.url}`);
        return server(request);
      }
      backend.requests.push(match.name);
      const latency = backend.switches.latency;
      if (latency === Number.POSITIVE_INFINITY) await delay('infinite');
      else if (latency > 0) await delay(latency);
      const failure = backend.failureFor(match.name);
      if (failure === 'network') return HttpResponse.error();
      if (failure === 'server') {
        return HttpResponse.json({ error: { code: 'SERVER', message: 'Something went wrong on our side' } }, { status: 500 });
      }
      const answer = await server(request);
      // As on the real server, the meeting worker makes the Zoom meetings a write asked for.
      if (request.method !== 'GET') {
        backend.scheduleMeetingWorker();
        // And the delivery worker tells the booked clients (R29), through the mocks' in-memory transport.
        backend.scheduleDelivery();
      }
      return withLength(answer);
    }),
  ];
}

/**
 * The answer with its `Content-Length`, as the server's Node adapter sends it: a body
 * of declared length is one the browser's network log shows as finished once the client
 * has read it (an answer from a service worker without one can show as cancelled).
 */
async function withLength(response: Response): Promise<Response> {
  if (response.headers.has('content-length') || response.body === null) return response;
  const body = await response.arrayBuffer();
  const headers = new Headers(response.headers);
  headers.set('content-length', String(body.byteLength));
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
