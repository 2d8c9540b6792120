import type * as z from 'zod/mini';
import { type PathParamValues, type RouteName, routes } from './api';

// What a caller of each route passes, computed from the `routes` table: the client's
// methods, the query keys and the mutation variables are typed from these, never by hand.

type Route<N extends RouteName> = (typeof routes)[N];

/** The `{name}` parameters of a path template, in order, except `siteId` (every client is for one site). */
type ParamsOf<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name extends 'siteId'
    ? ParamsOf<Rest>
    : [Name, ...ParamsOf<Rest>]
  : [];
type ParamValue<K> = K extends keyof PathParamValues ? PathParamValues[K] : string;
type ParamValues<Names> = Names extends [infer Name, ...infer Rest] ? [ParamValue<Name>, ...ParamValues<Rest>] : [];

/** A route's path parameters besides `siteId`, in path order: `['staffId']`. */
export type RouteParamNames<N extends RouteName> = ParamsOf<Route<N>['path']>;

/** A route's path parameters besides `siteId`, by name: `{ staffId: string }`. */
export type RouteParams<N extends RouteName> = { [K in RouteParamNames<N>[number]]: ParamValue<K> };

/** What a route takes besides its path: its body, else its query, else `never`. */
export type RouteInput<N extends RouteName> =
  Route<N> extends { body: infer B extends z.ZodMiniType }
    ? z.input<B>
    : Route<N> extends { query: infer Q extends z.ZodMiniType }
      ? z.input<Q>
      : never;

/** A call's arguments: the path parameters in order, then the body or query when the route has one. */
export type RouteArgs<N extends RouteName> = [
  ...ParamValues<RouteParamNames<N>>,
  ...([RouteInput<N>] extends [never] ? [] : [input: RouteInput<N>]),
];

/** The names of a route's path parameters besides `siteId`, in path order (the runtime twin of {@link RouteParamNames}). */
export function routeParamNames(name: RouteName): string[] {
  return [...routes[name].path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string).filter((param) => param !== 'siteId');
}
