import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { createTranslate, en, type Messages, ProviderPicker, SessionLinksProvider } from '@session-links/react';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

// Whole flows over MSW on a busy 2-core machine: give findBy* room.
configure({ asyncUtilTimeout: 5000 });

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
});

function setup(provider: { locale?: string; messages?: Partial<Messages>; timeZone?: string }, widget: ReactNode) {
  const { backend, server } = setupMockApi('zoom-default', { baseUrl });
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  const client = createClient({ baseUrl, siteId: MAIN_SITE });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <SessionLinksProvider client={client} queryClient={queryClient} {...provider}>
      {widget}
    </SessionLinksProvider>,
  );
  return { backend, client };
}

describe('locales (any BCP 47 tag)', { timeout: 20_000 }, () => {
  it('de-DE with the host’s messages: their strings where given, English where not', async () => {
    setup(
      {
        locale: 'de-DE',
        messages: {
          'picker.title': 'Videokonferenz',
          'common.edit': 'Bearbeiten',
          'impact.lost.other': '{count} Termine verlieren ihren Link.',
        },
      },
      <ProviderPicker />,
    );
    expect(screen.getByRole('heading', { name: 'Videokonferenz' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Bearbeiten' })).toBeInTheDocument();
    // Not translated by the host: the English string, never a key.
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    expect(await dialog.findByText(/^\d+ Termine verlieren ihren Link\.$/)).toBeInTheDocument();
    expect(dialog.getByRole('heading', { name: 'Disconnect the default account?' })).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/\b(picker|impact|common)\.[a-z]/);
  });

  it('nl-BE gets the Dutch strings', async () => {
    setup({ locale: 'nl-BE' }, <ProviderPicker />);
    expect(screen.getByRole('heading', { name: 'Videoconferentie' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Loskoppelen' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Bewerken' })).toBeInTheDocument();
  });

  it('an unknown language without messages falls back to English', async () => {
    setup({ locale: 'ja-JP' }, <ProviderPicker />);
    expect(screen.getByRole('heading', { name: 'Video conferencing' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Disconnect' })).toBeInTheDocument();
  });
});

describe('plurals through Intl.PluralRules', () => {
  it('picks one / few / many / other by the locale’s rules, with the count in the locale’s digits', () => {
    const pl = createTranslate(
      {
        ...en,
        'impact.lost.one': '{count} sesja traci link.',
        'impact.lost.few': '{count} sesje tracą link.',
        'impact.lost.many': '{count} sesji traci link.',
      },
      undefined,
      'pl-PL',
    );
    expect(pl.plural('impact.lost', 1)).toBe('1 sesja traci link.');
    expect(pl.plural('impact.lost', 3)).toBe('3 sesje tracą link.');
    expect(pl.plural('impact.lost', 22)).toBe('22 sesje tracą link.');
    expect(pl.plural('impact.lost', 5)).toBe('5 sesji traci link.');
    expect(pl.plural('impact.lost', 1200)).toBe('1200 sesji traci link.');

    const english = createTranslate(en, undefined, 'en');
    expect(english.plural('impact.lost', 0)).toBe('0 upcoming sessions lose their link.');
    expect(english.plural('impact.lost', 1)).toBe('1 upcoming session loses its link.');
    expect(english.plural('impact.lost', 1500)).toBe('1,500 upcoming sessions lose their link.');
    // French counts 0 as "one"; a category the messages lack falls back to `.other`.
    const fr = createTranslate({ ...en, 'impact.lost.one': '{count} séance perd son lien.' }, undefined, 'fr-FR');
    expect(fr.plural('impact.lost', 0)).toBe('0 séance perd son lien.');
    expect(fr.plural('impact.lost', 2)).toBe('2 upcoming sessions lose their link.');
  });
});

describe('dates in the provider’s time zone (the business’s, not the viewer’s)', { timeout: 20_000 }, () => {
  async function sessionLines(timeZone: string) {
    const { client } = setup({ timeZone }, <ProviderPicker />);
    await userEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
    const dialog = within(await screen.findByRole('alertdialog'));
    const list = await dialog.findByRole('list', { name: 'Sessions' });
    const shown = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    const impact = await client.previewImpact({ type: 'disconnect-default' });
    const first = impact.sessions.filter((s) => !s.past)[0];
    cleanup();
    stop?.();
    stop = null;
    return { shown, start: first?.start ?? '' };
  }

  it('the same session shows at its local time in Amsterdam and in New York', async () => {
    const amsterdam = await sessionLines('Europe/Amsterdam');
    const newYork = await sessionLines('America/New_York');
    const at = (timeZone: string) =>
      new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(amsterdam.start));
    expect(amsterdam.shown[0]).toContain(` · ${at('Europe/Amsterdam')} — `);
    expect(newYork.shown[0]).toContain(` · ${at('America/New_York')} — `);
    // Six hours apart in November: the same instant, two wall clocks.
    expect(at('Europe/Amsterdam')).not.toBe(at('America/New_York'));
  });
});
