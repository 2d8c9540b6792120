'use client';
import { createContext, createElement, type ReactNode, useContext } from 'react';

export type ScopedProvider<T> = (props: { value: T; children?: ReactNode }) => ReactNode;

/**
 * A context of one widget's parts, as Radix scopes its parts: the widget's Root provides
 * it, each part reads it, and a part outside its Root throws a named error
 * ("`ProviderPickerTitle` must be used inside `<ProviderPickerRoot>`", naming the export a
 * host imports) instead of rendering from a default. Each embed gets its own value: nothing at module scope.
 */
export function createScopedContext<T>(widget: string, root = `<${widget}Root>`): [ScopedProvider<T>, (part: string) => T] {
  const Context = createContext<T | null>(null);
  Context.displayName = `${widget}Context`;
  // biome-ignore lint/correctness/noComponentHookFactories: called once per widget at module scope, as Radix's createContext
  const Provider: ScopedProvider<T> = ({ value, children }) => createElement(Context.Provider, { value }, children);
  // biome-ignore lint/correctness/noComponentHookFactories: see above
  const useScoped = (part: string): T => {
    const value = useContext(Context);
    if (value === null) throw new Error(`${part} must be used inside ${root}.`);
    return value;
  };
  return [Provider, useScoped];
}
