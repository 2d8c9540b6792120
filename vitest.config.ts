import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

const dirname = path.dirname(fileURLToPath(import.meta.url));
const conditions = ['@session-links/source'];

// Only look for a browser when the stories project is going to run.
const wantsStories = !process.argv.some(
  (a) => a === 'unit' || a === 'react' || a.startsWith('--project=unit') || a.startsWith('--project=react'),
);

export default defineConfig({
  resolve: { conditions },
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    projects: [
      {
        resolve: { conditions },
        ssr: { resolve: { conditions, externalConditions: conditions } },
        test: {
          name: 'unit',
          environment: 'node',
          // Property tests and whole-scenario checks take seconds on a busy machine (5 s is vitest's default).
          testTimeout: 60_000,
          include: ['packages/*/test/**/*.test.ts', 'mocks/test/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        resolve: { conditions },
        ssr: { resolve: { conditions, externalConditions: conditions } },
        test: {
          name: 'react',
          environment: 'jsdom',
          include: ['packages/*/test/**/*.test.tsx', 'stories/**/*.test.tsx'],
          setupFiles: ['./scripts/vitest-setup-dom.ts'],
        },
      },
      ...(wantsStories
        ? [
            {
              plugins: [storybookTest({ configDir: path.join(dirname, '.storybook') })],
              resolve: { conditions },
              // Everything the stories import, so a cold cache never makes Vite reload a test file mid-run.
              optimizeDeps: {
                include: [
                  'msw-storybook-addon',
                  'msw-storybook-addon/csf3',
                  'msw',
                  'msw/browser',
                  'react',
                  'react-dom',
                  'react-dom/client',
                  'react/jsx-dev-runtime',
                  '@tanstack/react-query',
                  'zod/mini',
                  '@radix-ui/react-dropdown-menu',
                  'storybook/test',
                ],
              },
              test: {
                name: 'storybook',
                // Stories are whole user flows in a real browser; a busy CI machine needs room
                // (on a loaded 2-core machine the first story of a file took over 30 s).
                testTimeout: 90_000,
                browser: {
                  enabled: true,
                  headless: true,
                  // Chromium can take minutes to start on a loaded machine (60 s is vitest's default).
                  connectTimeout: 300_000,
                  provider: playwright({ launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } }),
                  instances: [{ browser: 'chromium' as const }],
                },
              },
            },
          ]
        : []),
    ],
  },
});
