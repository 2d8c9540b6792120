import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 21: the default theme holds under a host's stylesheet because every rule weighs two
// classes (`:not(.sl-_):not(.sl-_)` on its subject, the rest in `:where()`). A rule added
// without it weighs nothing: a host's `button { background: none }` beats it, and so do the
// theme's own earlier rules. The stories under "Embedding/Under a host stylesheet" show the
// look; this keeps every rule, including ones merged in later, at the same weight.
const css = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/styles.css'), 'utf8');
const WEIGHT = ':not(.sl-_):not(.sl-_)';

/** Every style rule's selector list and declarations (at-rules' preludes and keyframe steps left out). */
function rules(source: string): { selector: string; body: string }[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '');
  const found: { selector: string; body: string }[] = [];
  const walk = (block: string, inKeyframes: boolean) => {
    let i = 0;
    while (i < block.length) {
      const open = block.indexOf('{', i);
      if (open < 0) break;
      const prelude = block.slice(i, open).trim();
      let depth = 1;
      let j = open + 1;
      for (; j < block.length && depth > 0; j++) depth += block[j] === '{' ? 1 : block[j] === '}' ? -1 : 0;
      const body = block.slice(open + 1, j - 1);
      if (prelude.startsWith('@')) walk(body, /^@keyframes/.test(prelude));
      else if (!inKeyframes) found.push({ selector: prelude, body });
      i = j;
    }
  };
  walk(text, false);
  return found;
}

/** A selector list split at its top-level commas. */
function selectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '(') depth++;
    else if (list[i] === ')') depth--;
    else if (list[i] === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  return out;
}

describe('the default theme (styles.css)', () => {
  it('gives every rule the weight of two classes, so a host stylesheet’s element rules do not reach into a widget', () => {
    const all = rules(css);
    expect(all.length).toBeGreaterThan(100);
    const light = all.flatMap(({ selector, body }) => {
      const props = body
        .split(';')
        .map((d) => d.split(':')[0]?.trim() ?? '')
        .filter(Boolean);
      // --sl-* blocks stay weightless on purpose: any host rule on .sl-root sets them.
      if (props.every((p) => p.startsWith('--') || p === 'color-scheme')) return [];
      return selectors(selector.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')')).filter(
        (s) => !s.replace(/::[a-z-]+$/, '').endsWith(WEIGHT),
      );
    });
    expect(light).toEqual([]);
  });

  it('starts every element inside a widget from the browser’s styles, before any other rule', () => {
    const weighted = rules(css).filter(({ selector }) => selector.includes(WEIGHT));
    expect(weighted[0]?.body.trim()).toBe('all: revert;');
  });
});
