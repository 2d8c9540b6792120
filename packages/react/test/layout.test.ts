import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 22: the react package's layout says which module is the bottom and which the top
// (packages/react/README.md, "Layout"). context/ (provider, strings) is the bottom,
// primitives/ know no domain, parts/ are the domain pieces several widgets share, the widget
// folders use them, index.ts and messages.ts assemble the package. Imports point down only,
// and no runtime import returns to a module it came from (provider.tsx and the i18n module
// imported each other, and the language was worked out twice).
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function resolve(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    if (existsSync(base + ext) && statSync(base + ext).isFile()) return base + ext;
  }
  return null;
}

interface Import {
  target: string;
  /** Only types: erased at build time, no runtime edge. */
  typeOnly: boolean;
  specifier: string;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+'([^']+)'/gm)) {
    const [, typeKeyword, names = '', specifier = ''] = m;
    const list = /^\{([\s\S]*)\}$/.exec(names.trim())?.[1];
    const onlyTypes = Boolean(
      list
        ?.split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith('type ')),
    );
    const target = specifier.startsWith('.') ? resolve(file, specifier) : specifier;
    if (target) found.push({ target, typeOnly: Boolean(typeKeyword) || onlyTypes, specifier });
  }
  return found;
}

const files = sourceFiles(src);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const rel = (file: string) => path.relative(src, file);

function cycles(): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const { target, typeOnly } of graph.get(file) ?? []) {
      if (typeOnly || !graph.has(target)) continue;
      if (state.get(target) === 'open') found.push(stack.slice(stack.indexOf(target)).concat(target).map(rel).join(' → '));
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found;
}

/** The layer of a source file: lower numbers are lower in the package. */
function layer(file: string): number {
  const [first] = rel(file).split(path.sep);
  if (first === 'context') return 0;
  if (first === 'primitives') return 1;
  if (first === 'query' || first === 'hooks.ts') return 2;
  if (first === 'parts') return 3;
  if (first === 'index.ts' || first === 'messages.ts') return 5;
  return 4; // a widget folder
}

describe('the react package layout', () => {
  it('has no runtime import cycle', () => {
    expect(cycles()).toEqual([]);
  });

  it('keeps the strings module free of React, so the provider and the hook can both use it', () => {
    const translate = path.join(src, 'context/translate.ts');
    expect(existsSync(translate)).toBe(true);
    const runtime = importsOf(translate).filter((i) => !i.typeOnly);
    expect(runtime.map((i) => i.specifier)).not.toContain('react');
    expect(runtime.filter((i) => i.target.startsWith(src)).map((i) => rel(i.target))).toEqual([]);
  });

  it('imports point down: context ← primitives ← data ← parts ← widgets ← index', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      for (const { target, typeOnly } of imports) {
        if (!graph.has(target)) continue;
        const from = layer(file);
        const to = layer(target);
        // A widget may use another widget's public entry (the overview opens the session editor).
        const sideways = from === 4 && to === 4;
        // Types may look up (a part names a widget's messages type; the translate module names the keys).
        if (!typeOnly && !sideways && to > from) upward.push(`${rel(file)} → ${rel(target)}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
