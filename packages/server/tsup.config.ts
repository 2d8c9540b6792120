import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

// `.` runs anywhere (Node, edge runtimes, a browser for the mocks); `./node` adapts it to Node's http;
// `./sql` (PGlite, PostgreSQL) and the CLI are Node only.
export default defineConfig(
  libraryConfig({ index: 'src/index.ts', node: 'src/node.ts', sql: 'src/sql/index.ts', cli: 'src/cli.ts' }, { external: [/^node:/] }),
);
