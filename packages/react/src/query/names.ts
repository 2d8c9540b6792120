import type { RouteName } from '@session-links/core';

// How a route's name reads (internal to ./query; not part of the public entry): a route
// whose name reads (`get…`, `list…`, `preview…`) is a query, every other route a write.

/** The routes that read; each has a query key and query options. */
export type QueryRouteName = Extract<RouteName, `get${string}` | `list${string}` | `preview${string}`>;
/** The routes that write; each has a mutation key. */
export type MutationRouteName = Exclude<RouteName, QueryRouteName>;

/** `getCourseLink` → `courseLink`: the key's name in `sessionLinksKeys`. */
export type KeyName<N> = N extends `${'get' | 'list' | 'preview'}${infer Rest}` ? Uncapitalize<Rest> : never;
/** `getCourseLink` → `courseLink`, or null for a write. */
export const keyNameOf = (name: string): string | null => {
  const match = /^(?:get|list|preview)([A-Z])(.*)$/.exec(name);
  return match ? (match[1] as string).toLowerCase() + match[2] : null;
};

/** `courseLink` → `course-link`: a key's segment. */
export type Kebab<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${Kebab<Tail>}`
  : S;
export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
