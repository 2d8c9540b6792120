import { createClient } from '@session-links/client';
import type { Locale } from '@session-links/core';
import { MAIN_SITE, type MockBackend, SECOND_SITE } from '@session-links/mocks';
import { ProviderPicker, SessionLinksProvider } from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { QueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { findEnabledButton } from '../support/wait';

/** One embed per site: its own client (bound to the site) and its own QueryClient (R13). */
function SiteEmbed({
  baseUrl,
  siteId,
  title,
  locale,
  sharedQueryClient,
  children,
}: {
  baseUrl: string;
  siteId: string;
  title: string;
  locale: Locale;
  /** The host's one QueryClient for the whole page, when it has one. */
  sharedQueryClient?: QueryClient | undefined;
  children: ReactNode;
}) {
  const [client] = useState(() => createClient({ baseUrl, siteId }));
  const [ownQueryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } }));
  const queryClient = sharedQueryClient ?? ownQueryClient;
  return (
    <section aria-label={title} style={{ border: '1px dashed #98a2b3', borderRadius: 8, padding: 16 }}>
      <h2 style={{ fontSize: 16, marginTop: 0 }}>{title}</h2>
      <SessionLinksProvider client={client} queryClient={queryClient} locale={locale}>
        {children}
      </SessionLinksProvider>
    </section>
  );
}

/**
 * R13: an owner with two businesses sees both dashboards on one page. Each site has its
 * own default account; changing one never touches the other.
 */
function TwoSites({ baseUrl, locale = 'en', shareQueryClient = false }: { baseUrl: string; locale?: Locale; shareQueryClient?: boolean }) {
  const [hostQueryClient] = useState(() =>
    shareQueryClient ? new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } }) : undefined,
  );
  return (
    // Side by side where both fit, one above the other on a phone (never wider than the page).
    <div
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 340px), 1fr))', gap: 24, font: '14px system-ui' }}
    >
      <SiteEmbed baseUrl={baseUrl} siteId={MAIN_SITE} title="Studio" locale={locale} sharedQueryClient={hostQueryClient}>
        <ProviderPicker headingLevel={3} />
      </SiteEmbed>
      <SiteEmbed baseUrl={baseUrl} siteId={SECOND_SITE} title="Annex" locale={locale} sharedQueryClient={hostQueryClient}>
        <ProviderPicker headingLevel={3} />
      </SiteEmbed>
    </div>
  );
}

const meta = {
  title: 'Embedding/Two sites on one page',
  component: TwoSites,
  parameters: { sessionLinks: { scenario: 'two-sites' } },
  // Each embed has its own provider: it takes the toolbar's locale as the decorator's does.
  render: (args, { loaded, globals }) => (
    <TwoSites
      baseUrl={(loaded as { baseUrl: string }).baseUrl}
      locale={globals.locale === 'nl' ? 'nl' : 'en'}
      shareQueryClient={args.shareQueryClient ?? false}
    />
  ),
} satisfies Meta<typeof TwoSites>;
export default meta;
type Story = StoryObj<typeof meta>;

export const EachSiteItsOwnDefault: Story = {
  args: { baseUrl: '' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const studio = within(canvas.getByRole('region', { name: 'Studio' }));
    const annex = within(canvas.getByRole('region', { name: 'Annex' }));
    await expect(await studio.findByText(/^Zoom account of /)).toBeVisible();
    await expect(await annex.findByText('Whereby link')).toBeVisible();
    await expect(studio.queryByText('Whereby link')).toBeNull();
    await expect(annex.queryByText(/^Zoom account of /)).toBeNull();
  },
};

/**
 * A host with one QueryClient for its whole page (the host owns the clients): the
 * sites' data stays apart because every key starts with its site. Disconnecting the
 * Annex's default leaves the Studio's as it is, on screen and in the backend.
 */
export const OneHostQueryClientChangingOneSite: Story = {
  name: 'One host QueryClient: changing one site never touches the other',
  args: { baseUrl: '', shareQueryClient: true },
  play: async ({ canvasElement, loaded }) => {
    const backend = (loaded as { backend: MockBackend }).backend;
    const canvas = within(canvasElement);
    const studio = within(canvas.getByRole('region', { name: 'Studio' }));
    const annex = within(canvas.getByRole('region', { name: 'Annex' }));
    await expect(await studio.findByText(/^Zoom account of /)).toBeVisible();
    await expect(await annex.findByText('Whereby link')).toBeVisible();
    await expect(studio.queryByText('Whereby link')).toBeNull();

    await userEvent.click(annex.getByRole('button', { name: 'Disconnect' }));
    const dialog = within(await within(document.body).findByRole('alertdialog', { name: 'Disconnect the default account?' }));
    await userEvent.click(await findEnabledButton(dialog, 'Disconnect'));
    await expect(await annex.findByText(/The default account is disconnected/)).toBeVisible();
    await waitFor(() => expect(backend.getSettings(SECOND_SITE).defaultAccount).toBeNull());

    await expect(studio.getByText(/^Zoom account of /)).toBeVisible();
    await expect(studio.queryByText(/The default account is disconnected/)).toBeNull();
    await expect(backend.getSettings(MAIN_SITE).defaultAccount?.kind).toBe('zoom');
  },
};
