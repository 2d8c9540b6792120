import { createClient } from '@session-links/client';
import { ProviderPicker, SessionLinksProvider, useOnlineSettings } from '@session-links/react';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

describe('SessionLinksProvider', () => {
  it('a widget outside the provider throws a named error', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<ProviderPicker />)).toThrow('ProviderPicker must be used inside <SessionLinksProvider>.');
    expect(() => render(<Hook />)).toThrow('useOnlineSettings must be used inside <SessionLinksProvider>.');
    spy.mockRestore();
  });

  it('lets a host replace any message', () => {
    const client = createClient({ baseUrl: 'http://localhost/api', siteId: 's' });
    render(
      <SessionLinksProvider client={client} messages={{ 'picker.title': 'Online meetings' }}>
        <ProviderPicker />
      </SessionLinksProvider>,
    );
    expect(screen.getByRole('heading', { name: 'Online meetings' })).toBeInTheDocument();
  });

  it('two providers on one page keep their own QueryClient', () => {
    const a = createClient({ baseUrl: 'http://localhost/api', siteId: 'a' });
    const b = createClient({ baseUrl: 'http://localhost/api', siteId: 'b' });
    render(
      <>
        <SessionLinksProvider client={a}>
          <ProviderPicker />
        </SessionLinksProvider>
        <SessionLinksProvider client={b} locale="nl">
          <ProviderPicker />
        </SessionLinksProvider>
      </>,
    );
    expect(screen.getAllByRole('group').map((r) => r.getAttribute('aria-labelledby') !== null)).toEqual([true, true]);
    expect(screen.getByRole('heading', { name: 'Video conferencing' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Videoconferentie' })).toBeInTheDocument();
  });
});

function Hook() {
  useOnlineSettings();
  return null;
}
