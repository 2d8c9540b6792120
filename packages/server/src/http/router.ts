import { type RouteDef, type RouteName, routes } from '@session-links/core';

/**
 * The one router of the server: a route table of core (`routes`, `syncRoutes`,
 * `providerRoutes`) compiled into matchers, and a method and path matched against them.
 * The fake Zoom server routes its own table with the same two functions.
 */
export interface CompiledRoute<N extends string = RouteName, D extends RouteDef = RouteDef> {
  name: N;
  route: D;
  method: string;
  pattern: RegExp;
  params: string[];
}

export interface RouteMatch<N extends string = RouteName, D extends RouteDef = RouteDef> {
  name: N;
  route: D;
  params: Record<string, string>;
  /** The first parameter whose percent-encoding is broken (its value is then ''). */
  malformed?: string;
}

/** Every route of a table as a matcher; by default core's `routes`, the widgets' API. */
export function compileRoutes(): CompiledRoute[];
export function compileRoutes<N extends string, D extends RouteDef>(table: Record<N, D>): CompiledRoute<N, D>[];
export function compileRoutes(table: Record<string, RouteDef> = routes): CompiledRoute<string>[] {
  return Object.entries(table).map(([name, route]) => {
    const params: string[] = [];
    // Paths are plain segments and `{param}`s: nothing else to escape.
    const source = route.path.replace(/\{(\w+)\}/g, (_m, p: string) => {
      params.push(p);
      return '([^/]+)';
    });
    return { name, route, method: route.method.toUpperCase(), pattern: new RegExp(`^${source}$`), params };
  });
}

/** A path segment percent-decoded, or null when it is no valid percent-encoding of UTF-8 (`%ZZ`, `%E0%A4%A`, `%ED%A0%80`). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Which route a method and path (below the base path) are, with their decoded path
 * parameters. `malformed` names the first parameter whose percent-encoding is broken (its
 * value is then ''): the route is known, the resource cannot be (R26).
 */
export function matchRoute<N extends string, D extends RouteDef>(
  compiled: readonly CompiledRoute<N, D>[],
  method: string,
  path: string,
): RouteMatch<N, D> | null {
  for (const c of compiled) {
    if (c.method !== method) continue;
    const m = c.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    let malformed: string | undefined;
    c.params.forEach((p, i) => {
      const value = decodeSegment(m[i + 1] as string);
      if (value === null) malformed ??= p;
      params[p] = value ?? '';
    });
    return malformed ? { name: c.name, route: c.route, params, malformed } : { name: c.name, route: c.route, params };
  }
  return null;
}

/** Whether a path is a route of the table under any method (a 404 that can say which methods there are). */
export const matchesAnyMethod = (compiled: readonly CompiledRoute<string>[], path: string): boolean =>
  compiled.some((c) => c.pattern.test(path));
