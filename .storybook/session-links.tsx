import { createClient } from '@session-links/client';
import type { Locale, RouteName } from '@session-links/core';
import {
  calendarNoticeRender,
  createHandlers,
  createMockBackend,
  type FailureMode,
  MAIN_SITE,
  type MockBackend,
  type MockBackendOptions,
  type ScenarioName,
} from '@session-links/mocks';
import { SessionLinksProvider } from '@session-links/react';
import type { Decorator, Loader } from '@storybook/react-vite';
import { QueryClient } from '@tanstack/react-query';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { useCallback, useRef, useState } from 'react';

/** What a story says about the backend behind it. */
export interface SessionLinksParameters {
  scenario?: ScenarioName;
  /** `owner`, `anna`, `bram` or `chris`; the toolbar's role switch overrides it. */
  signedInAs?: string;
  siteId?: string;
  latency?: number;
  fail?: [RouteName | '*', FailureMode][];
  conflictOnNextWrite?: boolean;
  /** Runs on the seeded backend before the story renders (e.g. templates a site saved earlier). */
  setup?: (backend: MockBackend) => Promise<void>;
  /** The host's column width in pixels (e.g. 320 for a sidebar); the story's own width otherwise. */
  width?: number;
  /** Text direction of the host page; the toolbar's Direction switch overrides it. */
  dir?: 'ltr' | 'rtl';
  /** `not-configured`: a server without Zoom configuration (Connect answers NOT_CONFIGURED, R27). Default: the fake. */
  zoom?: 'fake' | 'not-configured';
  /**
   * Each provider behind the server (R31): the in-process fake (default for Zoom, Google Meet and
   * Microsoft Teams), or `'not-configured'`: the widgets do not offer it and say it is not set up.
   */
  providers?: MockBackendOptions['providers'];
  /**
   * Zoom meetings are made by the server's meeting worker this long after a write, as on
   * the real server: a pending meeting, then its link. Default 1,500 ms; `'inline'`
   * makes them inside the write.
   */
  meetingDelayMs?: number | 'inline';
  /**
   * The notices a link change records (R29) are delivered by the server's delivery run this
   * long after a write, through the mocks' in-memory transport: pending, then sent. Default
   * 1,500 ms; `'manual'`: only when the story calls `backend.runDelivery()`.
   */
  noticeDelayMs?: number | 'manual';
  /** `calendar`: the mocks' notices carry a calendar update (a story that shows the e-mail and its invite). */
  noticeRender?: 'plain' | 'calendar';
}

declare module 'storybook/internal/csf' {
  interface Parameters {
    sessionLinks?: SessionLinksParameters;
  }
}

export const API_PATH = '/api/session-links';
/** How long after a write the mocks' meeting worker makes a Zoom meeting, in every story unless it says otherwise. */
export const STORYBOOK_MEETING_DELAY_MS = 1_500;
/** How long after a write the mocks deliver the notices it recorded, in every story unless it says otherwise. */
export const STORYBOOK_NOTICE_DELAY_MS = 1_500;
const startMsw = mswLoader();

/**
 * One fresh backend per story, seeded from `parameters.sessionLinks`, behind the MSW
 * worker. Play functions reach it as `context.loaded.backend`.
 */
export const sessionLinksLoader: Loader = async (context) => {
  await startMsw(context);
  const p = context.parameters.sessionLinks ?? {};
  const role = context.globals.role as string | undefined;
  const signedInAs = role === 'owner' ? 'owner' : role === 'staff' ? 'anna' : (p.signedInAs ?? 'owner');
  // The calendar part needs the session's times and service: read from the backend once it exists.
  let made: MockBackend | undefined;
  const sessionOf = (siteId: string, sessionId: string) => {
    const site = made?.data.sites.find((s) => s.id === siteId);
    const session = site?.sessions.find((s) => s.id === sessionId);
    if (!site || !session) return undefined;
    return { title: site.services.find((x) => x.id === session.serviceId)?.name ?? '', start: session.start, end: session.end };
  };
  const backend: MockBackend = createMockBackend(p.scenario ?? 'zoom-default', {
    signedInAs,
    ...(p.noticeRender === 'calendar' ? { renderNotice: calendarNoticeRender(sessionOf) } : {}),
    zoom: p.zoom,
    providers: p.providers,
    meetingDelayMs: p.meetingDelayMs === 'inline' ? undefined : (p.meetingDelayMs ?? STORYBOOK_MEETING_DELAY_MS),
    ...(p.noticeDelayMs === 'manual' ? {} : { noticeDelayMs: p.noticeDelayMs ?? STORYBOOK_NOTICE_DELAY_MS }),
  });
  // `VITE_SESSION_LINKS_LATENCY=300 pnpm test:stress` answers every request that much later, so a
  // play function that reads the backend before the widget has heard back fails every time.
  made = backend;
  const stressLatency = Number(import.meta.env.VITE_SESSION_LINKS_LATENCY ?? 0) || 0;
  const latency = Math.max(p.latency ?? 0, stressLatency);
  if (latency) backend.setLatency(latency);
  for (const [operation, mode] of p.fail ?? []) backend.fail(operation, mode);
  if (p.conflictOnNextWrite) backend.conflictOnNextWrite();
  await backend.ready;
  await p.setup?.(backend);
  const baseUrl = `${window.location.origin}${API_PATH}`;
  (context as unknown as { msw: { use: (...h: unknown[]) => void } }).msw.use(...createHandlers(backend, { baseUrl }));
  // A new QueryClient per story: nothing carries over between stories. Play functions
  // reach it as `context.loaded.queryClient`, to wait until a reload has finished.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return { backend, baseUrl, queryClient };
};

function StoryProviders({
  baseUrl,
  siteId,
  locale,
  queryClient,
  children,
}: {
  baseUrl: string;
  siteId: string;
  locale: Locale;
  queryClient: QueryClient;
  children: React.ReactNode;
}) {
  // A new client per story (and the story's own QueryClient): nothing carries over between stories.
  const [client] = useState(() => createClient({ baseUrl, siteId }));
  // Dialogs open inside the themed story wrapper, as a host's layout would have them.
  const portal = useRef<HTMLDivElement>(null);
  const portalContainer = useCallback(() => portal.current, []);
  return (
    <SessionLinksProvider client={client} queryClient={queryClient} locale={locale} portalContainer={portalContainer}>
      {children}
      <div ref={portal} data-sl-portal="" />
    </SessionLinksProvider>
  );
}

export const withSessionLinks: Decorator = (Story, context) => {
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  const locale = (context.globals.locale === 'nl' ? 'nl' : 'en') as Locale;
  const p = context.parameters.sessionLinks ?? {};
  const globalDir = context.globals.dir;
  const dir = globalDir === 'rtl' || globalDir === 'ltr' ? globalDir : (p.dir ?? 'ltr');
  const { baseUrl, queryClient } = context.loaded as { baseUrl: string; queryClient: QueryClient };
  return (
    <div
      data-sl-theme={theme}
      style={{
        background: theme === 'dark' ? '#0e121a' : '#ffffff',
        color: theme === 'dark' ? '#e8ebf2' : '#1b2232',
        padding: 16,
        minHeight: '100vh',
      }}
      lang={locale}
      dir={dir}
    >
      {/* A host's sidebar, never wider than the window: on a 320 px phone it is the whole width. */}
      <div style={p.width ? { width: p.width, maxWidth: '100%' } : undefined}>
        <StoryProviders
          key={`${locale}`}
          baseUrl={baseUrl}
          siteId={context.parameters.sessionLinks?.siteId ?? MAIN_SITE}
          locale={locale}
          queryClient={queryClient}
        >
          <Story />
        </StoryProviders>
      </div>
    </div>
  );
};
