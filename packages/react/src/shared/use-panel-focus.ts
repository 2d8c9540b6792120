'use client';
import { type RefObject, useEffect, useRef } from 'react';

/**
 * Moves focus to the `[data-focus-target]` heading inside `root` when `step` changes
 * after a user action: not on the first render, not when data finishes loading
 * (steps starting with "loading"), and only when the last pointer or key press was in
 * this widget (its dialogs included: React events bubble through portals) or focus is
 * already inside it. Another widget on the page whose data changed as well never takes
 * focus away. Spread the returned handlers on the widget's root.
 */
export function usePanelFocus(step: string, root: RefObject<HTMLElement | null>) {
  const previous = useRef<string | null>(null);
  const mine = useRef(false);

  // Any press anywhere first clears the mark; the root's own capture handlers set it again.
  useEffect(() => {
    const clear = () => {
      mine.current = false;
    };
    document.addEventListener('pointerdown', clear, true);
    document.addEventListener('keydown', clear, true);
    return () => {
      document.removeEventListener('pointerdown', clear, true);
      document.removeEventListener('keydown', clear, true);
    };
  }, []);

  useEffect(() => {
    const before = previous.current;
    previous.current = step;
    if (before === null || before.startsWith('loading') || before === step) return;
    const el = root.current;
    if (!el) return;
    // Inside a dialog, focus anywhere in that dialog counts as "in this widget".
    const scope = el.closest<HTMLElement>('[role="dialog"], [role="alertdialog"]') ?? el;
    if (!mine.current && !scope.contains(document.activeElement)) return;
    // A choice the user must make first (R20's "Changed elsewhere" after a refused save) wins over the step's heading.
    const target = el.querySelector<HTMLElement>('[data-focus-priority]') ?? el.querySelector<HTMLElement>('[data-focus-target]');
    target?.focus();
  }, [step, root]);

  const mark = () => {
    mine.current = true;
  };
  return { onPointerDownCapture: mark, onKeyDownCapture: mark };
}
