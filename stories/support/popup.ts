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
  const consentButton = (outcome: 'allow' | 'deny' | 'cancel') =>
    waitFor(() => {
      const doc = popup?.document;
      const el = doc?.querySelector<HTMLButtonElement>(`button[data-outcome="${outcome}"]`);
      if (!doc || !el || doc.readyState === 'loading') throw new Error('consent page not loaded yet');
      return el;
    });
  return {
    restore: () => {
      window.open = original;
    },
    /**
     * Waits until the consent page has loaded in the popup. The widget sends the popup
     * there only once it listens for the answer, so after this a message is judged.
     * Its buttons exist before its script has run (the parser meets them first), so this
     * waits for the parsed document, not just a button: a click before the script would
     * do nothing. The time limit is Testing Library's, set in `.storybook/preview.tsx`.
     */
    loaded: () => consentButton('cancel'),
    /**
     * Waits for the consent page to load in the popup, presses one of its buttons, and
     * waits until this window has received the answer.
     *
     * The page posts its answer to this window, then closes itself. The widget also polls
     * `popup.closed` (every 300 ms) and takes a closed popup for a cancel; on a busy
     * machine that poll can run before the answer's message event, so Allow or Deny
     * would read as a cancel (seen once in three stress runs). That race is the
     * widget's to fix; here the popup's self-close is held until the answer has arrived,
     * so the story shows what the widget does with the answer.
     */
    async press(outcome: 'allow' | 'deny' | 'cancel') {
      const button = await consentButton(outcome);
      const win = popup as Window;
      const close = win.close.bind(win);
      let closeAsked = false;
      win.close = () => {
        closeAsked = true;
      };
      // Listening after the widget did: once this hears the answer, the widget has handled it.
      const answered = new Promise<void>((resolve) => {
        const heard = (event: MessageEvent) => {
          if (event.source !== win) return;
          window.removeEventListener('message', heard);
          resolve();
        };
        window.addEventListener('message', heard);
      });
      button.click();
      await answered;
      win.close = close;
      if (closeAsked) close();
    },
    close: () => popup?.close(),
    get window() {
      return popup;
    },
  };
}
