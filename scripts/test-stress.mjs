#!/usr/bin/env node
// `pnpm test:stress`: the browser suite (every story's play function, in Chromium) run
// several times in a row while every core is kept busy by another process, the way a
// loaded CI machine is. Prints pass/fail counts per run; exits non-zero on any failure.
//
//   pnpm test:stress               3 runs, one CPU burner per core
//   pnpm test:stress --runs 5      more runs
//   pnpm test:stress --burners 4   more (or fewer, 0 = no load) burners
//   pnpm test:stress --latency 300 every mock request answered 300 ms late: a play function
//                                  that reads the backend before the widget heard back fails
//
// The burners are `node -e` busy loops that end by themselves after `--max-minutes`
// (default 60) and are killed as soon as the runs are over or the script is stopped.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 3);
const burnerCount = arg('burners', availableParallelism());
const maxMinutes = arg('max-minutes', 60);
const latency = arg('latency', 0);
// `--only stories/a,stories/b`: just these story files or folders.
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : [];
const reportDir = path.join(root, 'reports', 'stress');

// A burner spins on the CPU in slices, so it stays killable, and stops by itself at its deadline.
const burnSource = `const end = Date.now() + ${Math.round(maxMinutes * 60_000)}; let x = 0;
while (Date.now() < end) { for (let i = 0; i < 1e7; i++) x = (x * 31 + i) % 1000003; }`;
const burners = [];
function startLoad() {
  for (let i = 0; i < burnerCount; i++) {
    const child = spawn(process.execPath, ['-e', burnSource], { stdio: 'ignore' });
    child.on('error', (e) => console.error(`burner ${i}: ${e.message}`));
    burners.push(child);
  }
  console.log(`stress: ${burnerCount} CPU burner(s) (node busy loops, at most ${maxMinutes} min) on ${availableParallelism()} core(s)`);
}
function stopLoad() {
  for (const child of burners.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
let current = null; // the vitest run in progress
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopLoad();
    if (current && current.exitCode === null) current.kill(signal);
    process.exit(130);
  });
}
process.on('exit', stopLoad);

function runOnce(n) {
  const json = path.join(reportDir, `run-${n}.json`);
  rmSync(json, { force: true });
  const started = Date.now();
  const args = [
    path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--project',
    'storybook',
    '--reporter=dot',
    '--reporter=json',
    `--outputFile.json=${json}`,
    ...only,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, CI: 'true', ...(latency ? { VITE_SESSION_LINKS_LATENCY: String(latency) } : {}) },
    });
    current = child;
    child.on('exit', (code) => {
      current = null;
      const seconds = Math.round((Date.now() - started) / 1000);
      let passed = 0;
      let failed = 0;
      let files = 0;
      try {
        const report = JSON.parse(readFileSync(json, 'utf8'));
        passed = report.numPassedTests;
        failed = report.numFailedTests;
        files = report.testResults.length;
        // A file that collected no test (e.g. Vite reloaded it) counts as a failure.
        for (const f of report.testResults) if (f.assertionResults.length === 0) failed += 1;
        if (report.numTotalTests === 0) failed += 1;
      } catch (e) {
        console.error(`run ${n}: no JSON report (${e.message})`);
        failed += 1;
      }
      if (code !== 0 && failed === 0) failed = 1;
      resolve({ n, passed, failed, files, seconds, code });
    });
  });
}

mkdirSync(reportDir, { recursive: true });
const started = Date.now();
startLoad();
const results = [];
for (let n = 1; n <= runs; n++) {
  console.log(`\nstress: run ${n} of ${runs}: vitest run --project storybook`);
  const r = await runOnce(n);
  results.push(r);
  console.log(`stress: run ${n}: ${r.passed} passed, ${r.failed} failed (${r.files} files, ${r.seconds}s, exit ${r.code})`);
}
stopLoad();

console.log(
  `\nstress: ${runs} run(s) of the storybook project with ${burnerCount} CPU burner(s), ${Math.round((Date.now() - started) / 1000)}s in all`,
);
for (const r of results) console.log(`  run ${r.n}: ${r.passed} passed, ${r.failed} failed, ${r.seconds}s`);
const anyFailed = results.some((r) => r.failed > 0);
console.log(anyFailed ? 'stress: FAILED' : 'stress: all runs passed');
process.exit(anyFailed ? 1 : 0);
