import type { StorybookConfig } from '@storybook/react-vite';
import remarkGfm from 'remark-gfm';
// Relative: Storybook's config is loaded before any package is built.
import { zoomConsentPage } from '../mocks/src/vite';

const conditions = ['@session-links/source'];

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: [
    // GitHub-flavoured Markdown in the docs pages: without it MDX 3 prints their tables as text.
    { name: '@storybook/addon-docs', options: { mdxPluginOptions: { mdxCompileOptions: { remarkPlugins: [remarkGfm] } } } },
    '@storybook/addon-a11y',
    '@storybook/addon-vitest',
    'msw-storybook-addon',
  ],
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
