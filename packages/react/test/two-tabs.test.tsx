import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import {
  CourseLinkEditor,
  EmailBlockEditor,
  ProviderPicker,
  SessionLinkEditor,
  SessionLinksProvider,
  StaffAccountEditor,
} from '@session-links/react';
import { focusManager, QueryClient } from '@tanstack/react-query';
import { act, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

// Whole flows over MSW on a busy 2-core machine: give findBy* room.
configure({ asyncUtilTimeout: 5000 });

// R20: two tabs of the same owner over ONE backend (the MSW handlers the stories use).
// Tab B saves; tab A refetches on window focus; tab A's save must not replace B's change unseen.
const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | null = null;

afterEach(() => {
  stop?.();
  stop = null;
  focusManager.setFocused(undefined);
});

function twoTabs(scenario: Parameters<typeof setupMockApi>[0], widget: ReactNode) {
  const { backend, server } = setupMockApi(scenario, { baseUrl });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  const qc = () => new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const a = qc();
  const b = qc();
  render(
    <>
      <section aria-label="Tab A">
        <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={a}>
          {widget}
        </SessionLinksProvider>
      </section>
      <section aria-label="Tab B">
        <SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })} queryClient={b}>
          {widget}
        </SessionLinksProvider>
      </section>
    </>,
  );
  return {
    backend,
    a,
    tabA: within(screen.getByRole('region', { name: 'Tab A' })),
    tabB: within(screen.getByRole('region', { name: 'Tab B' })),
  };
}

/** The user comes back to tab A: React Query refetches every stale query on window focus. */
type Versioned = { version?: number; session?: { version: number }; courseLink?: { version: number } } | undefined;
async function focusTab(
  qc: QueryClient,
  key: readonly unknown[],
  version: number,
  pick: (d: Versioned) => number | undefined = (d) => d?.version,
) {
  act(() => {
    focusManager.setFocused(false);
    focusManager.setFocused(true);
  });
  await waitFor(() => expect(pick(qc.getQueryData(key) as Versioned)).toBe(version));
}

async function fillUrl(tab: ReturnType<typeof within>, url: string) {
  const input = await tab.findByRole('textbox', { name: /^Link/ });
  await userEvent.clear(input);
  await userEvent.type(input, url);
}

const site = ['session-links', MAIN_SITE] as const;

/** Connect a replacement default: the picker asks first, with the impact (R16). */
async function connectReplacing(tab: ReturnType<typeof within>) {
  await userEvent.click(tab.getByRole('button', { name: 'Connect' }));
  const dialog = within(await screen.findByRole('alertdialog', { name: 'Replace the default account?' }));
  const replace = dialog.getByRole('button', { name: 'Replace' });
  await waitFor(() => expect(replace).toBeEnabled());
  await userEvent.click(replace);
  await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
}

describe('two tabs, one backend (R20)', { timeout: 30_000 }, () => {
  it.each(['Keep mine', 'Take theirs'] as const)(
    'ProviderPicker: a save after a focus refetch does not replace the other tab’s default unseen (%s)',
    async (choice) => {
      const { backend, a, tabA, tabB } = twoTabs('custom-default', <ProviderPicker />);
      for (const tab of [tabA, tabB]) {
        await userEvent.click(await tab.findByRole('button', { name: 'Edit' }));
        await userEvent.click(await tab.findByRole('button', { name: /^Custom link/ }));
      }
      await fillUrl(tabB, 'https://meet.google.com/bbb-bbbb-bbb');
      await connectReplacing(tabB);
      await tabB.findByText('The default account is saved.');
      const theirs = backend.getSettings(MAIN_SITE, 'owner');

      await focusTab(a, [...site, 'settings'], theirs.version);
      await fillUrl(tabA, 'https://meet.google.com/aaa-aaaa-aaa');
      await connectReplacing(tabA);

      await expect(await tabA.findByRole('heading', { name: 'Changed elsewhere' })).toBeInTheDocument();
      await expect(tabA.getByText('https://meet.google.com/bbb-bbbb-bbb')).toBeInTheDocument();
      expect(backend.getSettings(MAIN_SITE, 'owner').defaultAccount).toMatchObject({
        link: { url: 'https://meet.google.com/bbb-bbbb-bbb' },
      });

      if (choice === 'Keep mine') {
        // Keep mine: saved on top of their version, on purpose.
        await userEvent.click(tabA.getByRole('button', { name: 'Keep mine' }));
        await connectReplacing(tabA);
        await tabA.findByText('The default account is saved.');
        expect(backend.getSettings(MAIN_SITE, 'owner').defaultAccount).toMatchObject({
          link: { url: 'https://meet.google.com/aaa-aaaa-aaa' },
        });
        return;
      }

      // Take theirs: the draft goes, their default is shown.
      await userEvent.click(tabA.getByRole('button', { name: 'Take theirs' }));
      await waitFor(() => expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull());
      await expect(tabA.getByText('https://meet.google.com/bbb-bbbb-bbb')).toBeInTheDocument();
      expect(tabA.queryByText('https://meet.google.com/aaa-aaaa-aaa')).toBeNull();

      // Editing again starts from their value, and saving it is no conflict: nothing stale is left.
      await userEvent.click(tabA.getByRole('button', { name: 'Edit' }));
      await userEvent.click(await tabA.findByRole('button', { name: /^Custom link/ }));
      expect(await tabA.findByRole('textbox', { name: /^Link/ })).toHaveValue('https://meet.google.com/bbb-bbbb-bbb');
      expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull();
      await fillUrl(tabA, 'https://meet.google.com/ccc-cccc-ccc');
      await connectReplacing(tabA);
      await tabA.findByText('The default account is saved.');
      expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull();
      expect(backend.getSettings(MAIN_SITE, 'owner').defaultAccount).toMatchObject({
        link: { url: 'https://meet.google.com/ccc-cccc-ccc' },
      });
    },
  );

  it('StaffAccountEditor: a save after a focus refetch does not replace the other tab’s account unseen', async () => {
    const { backend, a, tabA, tabB } = twoTabs('zoom-default', <StaffAccountEditor staffId="bram" />);
    for (const tab of [tabA, tabB]) {
      await userEvent.click(await tab.findByRole('button', { name: 'Edit' }));
      await userEvent.click(await tab.findByRole('button', { name: /^Custom link/ }));
    }
    await fillUrl(tabB, 'https://meet.google.com/bbb-bbbb-bbb');
    await userEvent.click(tabB.getByRole('button', { name: 'Continue' }));
    await tabB.findByText(/is saved/);
    const theirs = backend.listStaff(MAIN_SITE, 'owner').find((s) => s.id === 'bram')!;

    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await waitFor(() =>
      expect((a.getQueryData([...site, 'staff']) as { id: string; version: number }[]).find((s) => s.id === 'bram')?.version).toBe(
        theirs.version,
      ),
    );
    await fillUrl(tabA, 'https://meet.google.com/aaa-aaaa-aaa');
    await userEvent.click(tabA.getByRole('button', { name: 'Continue' }));

    await expect(await tabA.findByRole('heading', { name: 'Changed elsewhere' })).toBeInTheDocument();
    await expect(tabA.getByText('https://meet.google.com/bbb-bbbb-bbb')).toBeInTheDocument();
    expect(backend.listStaff(MAIN_SITE, 'owner').find((s) => s.id === 'bram')?.account).toMatchObject({
      link: { url: 'https://meet.google.com/bbb-bbbb-bbb' },
    });

    // Take theirs: the draft goes, their link is shown.
    await userEvent.click(tabA.getByRole('button', { name: 'Take theirs' }));
    await waitFor(() => expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull());
    await expect(tabA.getByText('https://meet.google.com/bbb-bbbb-bbb')).toBeInTheDocument();
    expect(document.activeElement).not.toBe(document.body);

    // Editing again starts from their value, and saving it is no conflict: nothing stale is left.
    await userEvent.click(tabA.getByRole('button', { name: 'Edit' }));
    await userEvent.click(await tabA.findByRole('button', { name: /^Custom link/ }));
    expect(await tabA.findByRole('textbox', { name: /^Link/ })).toHaveValue('https://meet.google.com/bbb-bbbb-bbb');
    expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull();
    await fillUrl(tabA, 'https://meet.google.com/ccc-cccc-ccc');
    await userEvent.click(tabA.getByRole('button', { name: 'Continue' }));
    await tabA.findByText(/is saved/);
    expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull();
    expect(backend.listStaff(MAIN_SITE, 'owner').find((s) => s.id === 'bram')?.account).toMatchObject({
      link: { url: 'https://meet.google.com/ccc-cccc-ccc' },
    });
  });

  it('SessionLinkEditor: a save after a focus refetch does not replace the other tab’s link unseen', async () => {
    const { backend, a, tabA, tabB } = twoTabs('zoom-default', <SessionLinkEditor sessionId="coaching-chris-1" />);
    for (const tab of [tabA, tabB]) {
      await userEvent.click(await tab.findByRole('button', { name: /^(Replace the link|Add a link)$/ }));
      await userEvent.click(await tab.findByRole('button', { name: /^Custom link/ }));
    }
    // Replacing a link asks first, with who holds the current one (R16).
    const confirmReplace = async () => {
      const confirm = within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Replace the link' });
      await waitFor(() => expect(confirm).toBeEnabled());
      await userEvent.click(confirm);
    };
    await fillUrl(tabB, 'https://meet.google.com/bbb-bbbb-bbb');
    await userEvent.click(tabB.getByRole('button', { name: 'Save' }));
    await confirmReplace();
    await tabB.findByText(/saved/i);
    const theirs = await backend.getSession(MAIN_SITE, 'coaching-chris-1', 'owner');

    await focusTab(a, [...site, 'session', 'coaching-chris-1'], theirs.session.version, (d) => d?.session?.version);
    await fillUrl(tabA, 'https://meet.google.com/aaa-aaaa-aaa');
    await userEvent.click(tabA.getByRole('button', { name: 'Save' }));
    await confirmReplace();

    await expect(await tabA.findByRole('heading', { name: 'Changed elsewhere' })).toBeInTheDocument();
    await expect(tabA.getAllByText('https://meet.google.com/bbb-bbbb-bbb').length).toBeGreaterThan(0);
    expect((await backend.getSession(MAIN_SITE, 'coaching-chris-1', 'owner')).resolution).toMatchObject({
      link: { guestUrl: 'https://meet.google.com/bbb-bbbb-bbb' },
    });

    // Take theirs: the draft goes, their link is shown.
    await userEvent.click(tabA.getByRole('button', { name: 'Take theirs' }));
    await waitFor(() => expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull());
    await expect(tabA.getAllByText('https://meet.google.com/bbb-bbbb-bbb').length).toBeGreaterThan(0);
    expect(tabA.queryByText('https://meet.google.com/aaa-aaaa-aaa')).toBeNull();

    // Editing again starts from their version, and saving is no conflict: nothing stale is left.
    await userEvent.click(tabA.getByRole('button', { name: 'Replace the link' }));
    await userEvent.click(await tabA.findByRole('button', { name: /^Custom link/ }));
    expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull();
    await fillUrl(tabA, 'https://meet.google.com/ccc-cccc-ccc');
    await userEvent.click(tabA.getByRole('button', { name: 'Save' }));
    await confirmReplace();
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await tabA.findByText(/saved/i);
    expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull();
    expect((await backend.getSession(MAIN_SITE, 'coaching-chris-1', 'owner')).resolution).toMatchObject({
      link: { guestUrl: 'https://meet.google.com/ccc-cccc-ccc' },
    });
  });

  it('CourseLinkEditor: a save after a focus refetch does not replace the other tab’s course link unseen', async () => {
    const { backend, a, tabA, tabB } = twoTabs('zoom-default', <CourseLinkEditor serviceId="pottery" />);
    for (const tab of [tabA, tabB]) {
      await userEvent.click(await tab.findByRole('button', { name: /^(Set a course link|Edit the course link)$/ }));
    }
    await fillUrl(tabB, 'https://meet.google.com/bbb-bbbb-bbb');
    await userEvent.click(tabB.getByRole('button', { name: 'Review the change' }));
    const dialog = await screen.findByRole('alertdialog');
    const confirm = within(dialog).getByRole('button', { name: 'Change the link' });
    await waitFor(() => expect(confirm).toBeEnabled());
    await userEvent.click(confirm);
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    const theirs = backend.getCourseLink(MAIN_SITE, 'pottery', 'owner');
    expect(theirs.courseLink.link?.url).toBe('https://meet.google.com/bbb-bbbb-bbb');

    await focusTab(a, [...site, 'course-link', 'pottery'], theirs.courseLink.version, (d) => d?.courseLink?.version);
    // Tab A's form is still open: it says so before the user even saves.
    await expect(await tabA.findByRole('heading', { name: 'Changed elsewhere' })).toBeInTheDocument();
    await fillUrl(tabA, 'https://meet.google.com/aaa-aaaa-aaa');
    await userEvent.click(tabA.getByRole('button', { name: 'Review the change' }));
    const dialogA = screen.queryByRole('alertdialog');
    if (dialogA) {
      const confirmA = within(dialogA).getByRole('button', { name: 'Change the link' });
      await waitFor(() => expect(confirmA).toBeEnabled());
      await userEvent.click(confirmA);
    }
    await expect(await screen.findAllByText('https://meet.google.com/bbb-bbbb-bbb')).not.toHaveLength(0);
    expect(backend.getCourseLink(MAIN_SITE, 'pottery', 'owner').courseLink.link?.url).toBe('https://meet.google.com/bbb-bbbb-bbb');

    // Take theirs: the draft goes, their link is shown.
    await userEvent.click(tabA.getByRole('button', { name: 'Take theirs' }));
    await waitFor(() => expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull());
    await expect(tabA.getAllByText('https://meet.google.com/bbb-bbbb-bbb').length).toBeGreaterThan(0);
    expect(tabA.queryByText('https://meet.google.com/aaa-aaaa-aaa')).toBeNull();

    // Editing again starts from their value, and saving it is no conflict: nothing stale is left.
    await userEvent.click(tabA.getByRole('button', { name: 'Edit the course link' }));
    expect(await tabA.findByRole('textbox', { name: /^Link/ })).toHaveValue('https://meet.google.com/bbb-bbbb-bbb');
    expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull();
    await fillUrl(tabA, 'https://meet.google.com/ccc-cccc-ccc');
    await userEvent.click(tabA.getByRole('button', { name: 'Review the change' }));
    const confirmAgain = within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Change the link' });
    await waitFor(() => expect(confirmAgain).toBeEnabled());
    await userEvent.click(confirmAgain);
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await waitFor(() =>
      expect(backend.getCourseLink(MAIN_SITE, 'pottery', 'owner').courseLink.link?.url).toBe('https://meet.google.com/ccc-cccc-ccc'),
    );
    expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull();
  });

  it('EmailBlockEditor: a save after a focus refetch does not undo the other tab’s template change unseen', async () => {
    const { backend, a, tabA, tabB } = twoTabs('custom-default', <EmailBlockEditor />);
    // Tab B removes the password line and saves.
    await userEvent.click(await tabB.findByRole('button', { name: /^Password line/ }));
    await userEvent.click(tabB.getByRole('button', { name: 'Remove Password line' }));
    await userEvent.click(tabB.getByRole('button', { name: 'Save and continue' }));
    await tabB.findByText('The e-mail is saved.');
    // Tab A, opened before, removes the description line.
    await userEvent.click(await tabA.findByRole('button', { name: /^Description line/ }));
    await userEvent.click(tabA.getByRole('button', { name: 'Remove Description line' }));
    const theirs = backend.getTemplate(MAIN_SITE, 'booking-confirmation', 'owner');

    await focusTab(a, [...site, 'template', 'booking-confirmation'], theirs.version);
    await userEvent.click(tabA.getByRole('button', { name: 'Save and continue' }));

    await expect(await tabA.findByRole('heading', { name: 'Changed elsewhere' })).toBeInTheDocument();
    // Their password line is gone: saving A's draft would bring it back.
    expect(backend.getTemplate(MAIN_SITE, 'booking-confirmation', 'owner').joinOnline.elements).toEqual([
      'heading',
      'join-link',
      'description',
    ]);

    // Take theirs: A's draft goes, their template is shown (no password line, the description line back).
    await userEvent.click(tabA.getByRole('button', { name: 'Take theirs' }));
    await waitFor(() => expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull());
    expect(tabA.queryByRole('button', { name: /^Password line/ })).toBeNull();
    expect(tabA.getByRole('button', { name: /^Description line/ })).toBeInTheDocument();

    // Editing again starts from their template, and saving it is no conflict: nothing stale is left.
    await userEvent.click(tabA.getByRole('button', { name: /^Description line/ }));
    await userEvent.click(tabA.getByRole('button', { name: 'Remove Description line' }));
    expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull();
    await userEvent.click(tabA.getByRole('button', { name: 'Save and continue' }));
    await tabA.findByText('The e-mail is saved.');
    expect(tabA.queryByRole('heading', { name: 'Changed elsewhere' })).toBeNull();
    expect(backend.getTemplate(MAIN_SITE, 'booking-confirmation', 'owner').joinOnline.elements).toEqual(['heading', 'join-link']);
  });
});
