import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

// `.` runs anywhere (Node, edge runtimes, a browser for the mocks); `./node` adapts it to Node's http;
// `./host` is the production entry (it loads `./sql` on the first request only);
// `./sql` (PGlite, PostgreSQL), `./notices` (the outbox, its delivery worker and transports: nodemailer) and the CLI are Node only; `./testing` (demo data, fakes) loads Node's modules only when the fake Zoom server starts.
export default defineConfig(
  libraryConfig(
    {
      index: 'src/index.ts',
      node: 'src/http/node.ts',
      host: 'src/host.ts',
      sql: 'src/store/sql/index.ts',
      notices: 'src/notices/index.ts',
      cli: 'src/cli.ts',
      testing: 'src/testing.ts',
    },
    { external: [/^node:/] },
  ),
);
