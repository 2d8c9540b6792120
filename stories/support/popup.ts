import { waitFor } from 'storybook/test';

/**
 * Watches `window.open` for the Zoom consent popup the widget opens, so a play
 * function can press Allow, Deny or Cancel in it like a person would. Same-origin, so
 * its document can be read. Call before the click that opens it; `restore` puts
 * `window.open` back.
 */
export function watchPopup() {
  const original = window.open.bind(window);
  let popup: Window | null = null;
  window.open = (...args: Parameters<typeof window.open>) => {
    popup = original(...args);
    return popup;
  };
  return {
    restore: () => {
      window.open = original;
    },
    /** Waits for the consent page to load in the popup, then presses one of its buttons. */
    async press(outcome: 'allow' | 'deny' | 'cancel') {
      const button = await waitFor(
        () => {
          const el = popup?.document?.querySelector<HTMLButtonElement>(`button[data-outcome="${outcome}"]`);
          if (!el) throw new Error('consent page not loaded yet');
          return el;
        },
        { timeout: 5000 },
      );
      button.click();
    },
    close: () => popup?.close(),
    get window() {
      return popup;
    },
  };
}
