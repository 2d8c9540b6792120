import { createClient } from '@session-links/client';
import type { Impact, OnlineSettings } from '@session-links/core';
import {
  impactQueryOptions,
  SessionLinksProvider,
  type SessionLinksQueryKey,
  sessionLinksKeys,
  settingsQueryOptions,
  useImpact,
} from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { expect, expectTypeOf, it } from 'vitest';

it('useImpact(null) asks nothing and never shows another preview’s cached answer', () => {
  const client = createClient({ baseUrl: 'http://localhost/api/session-links', siteId: 'site-studio' });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // A disconnect preview answered a moment ago, still in the cache.
  const stale = { counts: { lost: 7 } } as unknown as Impact;
  queryClient.setQueryData(sessionLinksKeys.impact('site-studio', { type: 'disconnect-default' }), stale);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <SessionLinksProvider client={client} queryClient={queryClient}>
      {children}
    </SessionLinksProvider>
  );
  const { result } = renderHook(() => useImpact(null), { wrapper });
  expect(result.current.data).toBeUndefined();
  expect(result.current.fetchStatus).toBe('idle');
});

it('the query keys are typed: what a key holds, and which keys exist', () => {
  const client = createClient({ baseUrl: 'http://localhost/api/session-links', siteId: 'site-studio' });
  const queryClient = new QueryClient();
  // The options' keys carry their data's type (checked by \`pnpm typecheck\`).
  expectTypeOf(queryClient.getQueryData(settingsQueryOptions(client).queryKey)).toEqualTypeOf<OnlineSettings | undefined>();
  expectTypeOf(queryClient.getQueryData(impactQueryOptions(client, null).queryKey)).toEqualTypeOf<Impact | undefined>();
  expectTypeOf(sessionLinksKeys.noImpact('s')).toExtend<SessionLinksQueryKey>();
  // @ts-expect-error a flat string is not one of the package's keys
  const flat: SessionLinksQueryKey = ['session-links:settings'];
  // No-preview's key is its own, never the prefix of a real preview's.
  expect(sessionLinksKeys.noImpact('s')).not.toEqual(sessionLinksKeys.impact('s'));
  expect(flat).toHaveLength(1);
});
