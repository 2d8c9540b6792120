import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

// `.` runs anywhere (Node, edge runtimes, a browser for the mocks); `./node` adapts it to Node's http;
// `./host` is the production entry (it loads `./sql` on the first request only);
// `./sql` (PGlite, PostgreSQL), `./notices` (the outbox, its delivery worker and transports: nodemailer), the CLI and `./fake-zoom` (a node:http server) are Node only.
export default defineConfig(
  libraryConfig(
    {
      index: 'src/index.ts',
      node: 'src/node.ts',
      host: 'src/host.ts',
      sql: 'src/sql/index.ts',
      notices: 'src/notices/index.ts',
      cli: 'src/cli.ts',
      'fake-zoom': 'src/zoom-http/fake.ts',
    },
    { external: [/^node:/] },
  ),
);
