import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

export default defineConfig(
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
    },
    {
      platform: 'browser',
      // rollup's tree-shaking pass would strip the directive below; esbuild's own is enough.
      treeshake: false,
      // esbuild drops module-level directives when it bundles; every output file is a client module.
      banner: { js: "'use client';" },
      async onSuccess() {
        await copyFile('src/styles.css', 'dist/styles.css');
      },
    },
  ),
);
