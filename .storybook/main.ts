import type { StorybookConfig } from '@storybook/react-vite';
import type { Plugin } from 'vite';
import { zoomConsentPageHtml } from '../mocks/src/consent-page';

const CONSENT_PAGE = '/session-links-zoom-consent.html';

/** Serves the mocks' fake Zoom consent page, in dev and in the static build. */
function zoomConsentPage(): Plugin {
  return {
    name: 'session-links-zoom-consent-page',
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

const conditions = ['@session-links/source'];

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest', 'msw-storybook-addon'],
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  async viteFinal(config) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(config, {
      plugins: [zoomConsentPage()],
      resolve: { conditions },
      optimizeDeps: { include: ['msw-storybook-addon', 'msw-storybook-addon/csf3'] },
      build: {
        chunkSizeWarningLimit: 2000,
        rollupOptions: {
          onwarn(warning: { code?: string }, warn: (w: unknown) => void) {
            // radix ships "use client" in every module; it means nothing in a Storybook bundle.
            if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
            warn(warning);
          },
        },
      },
    });
  },
};
export default config;
