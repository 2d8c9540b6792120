import { defineConfig } from 'tsup';
import { libraryConfig } from '../tsup.base';

const base = libraryConfig(
  { index: 'src/index.ts', node: 'src/node.ts', browser: 'src/browser.ts', vite: 'src/vite.ts' },
  // `ics` (the server's iCalendar generator, R28) stays an import: its dependency nanoid has a
  // Node build and a browser build, and the host's bundler picks the right one.
  { external: ['msw', 'msw/node', 'msw/browser', 'vite', 'ics'] },
);
const dts = base.dts as { compilerOptions: Record<string, unknown> };

// The server's browser-safe entries (`.`: its service and HTTP handler; `./testing`: the memory
// store, scenarios and in-process fake Zoom) are bundled in, code and declarations, so installing
// the mocks does not install the server and with it its PostgreSQL drivers (PGlite, pg, kysely).
// `@session-links/core` stays a dependency. The declarations come from the server's source (its
// built ones are split into chunks that would not resolve from here); core, a dependency, stays an import.
export default defineConfig({
  ...base,
  noExternal: ['@session-links/server'],
  dts: {
    ...dts,
    compilerOptions: {
      ...dts.compilerOptions,
      // `./testing` carries the fake Zoom server (a node:http server, loaded only when started): its declarations need Node's types.
      types: ['node'],
      paths: {
        '@session-links/server': ['../packages/server/src/index.ts'],
        '@session-links/server/testing': ['../packages/server/src/testing.ts'],
      },
    },
  },
});
