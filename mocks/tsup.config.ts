import { defineConfig } from 'tsup';
import { libraryConfig } from '../tsup.base';

export default defineConfig(
  libraryConfig(
    { index: 'src/index.ts', node: 'src/node.ts', browser: 'src/browser.ts', vite: 'src/vite.ts' },
    { external: ['msw', 'msw/node', 'msw/browser', 'vite'] },
  ),
);
