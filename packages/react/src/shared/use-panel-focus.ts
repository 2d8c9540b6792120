'use client';
import { type RefObject, useEffect, useRef } from 'react';

/**
 * Moves focus to the `[data-focus-target]` heading inside `root` when `step` changes
 * after a user action: not on the first render, and not when data finishes loading
 * (steps starting with "loading").
 */
export function usePanelFocus(step: string, root: RefObject<HTMLElement | null>) {
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = step;
    if (before === null || before.startsWith('loading') || before === step) return;
    // A choice the user must make first (R20's "Changed elsewhere" after a refused save) wins over the step's heading.
    const target =
      root.current?.querySelector<HTMLElement>('[data-focus-priority]') ?? root.current?.querySelector<HTMLElement>('[data-focus-target]');
    target?.focus();
  }, [step, root]);
}
