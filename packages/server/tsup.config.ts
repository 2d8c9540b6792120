import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

// `index` stays browser-safe (the mocks import it in Storybook); `node`, `sql`, `cli` and `fake-zoom` are Node only.
export default defineConfig(
  libraryConfig(
    { index: 'src/index.ts', node: 'src/node.ts', sql: 'src/sql/index.ts', cli: 'src/cli.ts', 'fake-zoom': 'src/zoom-http/fake.ts' },
    { platform: 'node' },
  ),
);
