import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { zoomConsentPage } from '@session-links/mocks/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Puts MSW's worker script, from the installed msw, where the browser loads it. */
function mswWorkerScript(): Plugin {
  return {
    name: 'msw-worker-script',
    buildStart() {
      // The worker script comes from the installed msw, so it always matches its version.
      const require = createRequire(import.meta.url);
      const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
      mkdirSync(publicDir, { recursive: true });
      copyFileSync(require.resolve('msw/mockServiceWorker.js'), `${publicDir}mockServiceWorker.js`);
    },
  };
}

export default defineConfig({
  plugins: [react(), mswWorkerScript(), zoomConsentPage()],
  // Resolve the workspace packages to their source, as Storybook does.
  resolve: { conditions: ['@session-links/source'] },
});
