import type { QueryClient } from '@tanstack/react-query';
import { waitFor, type within } from 'storybook/test';

type Scope = ReturnType<typeof within>;

/**
 * The button named `name`, once it can be pressed. A widget disables its confirm and
 * submit buttons while it loads what they depend on (an impact preview, a reload), and
 * a click on a disabled button does nothing: a play function that clicked too early
 * would go on as if it had, and wait in vain for the result. A person waits for the
 * button to come alive; so does this. Time limit: Testing Library's (`.storybook/preview.tsx`).
 */
export function findEnabledButton(scope: Scope, name: string | RegExp): Promise<HTMLButtonElement> {
  return waitFor(() => {
    const button = scope.getByRole('button', { name }) as HTMLButtonElement;
    if (button.disabled) throw new Error(`the button "${String(name)}" is still disabled`);
    return button;
  });
}

/**
 * Waits until the story's widgets have no request in flight: after Reload or Try again,
 * before acting on what came back. Nothing else shows that a reload which changed
 * nothing on screen has finished.
 */
export function settled(loaded: Record<string, unknown>): Promise<void> {
  const queryClient = loaded.queryClient as QueryClient;
  return waitFor(() => {
    const busy = queryClient.isFetching() + queryClient.isMutating();
    if (busy > 0) throw new Error(`${busy} request(s) still in flight`);
  });
}
