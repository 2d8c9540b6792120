import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { zoomConsentPageHtml } from '@session-links/mocks';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const CONSENT_PAGE = '/session-links-zoom-consent.html';

/** Serves the mock Zoom consent page and MSW's worker script, in dev and in the build. */
function mockBackendFiles(): Plugin {
  return {
    name: 'session-links-mock-files',
    buildStart() {
      // The worker script comes from the installed msw, so it always matches its version.
      const require = createRequire(import.meta.url);
      copyFileSync(require.resolve('msw/mockServiceWorker.js'), 'public/mockServiceWorker.js');
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== CONSENT_PAGE) return next();
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(zoomConsentPageHtml);
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: CONSENT_PAGE.slice(1), source: zoomConsentPageHtml });
    },
  };
}

export default defineConfig({
  plugins: [react(), mockBackendFiles()],
  // Resolve the workspace packages to their source, as Storybook does.
  resolve: { conditions: ['@session-links/source'] },
});
