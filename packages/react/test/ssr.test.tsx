// @vitest-environment node
import { createClient } from '@session-links/client';
import { ProviderPicker, SessionLinksProvider } from '@session-links/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

describe('server rendering', () => {
  it('renders the ProviderPicker without a window, in its loading state', () => {
    expect(typeof window).toBe('undefined');
    const client = createClient({ baseUrl: 'http://localhost/api', siteId: 'site-studio' });
    const html = renderToString(
      <SessionLinksProvider client={client} locale="nl">
        <ProviderPicker />
      </SessionLinksProvider>,
    );
    expect(html).toContain('data-state="loading"');
    expect(html).toContain('Videoconferentie');
    expect(html).toContain('Laden…');
  });
});
