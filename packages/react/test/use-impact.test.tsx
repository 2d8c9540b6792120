import { createClient } from '@session-links/client';
import type { Impact } from '@session-links/core';
import { SessionLinksProvider, sessionLinksKeys, useImpact } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { expect, it } from 'vitest';

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
