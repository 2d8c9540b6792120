'use client';
import { createContext, useContext } from 'react';

/**
 * A context for one widget's parts, as Radix scopes its own: `[Provider, useScoped]`.
 * A part outside its widget's Root is a loud, named error, never a silent default.
 */
export function createScopedContext<T>(widget: string) {
  const Context = createContext<T | null>(null);
  Context.displayName = `${widget}Context`;
  // A hook by use (it calls useContext); named without "use" because it is made per widget, once, at module scope.
  const read = (part: string): T => {
    const value = useContext(Context);
    if (value === null) throw new Error(`<${part}> must be used inside <${widget}.Root>.`);
    return value;
  };
  return [Context.Provider, read] as const;
}
