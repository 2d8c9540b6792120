import { expect, userEvent } from 'storybook/test';

/** After every step of a keyboard-only flow: focus is on something, never on `<body>`. */
export function expectFocusSomewhere(step: string): void {
  const active = document.activeElement;
  expect(active, `focus after "${step}"`).not.toBeNull();
  expect(active, `focus after "${step}" is on <body>`).not.toBe(document.body);
}

/** What a keyboard user hears as the focused element's name, roughly: its label, else its text. */
function nameOf(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  const label =
    el.getAttribute('aria-label') ??
    (labelledBy
      ? labelledBy
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ')
      : null) ??
    ((el as HTMLInputElement).labels?.[0]?.textContent || null) ??
    el.textContent ??
    '';
  return label.replace(/\s+/g, ' ').trim();
}

const matches = (el: Element | null, name: string | RegExp) =>
  el !== null && el !== document.body && (typeof name === 'string' ? nameOf(el) === name : name.test(nameOf(el)));

/**
 * Presses Tab (or Shift+Tab) until the focused element is called `name`, checking
 * after every press that focus is somewhere; fails when it never gets there.
 */
export async function tabTo(name: string | RegExp, { back = false, max = 40 } = {}): Promise<HTMLElement> {
  for (let i = 0; i <= max; i++) {
    if (matches(document.activeElement, name)) return document.activeElement as HTMLElement;
    await userEvent.tab({ shift: back });
    if (i > 0 || document.activeElement !== document.body) expectFocusSomewhere(`Tab towards ${String(name)}`);
  }
  throw new Error(`Tab never reached "${String(name)}"; focus is on "${nameOf(document.activeElement ?? document.body)}"`);
}

/** Tab to `name`, then press a key on it (Enter by default), and check focus did not drop to `<body>`. */
export async function press(name: string | RegExp, key = '{Enter}', options: { back?: boolean } = {}): Promise<void> {
  await tabTo(name, options);
  await userEvent.keyboard(key);
}
