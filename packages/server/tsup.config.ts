import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

// `index` stays browser-safe (the mocks import it in Storybook); `sql` and `cli` are Node only.
export default defineConfig(libraryConfig({ index: 'src/index.ts', sql: 'src/sql/index.ts' }, { platform: 'node' }));
