import type { Plugin } from 'vite';
import { zoomConsentPageHtml } from './consent-page';

/**
 * A Vite plugin that serves the mocks' fake Zoom consent page at `path`, in dev and in
 * the build, so the Zoom popup flow works with no Zoom and no backend.
 */
export function zoomConsentPage(path = '/session-links-zoom-consent.html'): Plugin {
  return {
    name: 'session-links-zoom-consent-page',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== path) return next();
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(zoomConsentPageHtml);
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: path.slice(1), source: zoomConsentPageHtml });
    },
  };
}
