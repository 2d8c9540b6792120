import { copyFile, writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

// `@session-links/react/query`: keys and query/mutation option factories, without
// "use client" and in one file (no chunk shared with the client entries), so a server
// component can import it. It has its own copy of that code; the client entries theirs.
// Exported for test/server-entry.test.ts, which builds it the same way.
export const serverSafeEntry = libraryConfig({ 'query/index': 'src/query/index.ts' }, { clean: false, splitting: false });

export default defineConfig([
  libraryConfig(
    {
      index: 'src/index.ts',
      'provider-picker/index': 'src/provider-picker/index.ts',
      'staff-account-editor/index': 'src/staff-account-editor/index.ts',
      'personal-sessions-action/index': 'src/personal-sessions-action/index.ts',
      'session-link-editor/index': 'src/session-link-editor/index.ts',
      'course-link-editor/index': 'src/course-link-editor/index.ts',
      'sessions-overview/index': 'src/sessions-overview/index.ts',
      'email-block-editor/index': 'src/email-block-editor/index.ts',
      'service-video-switch/index': 'src/service-video-switch/index.ts',
    },
    {
      platform: 'browser',
      // Two builds write into dist/ side by side (tsup's clean would delete the other's
      // .d.ts files): package.json's build script empties dist/ first instead.
      clean: false,
      // rollup's tree-shaking pass would strip the directive below; esbuild's own is enough.
      treeshake: false,
      // esbuild drops module-level directives when it bundles; every output file is a client module.
      banner: { js: "'use client';" },
      async onSuccess() {
        await copyFile('src/styles.css', 'dist/styles.css');
        // Types for `import '@session-links/react/styles.css'` (TypeScript 6 checks side-effect imports).
        await writeFile('dist/styles.css.d.ts', '// A stylesheet: imported for its side effect, exports nothing.\nexport {};\n');
      },
    },
  ),
  serverSafeEntry,
]);
