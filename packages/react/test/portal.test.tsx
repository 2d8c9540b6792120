import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { PersonalSessionsAction, ProviderPicker, SessionLinksProvider, SessionsOverview } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

function listen(scenario: 'zoom-default', signedInAs?: string) {
  const { server } = setupMockApi(scenario, { baseUrl, ...(signedInAs ? { signedInAs } : {}) });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
}

const queryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });

/** A host layout whose dialog slot is a ref, set after the provider has rendered. */
function Host() {
  const slot = useRef<HTMLDivElement>(null);
  const [client] = useState(() => createClient({ baseUrl, siteId: MAIN_SITE }));
  const [qc] = useState(queryClient);
  return (
    <div data-testid="host-layout" data-sl-theme="dark">
      <SessionLinksProvider client={client} queryClient={qc} portalContainer={() => slot.current}>
        <PersonalSessionsAction />
      </SessionLinksProvider>
      <div ref={slot} data-testid="dialog-slot" />
    </div>
  );
}

describe('dialogs open in the portal container the host gives the provider', () => {
  it('an element: the confirmation opens inside the host’s dark layout, not at the end of <body>', async () => {
    listen('zoom-default');
    // The host's themed layout, with a slot for dialogs inside it.
    const layout = document.createElement('div');
    layout.setAttribute('data-sl-theme', 'dark');
    const slot = document.createElement('div');
    layout.append(slot);
    document.body.append(layout);
    try {
      render(
        <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient()} portalContainer={slot}>
          <ProviderPicker />
        </SessionLinksProvider>,
      );
      await userEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
      const dialog = await screen.findByRole('alertdialog', { name: /disconnect/i });
      expect(slot).toContainElement(dialog);
      // So the stylesheet's `[data-sl-theme="dark"] .sl-root` reaches it.
      expect(dialog.closest('[data-sl-theme="dark"]')).toBe(layout);
      expect(dialog).toHaveClass('sl-root');
    } finally {
      layout.remove();
    }
  });

  it('a getter (e.g. over a ref set after the provider renders): the self-service dialog opens inside it', async () => {
    listen('zoom-default', 'chris');
    render(<Host />);
    await userEvent.click(await screen.findByRole('button', { name: 'Set up personal online sessions' }));
    const dialog = await screen.findByRole('dialog', { name: 'Set up personal online sessions' });
    expect(screen.getByTestId('dialog-slot')).toContainElement(dialog);
  });

  it('the overview’s link editor opens inside the container too', async () => {
    listen('zoom-default', 'owner');
    const slot = document.createElement('div');
    document.body.append(slot);
    try {
      const now = Date.now();
      render(
        <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient()} portalContainer={slot}>
          <SessionsOverview from={new Date(now - 30 * 864e5).toISOString()} to={new Date(now + 30 * 864e5).toISOString()} height={5000} />
        </SessionLinksProvider>,
      );
      const [edit] = await screen.findAllByRole('button', { name: /^Edit link of/ });
      await userEvent.click(edit as HTMLElement);
      const dialog = await screen.findByRole('dialog', { name: /^Edit link of/ });
      expect(slot).toContainElement(dialog);
    } finally {
      slot.remove();
    }
  });

  it('without a container, dialogs still open at the end of <body>', async () => {
    listen('zoom-default');
    const { container } = render(
      <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={queryClient()}>
        <ProviderPicker />
      </SessionLinksProvider>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
    const dialog = await screen.findByRole('alertdialog', { name: /disconnect/i });
    expect(container).not.toContainElement(dialog);
    expect(document.body).toContainElement(dialog);
  });
});
