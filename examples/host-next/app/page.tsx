import { ProviderPicker } from '@session-links/react';
import { MockApi } from './mock-api';
import { SessionLinks } from './session-links';

// Where the session-links backend is mounted (here the mocks answer it in development).
const baseUrl = process.env.SESSION_LINKS_URL ?? 'http://localhost:3000/api/session-links';

/** A Server Component: it passes strings to the client wrapper, never functions. */
export default function SettingsPage() {
  return (
    <main>
      <h1>Studio settings</h1>
      <MockApi baseUrl={baseUrl}>
        {/* 'site-studio' is the site the mocks are seeded with; use your tenant's id. */}
        <SessionLinks baseUrl={baseUrl} siteId="site-studio">
          <ProviderPicker upgradeHref="/billing" />
        </SessionLinks>
      </MockApi>
    </main>
  );
}
