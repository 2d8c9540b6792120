import {
  API_ERROR_STATUS,
  type ApiErrorCode,
  fieldErrorsOf,
  pathParamSchemas,
  type RouteDef,
  type RouteName,
  routes,
} from '@session-links/core';
import { delay, HttpResponse, http, type RequestHandler } from 'msw';
import * as z from 'zod/mini';
import { MockApiError, type MockBackend } from './backend';

export const DEFAULT_BASE_URL = 'http://localhost/api/session-links';
/** Requests may name the user they are made as; otherwise the backend's signed-in user. */
export const USER_HEADER = 'x-session-links-user';

type Params = Record<string, string>;
interface Call {
  params: Params;
  body: never;
  query: never;
  userId: string;
  origin: string;
}

// Each operation calls the backend method of the same name: no rule lives here.
const operations: { [N in RouteName]: (b: MockBackend, c: Call) => unknown } = {
  getMe: (b, c) => b.getMe(c.params.siteId!, c.userId),
  getSettings: (b, c) => b.getSettings(c.params.siteId!, c.userId),
  setDefaultCustomLink: (b, c) => b.setDefaultCustomLink(c.params.siteId!, c.body, c.userId),
  disconnectDefault: (b, c) => b.disconnectDefault(c.params.siteId!, c.body, c.userId),
  startZoomConnection: (b, c) => b.startZoomConnection(c.params.siteId!, c.body, c.origin, c.userId),
  completeZoomConnection: (b, c) => b.completeZoomConnection(c.params.siteId!, c.body, c.userId),
  previewImpact: (b, c) => b.previewImpact(c.params.siteId!, c.body, c.userId),
  listStaff: (b, c) => b.listStaff(c.params.siteId!, c.userId),
  setStaffCustomLink: (b, c) => b.setStaffCustomLink(c.params.siteId!, c.params.staffId!, c.body, c.userId),
  removeStaffAccount: (b, c) => b.removeStaffAccount(c.params.siteId!, c.params.staffId!, c.body, c.userId),
  listServices: (b, c) => b.listServices(c.params.siteId!, c.userId),
  listSessions: (b, c) => b.listSessions(c.params.siteId!, c.query, c.userId),
  getSession: (b, c) => b.getSession(c.params.siteId!, c.params.sessionId!, c.userId),
  setSessionLink: (b, c) => b.setSessionLink(c.params.siteId!, c.params.sessionId!, c.body, c.userId),
  getCourseLink: (b, c) => b.getCourseLink(c.params.siteId!, c.params.serviceId!, c.userId),
  setCourseLink: (b, c) => b.setCourseLink(c.params.siteId!, c.params.serviceId!, c.body, c.userId),
  listAutomations: (b, c) => b.listAutomations(c.params.siteId!, c.userId),
  getTemplate: (b, c) => b.getTemplate(c.params.siteId!, c.params.automationId!, c.userId),
  saveTemplate: (b, c) => b.saveTemplate(c.params.siteId!, c.params.automationId!, c.body, c.userId),
  resetTemplate: (b, c) => b.resetTemplate(c.params.siteId!, c.params.automationId!, c.body, c.userId),
};

const errorResponse = (code: ApiErrorCode, message: string, extra: object = {}) =>
  HttpResponse.json({ error: { code, message, ...extra } }, { status: API_ERROR_STATUS[code] });

export interface HandlerOptions {
  /** Absolute base URL the client is created with. */
  baseUrl?: string;
}

/**
 * MSW handlers for every route of the API, over one backend. Inputs are validated
 * with the shared schemas; unknown requests under the base URL fail loudly.
 */
export function createHandlers(backend: MockBackend, options: HandlerOptions = {}): RequestHandler[] {
  const base = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const handlers: RequestHandler[] = (Object.entries(routes) as [RouteName, RouteDef][]).map(([name, route]) =>
    http[route.method](base + route.path.replace(/\{(\w+)\}/g, ':$1'), async ({ request, params }) => {
      backend.requests.push(name);
      const latency = backend.switches.latency;
      if (latency === Number.POSITIVE_INFINITY) await delay('infinite');
      else if (latency > 0) await delay(latency);

      const failure = backend.failureFor(name);
      if (failure === 'network') return HttpResponse.error();
      if (failure === 'server') return errorResponse('SERVER', 'Something went wrong on our side');

      for (const [key, value] of Object.entries(params)) {
        if (!(pathParamSchemas[key] ?? z.string()).safeParse(value).success) return errorResponse('NOT_FOUND', `Unknown ${key}`);
      }
      let body: unknown;
      if (route.body) {
        const raw = await request.json().catch(() => undefined);
        const parsed = route.body.safeParse(raw);
        if (!parsed.success) return errorResponse('VALIDATION', 'The request is not valid', { fields: fieldErrorsOf(parsed.error) });
        body = parsed.data;
      }
      let query: unknown;
      if (route.query) {
        const parsed = route.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
        if (!parsed.success) return errorResponse('VALIDATION', 'The query is not valid', { fields: fieldErrorsOf(parsed.error) });
        query = parsed.data;
      }
      try {
        const result = operations[name](backend, {
          params: params as Params,
          body: body as never,
          query: query as never,
          userId: request.headers.get(USER_HEADER) ?? backend.signedInAs,
          origin: request.headers.get('origin') ?? new URL(request.url).origin,
        });
        // A copy, so nothing the caller does to the answer reaches the stored data.
        return HttpResponse.json(structuredClone(result) as Record<string, unknown>);
      } catch (error) {
        if (error instanceof MockApiError) return HttpResponse.json(error.toBody(), { status: API_ERROR_STATUS[error.code] });
        if (error instanceof z.core.$ZodError)
          return errorResponse('VALIDATION', 'The request is not valid', { fields: fieldErrorsOf(error) });
        throw error;
      }
    }),
  );
  // Anything else under the API base is a bug in the caller or a missing handler: say so.
  handlers.push(
    http.all(`${base}/*`, ({ request }) => {
      const message = `No mock handler for ${request.method} ${request.url}`;
      console.error(`[session-links mocks] ${message}`);
      return errorResponse('NOT_FOUND', message);
    }),
  );
  return handlers;
}
