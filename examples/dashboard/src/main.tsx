import { createClient } from '@session-links/client';
import { SessionLinksProvider } from '@session-links/react';
import '@session-links/react/styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App, USERS, type User } from './app';
import './app.css';

// The session-links server (`pnpm example`) seeds this site; the dev server proxies the API to it.
const SITE_ID = 'site-studio';
const baseUrl = `${window.location.origin}/api/session-links`;
const USER_KEY = 'session-links-example:user';

function storedUser(): User {
  const stored = localStorage.getItem(USER_KEY);
  return USERS.find((u) => u.id === stored)?.id ?? 'owner';
}

/**
 * The host's sign-in, faked: the signed-in user is only ever the Authorization header,
 * which the server's --dev-auth reads. Another user is another session: new clients.
 */
function Root() {
  const [user, setUser] = useState<User>(storedUser);
  const { client, queryClient } = useMemo(
    () => ({
      client: createClient({ baseUrl, siteId: SITE_ID, getHeaders: () => ({ Authorization: `Bearer dev:${user}` }) }),
      queryClient: new QueryClient(),
    }),
    [user],
  );
  const signInAs = (next: User) => {
    localStorage.setItem(USER_KEY, next);
    setUser(next);
  };
  const locale = navigator.language.startsWith('nl') ? 'nl' : 'en';
  return (
    <QueryClientProvider client={queryClient}>
      <SessionLinksProvider client={client} queryClient={queryClient} locale={locale}>
        <App key={user} user={user} onSignInAs={signInAs} locale={locale} />
      </SessionLinksProvider>
    </QueryClientProvider>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
