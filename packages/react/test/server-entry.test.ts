import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverSafeEntry } from '../tsup.config';

// `@session-links/react/query` is for Next.js server components: built exactly as
// `pnpm build` builds it (the same tsup config, without declarations), then imported by
// a plain Node process — no DOM, no React renderer, no bundler in between.
const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(pkg, '../..');
let outDir = '';
let built = '';

beforeAll(async () => {
  // Inside the package, so the built file resolves its dependencies as in a host's node_modules.
  outDir = await mkdtemp(path.join(pkg, 'node_modules', '.server-entry-'));
  // tsup leaves the dependencies of the package.json in its working directory external; `pnpm
  // build` runs in the package, this test in the repository's root: name them, as the build sees them.
  const manifest = JSON.parse(await readFile(path.join(pkg, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  const external = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})];
  await build({
    ...serverSafeEntry,
    external,
    entry: { 'query/index': path.join(pkg, 'src/query/index.ts') },
    outDir,
    dts: false,
    sourcemap: false,
    silent: true,
    config: false,
  });
  built = path.join(outDir, 'query', 'index.js');
}, 120_000);
afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('@session-links/react/query, the server-safe entry', () => {
  it('is not a client module and imports no chunk shared with the client entries', async () => {
    const code = await readFile(built, 'utf8');
    expect(code.trimStart()).not.toMatch(/^['"]use client['"]/);
    expect(code).not.toMatch(/from\s+['"]\.{1,2}\//);
    expect(code).not.toMatch(/from\s+['"]react(-dom)?(\/[^'"]*)?['"]/);
  });

  it('prefetches and dehydrates in plain Node, and writes through a mutation option factory', async () => {
    // tsx and the source condition only so the workspace packages (core, client, mocks) run unbuilt.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=@session-links/source', path.join(pkg, 'test/fixtures/prefetch-in-node.mjs'), built],
      { cwd: root, timeout: 90_000 },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(result.dom).toBe(false);
    expect(result.exports).toEqual(
      expect.arrayContaining([
        'sessionLinksKeys',
        'settingsQueryOptions',
        'sessionLinksMutationKeys',
        'setDefaultCustomLinkMutationOptions',
      ]),
    );
    expect(result.dehydrated).toEqual([
      { key: ['session-links', 'site-studio', 'settings'], status: 'success' },
      { key: ['session-links', 'site-studio', 'staff'], status: 'success' },
    ]);
    expect(result.defaultBefore).toBe('zoom');
    expect(result.defaultAfter).toBe('google-meet');
    expect(result.mutationKey).toEqual(['session-links', 'site-studio', 'mutation', 'set-default-custom-link']);
  }, 120_000);
});
