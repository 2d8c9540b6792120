import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// What `--help` points a host at must be in the package it installed.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pkgDir = path.join(root, 'packages/server');
const cli = path.join(pkgDir, 'src/cli.ts');
const readme = readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { files: string[] };

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
const anchors = new Set(
  [...readme.matchAll(/^#{1,6} (.+)$/gm)].map(([, h]) =>
    (h as string)
      .toLowerCase()
      .replace(/[^\p{L}\p{N} -]/gu, '')
      .replace(/ /g, '-'),
  ),
);

describe('session-links-server --help', () => {
  it('names only documents the package ships, and headings that exist', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=@session-links/source', cli, '--help'],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: '' },
      },
    );
    const docs = [...stdout.matchAll(/([\w./@-]+\.md)(#[\w-]+)?/g)];
    expect(docs.length).toBeGreaterThan(0);
    for (const [, file, anchor] of docs) {
      const name = path.basename(file as string);
      // npm always packs README.md; anything else must be in `files`.
      expect(name === 'README.md' || pkg.files.includes(name), `${file} is not in the package`).toBe(true);
      if (anchor) expect(anchors.has(anchor.slice(1)), `${file}${anchor}`).toBe(true);
    }
  });

  it('every environment variable it names is documented in the README too', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=@session-links/source', cli, '--help'],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: '' },
      },
    );
    const names = new Set(stdout.match(/\b(?:SESSION_LINKS|ZOOM|DATABASE)_[A-Z_]+\b/g));
    expect(names).toContain('SESSION_LINKS_SYNC_SECRET');
    for (const name of names) expect(readme, name).toContain(name);
  });
});
