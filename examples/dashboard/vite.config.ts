import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The session-links server the dev server proxies to: `pnpm example` sets it; `pnpm server` listens on the default. */
const server = process.env.SESSION_LINKS_SERVER ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [react()],
  // Resolve the workspace packages to their source, as Storybook does.
  resolve: { conditions: ['@session-links/source'] },
  // One origin for the browser: the API is proxied to the server. The Origin header goes
  // through unchanged, so the Zoom callback page posts back to this page's origin.
  server: { proxy: { '/api/session-links': { target: server } } },
});
