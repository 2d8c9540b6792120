// docs/rules.md is the index from a rule number (R1…) to the code that enforces it and the
// test that shows it. Source comments cite rule numbers everywhere; this keeps every cited
// rule indexed and every name the index gives pointing at something that exists.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';

const root = join(import.meta.dirname, '..');
const index = readFileSync(join(root, 'docs/rules.md'), 'utf8');

interface Row {
  rule: number;
  line: string;
  enforced: string;
  tested: string;
}

const rows: Row[] = index
  .split('\n')
  .filter((l) => /^\|\s*R\d+\b/.test(l))
  .map((line) => {
    const cells = line.split('|').map((c) => c.trim());
    return { rule: Number(/^R(\d+)/.exec(cells[1] ?? '')?.[1]), line, enforced: cells[3] ?? '', tested: cells[4] ?? '' };
  });

/** `path/to/file.ts` `symbolA` `symbolB` → [{ path, symbols }] */
function references(cell: string) {
  const refs: { path: string; symbols: string[] }[] = [];
  for (const [, code] of cell.matchAll(/`([^`]+)`/g)) {
    if (code?.includes('/')) refs.push({ path: code, symbols: [] });
    else if (code) refs.at(-1)?.symbols.push(code);
  }
  return refs;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs)$/.test(name) ? [path] : [];
  });
}

test('the index lists R1…R31 in order, one row each', () => {
  const numbers = rows.map((r) => r.rule);
  expect(numbers.length).toBeGreaterThanOrEqual(31);
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
});

test('every rule a source file cites is in the index', () => {
  const indexed = new Set(rows.map((r) => r.rule));
  const missing = new Map<number, string>();
  for (const dir of ['packages', 'mocks', 'stories', 'scripts']) {
    for (const file of sourceFiles(join(root, dir))) {
      for (const [, n] of readFileSync(file, 'utf8').matchAll(/\bR(\d{1,2})\b/g)) {
        if (!indexed.has(Number(n))) missing.set(Number(n), relative(root, file));
      }
    }
  }
  expect([...missing].map(([n, file]) => `R${n} (cited in ${file})`)).toEqual([]);
});

test('every rule names the code that enforces it and a test, and each exists', () => {
  const problems: string[] = [];
  for (const row of rows) {
    const enforced = references(row.enforced);
    const tested = references(row.tested);
    // A rule not built yet says so with its open issue ("open: #24") instead of a module.
    const open = /open: #\d+/.test(row.enforced);
    if (enforced.length === 0 && !open) problems.push(`R${row.rule}: no enforcing module`);
    if (tested.length === 0 && !open) problems.push(`R${row.rule}: no test`);
    for (const { path, symbols } of [...enforced, ...tested]) {
      const file = join(root, path);
      if (!existsSync(file)) {
        problems.push(`R${row.rule}: ${path} does not exist`);
        continue;
      }
      const text = statSync(file).isDirectory() ? '' : readFileSync(file, 'utf8');
      for (const symbol of symbols) {
        const name = symbol.replace(/\(\)$/, '');
        const defined = new RegExp(
          `(?:function\\*?|const|let|class|interface|type|enum)\\s+${name}\\b|^\\s*(?:async\\s+)?${name}\\s*[(:=]|['"]${name}['"]\\s*:`,
          'm',
        );
        if (!defined.test(text)) problems.push(`R${row.rule}: ${name} is not defined in ${path}`);
      }
    }
  }
  expect(problems).toEqual([]);
});
