// The session-links backend, mounted the documented way: nothing here opens a database or
// starts a timer. The store opens on the first request (DATABASE_URL, else PGlite in
// SESSION_LINKS_DATA_DIR or ./.session-links-data), so `next build` needs no database.
import { createSessionLinksServer } from '@session-links/server/host';

export const sessionLinks = createSessionLinksServer({
  // Your own session or token: identity never comes from the browser (R24). This demo host
  // accepts the one token its client sends; a real app reads its session cookie here.
  authenticate: async (request) => (request.headers.get('authorization') === 'Bearer dev-token' ? { userId: 'owner' } : null),
});
