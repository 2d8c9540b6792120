#!/usr/bin/env node
// The README's front door: `npm start` and `npm test` work on a machine that has only
// Node. This finds pnpm (or fetches the pinned version through npx), installs the
// workspace from the lockfile, then runs the given package script with pnpm.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const script = process.argv[2];
const extra = process.argv.slice(3);
if (!script) {
  console.error('usage: node scripts/bootstrap.mjs <package-script> [args…]');
  process.exit(2);
}
const pinned = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).packageManager.split('@')[1];
const major = pinned.split('.')[0];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

let pnpm = ['pnpm'];
const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
if (probe.status !== 0 || !probe.stdout.startsWith(`${major}.`)) {
  console.log(`pnpm ${major} not found: using pnpm@${pinned} through npx`);
  pnpm = ['npx', '--yes', `pnpm@${pinned}`];
}
const [cmd, ...pre] = pnpm;
const install = run(cmd, [...pre, 'install', '--frozen-lockfile', '--prefer-offline']);
if (install !== 0) process.exit(install);
// The tests get their own throwaway PostgreSQL (scripts/with-postgres.sh): found or, as
// root on Debian, installed; without one they skip the PostgreSQL files, except in CI.
if (script === 'check' && process.platform !== 'win32') {
  process.exit(run('bash', [fileURLToPath(new URL('./with-postgres.sh', import.meta.url)), cmd, ...pre, 'run', script, ...extra]));
}
process.exit(run(cmd, [...pre, 'run', script, ...extra]));
