#!/usr/bin/env node
// The README's front door: `npm start` and `npm test` work on a machine that has only
// Node. This finds pnpm (or fetches the pinned version through npx), installs the
// workspace from the lockfile, then runs the given package script with pnpm. Ctrl-C or a
// SIGTERM to this process reaches the script and everything it started.
//
//   node scripts/bootstrap.mjs [--skip-install] <package-script> [args…]
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const skipInstall = process.argv[2] === '--skip-install';
const [script, ...extra] = process.argv.slice(skipInstall ? 3 : 2);
if (!script) {
  console.error('usage: node scripts/bootstrap.mjs [--skip-install] <package-script> [args…]');
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
if (!skipInstall) {
  const install = run(cmd, [...pre, 'install', '--frozen-lockfile', '--prefer-offline']);
  if (install !== 0) process.exit(install);
}

/**
 * Runs the script in its own process group and passes SIGINT/SIGTERM/SIGHUP on to the whole
 * group, so a signal to this process alone (a supervisor's SIGTERM, not only a terminal's
 * Ctrl-C) stops the script and its children; exits with the script's status once it is done.
 */
function runForwardingSignals(command, args) {
  const own = process.platform !== 'win32';
  const child = spawn(command, args, { stdio: 'inherit', detached: own, shell: !own });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      try {
        if (own) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // already gone
      }
    });
  }
  child.on('error', (error) => {
    console.error(error.message);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// The tests get their own throwaway PostgreSQL (scripts/with-postgres.sh): found or, as
// root on Debian, installed; without one they skip the PostgreSQL files, except in CI.
if (script === 'check' && process.platform !== 'win32') {
  runForwardingSignals('bash', [fileURLToPath(new URL('./with-postgres.sh', import.meta.url)), cmd, ...pre, 'run', script, ...extra]);
} else {
  runForwardingSignals(cmd, [...pre, 'run', script, ...extra]);
}
