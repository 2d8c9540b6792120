import { createClient } from '@session-links/client';
import type { Locale } from '@session-links/core';
import { MAIN_SITE, SECOND_SITE } from '@session-links/mocks';
import { ProviderPicker, SessionLinksProvider } from '@session-links/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { QueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { expect, within } from 'storybook/test';

/** One embed per site: its own client (bound to the site) and its own QueryClient (R13). */
function SiteEmbed({
  baseUrl,
  siteId,
  title,
  locale,
  children,
}: {
  baseUrl: string;
  siteId: string;
  title: string;
  locale: Locale;
  children: ReactNode;
}) {
  const [client] = useState(() => createClient({ baseUrl, siteId }));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } }));
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
function TwoSites({ baseUrl, locale = 'en' }: { baseUrl: string; locale?: Locale }) {
  return (
    // Side by side where both fit, one above the other on a phone (never wider than the page).
    <div
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 340px), 1fr))', gap: 24, font: '14px system-ui' }}
    >
      <SiteEmbed baseUrl={baseUrl} siteId={MAIN_SITE} title="Studio" locale={locale}>
        <ProviderPicker headingLevel={3} />
      </SiteEmbed>
      <SiteEmbed baseUrl={baseUrl} siteId={SECOND_SITE} title="Annex" locale={locale}>
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
  render: (_args, { loaded, globals }) => (
    <TwoSites baseUrl={(loaded as { baseUrl: string }).baseUrl} locale={globals.locale === 'nl' ? 'nl' : 'en'} />
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
