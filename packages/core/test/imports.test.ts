import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// core's modules as a graph (issue #22): the rules are pure and know nothing of HTTP, and
// no module reaches back into one that imports it.
const src = path.join(import.meta.dirname, '../src');
const graph = new Map(
  readdirSync(src)
    .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
    .map((file) => {
      const text = readFileSync(path.join(src, file), 'utf8');
      const imports = [...text.matchAll(/from '\.\/([\w-]+)'/g)].map((m) => m[1] as string);
      return [file.replace(/\.ts$/, ''), imports] as const;
    }),
);

/** Every import circle, as `a -> b -> a`, each found from its first module. */
function circles(): string[] {
  const found: string[] = [];
  const walk = (module: string, trail: string[]) => {
    for (const next of graph.get(module) ?? []) {
      if (next === trail[0]) found.push([...trail, next].join(' -> '));
      else if (!trail.includes(next)) walk(next, [...trail, next]);
    }
  };
  for (const module of graph.keys()) walk(module, [module]);
  return found;
}

describe("core's import graph", () => {
  it('has no circles', () => {
    expect(circles()).toEqual([]);
  });

  it('keeps the rules (preconditions, impact, resolve) away from the HTTP contract: no error codes, no routes', () => {
    for (const rules of ['preconditions', 'impact', 'resolve']) {
      expect(graph.get(rules), rules).not.toContain('api');
      expect(graph.get(rules), rules).not.toContain('refusals');
    }
    // The permission table is keyed by route name: the names are all it takes from the contract.
    expect(readFileSync(path.join(src, 'permissions.ts'), 'utf8')).toMatch(/^import type \{ RouteName \} from '\.\/api';$/m);
  });
});
