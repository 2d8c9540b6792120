'use client';
import { type FocusEvent, type RefObject, useEffect, useRef } from 'react';

const DIALOG = '[role="dialog"], [role="alertdialog"]';
const FOCUSABLE = 'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]';

/** Where focus goes when the focused element is gone: the choice to make, the step's heading, else the first control. */
function fallbackIn(scope: HTMLElement): HTMLElement | null {
  const candidates = [
    ...scope.querySelectorAll<HTMLElement>('[data-focus-priority]'),
    ...scope.querySelectorAll<HTMLElement>('[data-focus-target]'),
    ...scope.querySelectorAll<HTMLElement>(FOCUSABLE),
  ];
  return candidates.find((el) => !(el as HTMLButtonElement).disabled) ?? (scope.matches(DIALOG) ? scope : null);
}

/**
 * Moves focus to the `[data-focus-target]` heading inside `root` when `step` changes
 * after a user action: not on the first render, not when data finishes loading
 * (steps starting with "loading"), and only when the last pointer or key press was in
 * this widget (its dialogs included: React events bubble through portals) or focus is
 * already inside it. Another widget on the page whose data changed as well never takes
 * focus away. Spread the returned handlers on the widget's root.
 *
 * It also keeps focus off `<body>` when the focused control goes away under the user:
 * Chromium blurs a button the moment it becomes `disabled` (a pending save) or is
 * removed (a step that ends). Focus then moves to the step's heading or the first
 * control, inside the dialog it was in if that is still open; a button that was only
 * disabled gets it back when it is enabled again (the save failed: the user is on the
 * action, next to its error).
 */
export function usePanelFocus(step: string, root: RefObject<HTMLElement | null>) {
  const previous = useRef<string | null>(null);
  const mine = useRef(false);
  const waiting = useRef<MutationObserver | null>(null);
  useEffect(() => () => waiting.current?.disconnect(), []);

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

  // React's focus events bubble through portals: this sees the widget's dialogs too.
  const onBlurCapture = (event: FocusEvent<HTMLElement>) => {
    if (event.relatedTarget !== null) return; // focus went somewhere: nothing was lost
    const lost = event.target as HTMLElement;
    const dialog = lost.closest<HTMLElement>(DIALOG);
    // After the browser has settled focus and the step's own focus move (above) has had its turn.
    setTimeout(() => {
      if (document.activeElement !== null && document.activeElement !== document.body) return;
      const scope = dialog?.isConnected ? dialog : root.current;
      if (!scope) return;
      if (lost.isConnected && !(lost as HTMLButtonElement).disabled) {
        lost.focus();
        return;
      }
      const fallback = fallbackIn(scope);
      fallback?.focus();
      waiting.current?.disconnect();
      waiting.current = null;
      if (!lost.isConnected || !(lost as HTMLButtonElement).disabled) return;
      const observer = new MutationObserver(() => {
        if ((lost as HTMLButtonElement).disabled) return;
        observer.disconnect();
        const active = document.activeElement;
        if (lost.isConnected && (active === null || active === document.body || active === fallback)) lost.focus();
      });
      observer.observe(lost, { attributes: true, attributeFilter: ['disabled'] });
      waiting.current = observer;
    }, 0);
  };
  return { onPointerDownCapture: mark, onKeyDownCapture: mark, onBlurCapture };
}
