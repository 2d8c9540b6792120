// The widgets' API reference on their docs pages is generated from the types
// (scripts/docs-props.ts): it must be what the types say now, or a host reads stale props.
import { expect, test } from 'vitest';
import { generate, stale } from './docs-props';

test('every widget page has its generated props reference, and it matches the types (else: pnpm docs:props)', () => {
  const files = stale();
  expect(files, `stale or missing: ${files.join(', ')}. Run \`pnpm docs:props\` and commit the result.`).toEqual([]);
});

test("the reference says what a host's tsc will ask for: SessionsOverview's from and to are required", () => {
  const overview = [...generate()].find(([file]) => file.endsWith('sessions-overview.api.md'))?.[1] ?? '';
  expect(overview).toMatch(/^\| `from` \| `string` \| \*\*yes\*\* \|/m);
  expect(overview).toMatch(/^\| `to` \| `string` \| \*\*yes\*\* \|/m);
  expect(overview).toMatch(/^\| `height` \| `number` \| no \| `480` \|/m);
  // Parts with the data attributes their TSDoc names.
  expect(overview).toMatch(/^\| `SessionsOverviewEmpty` \| .*\| `data-state` \|/m);
});
