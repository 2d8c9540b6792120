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
    root.current?.querySelector<HTMLElement>('[data-focus-target]')?.focus();
  }, [step, root]);
}
