'use client';
import { type ReactNode, useEffect, useState } from 'react';

let started: Promise<unknown> | undefined;

/**
 * Development only: starts the session-links mocks in the browser before rendering its
 * children. `process.env.NODE_ENV` is 'production' in `next build`, so the dynamic import
 * of MSW is dropped from the production bundle.
 */
export function MockApi({ baseUrl, children }: { baseUrl: string; children: ReactNode }) {
  const [ready, setReady] = useState(process.env.NODE_ENV !== 'development');
  useEffect(() => {
    if (process.env.NODE_ENV === 'development') {
      started ??= import('@session-links/mocks/browser').then(({ setupMockWorker }) =>
        setupMockWorker('zoom-default', { baseUrl }).worker.start({ onUnhandledRequest: 'bypass' }),
      );
      started.then(() => setReady(true));
    }
  }, [baseUrl]);
  return ready ? children : null;
}
