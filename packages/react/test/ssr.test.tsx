// @vitest-environment node
import { createClient } from '@session-links/client';
import {
  CourseLinkEditor,
  EmailBlockEditor,
  PersonalSessionsAction,
  ProviderPicker,
  SessionLinkEditor,
  SessionLinksProvider,
  SessionsOverview,
  StaffAccountEditor,
} from '@session-links/react';
import type { ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

const widgets: [string, ReactElement, string][] = [
  ['ProviderPicker', <ProviderPicker key="p" />, 'Videoconferentie'],
  ['StaffAccountEditor', <StaffAccountEditor key="s" />, 'Online sessie-accounts van medewerkers'],
  ['StaffAccountEditor (one)', <StaffAccountEditor key="s1" staffId="anna" />, 'Online sessie-account'],
  ['PersonalSessionsAction', <PersonalSessionsAction key="a" />, 'Persoonlijke online sessies instellen'],
  ['SessionLinkEditor', <SessionLinkEditor key="l" sessionId="s1" />, 'Online sessie-link'],
  ['CourseLinkEditor', <CourseLinkEditor key="c" serviceId="pottery" />, 'Cursuslink'],
  ['SessionsOverview', <SessionsOverview key="o" from="2030-01-01T00:00:00Z" to="2030-02-01T00:00:00Z" />, 'Online sessies'],
  ['EmailBlockEditor', <EmailBlockEditor key="e" />, 'Online sessie-links in e-mails'],
];

describe('server rendering', () => {
  it.each(widgets)('%s renders without a window, in its loading state', (_name, widget, title) => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const client = createClient({ baseUrl: 'http://localhost/api', siteId: 'site-studio' });
    const html = renderToString(
      <SessionLinksProvider client={client} locale="nl">
        {widget}
      </SessionLinksProvider>,
    );
    expect(html).toContain(title);
    // Everything but the standalone trigger button waits for data on the server.
    if (!_name.startsWith('PersonalSessionsAction')) expect(html).toContain('Laden…');
  });
});
