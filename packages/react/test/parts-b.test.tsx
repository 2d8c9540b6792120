import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { setupMockApi } from '@session-links/mocks/node';
import { SessionLinksProvider } from '@session-links/react';
import {
  CourseLinkEditorCurrent,
  CourseLinkEditorEditButton,
  CourseLinkEditorRoot,
  CourseLinkEditorTitle,
  useCourseLinkEditor,
} from '@session-links/react/course-link-editor';
import { EmailBlockEditorPreview, EmailBlockEditorRoot, useEmailBlockEditor } from '@session-links/react/email-block-editor';
import { SessionsOverviewCount, SessionsOverviewRoot, useSessionsOverview } from '@session-links/react/sessions-overview';
import { QueryClient } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { createRef, type ReactNode, type RefObject } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

const baseUrl = 'http://localhost/api/session-links';
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

function withBackend(ui: ReactNode, scenario: Parameters<typeof setupMockApi>[0] = 'zoom-default') {
  const api = setupMockApi(scenario, { signedInAs: 'owner', baseUrl });
  api.server.listen({ onUnhandledRequest: 'error' });
  stop = () => api.server.close();
  const client = createClient({ baseUrl, siteId: MAIN_SITE });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <SessionLinksProvider client={client} queryClient={queryClient}>
      {ui}
    </SessionLinksProvider>,
  );
}

function CustomCourse({ root, button }: { root: RefObject<HTMLDivElement | null>; button: RefObject<HTMLButtonElement | null> }) {
  const course = useCourseLinkEditor({ serviceId: 'pottery', headingLevel: 2 });
  return (
    <CourseLinkEditorRoot value={course} ref={root} className="host-card" data-testid="course">
      <CourseLinkEditorTitle />
      <CourseLinkEditorCurrent className="host-current">
        <CourseLinkEditorEditButton ref={button} className="host-button" aria-describedby="x" />
      </CourseLinkEditorCurrent>
    </CourseLinkEditorRoot>
  );
}

function CustomOverview({ from, to }: { from: string; to: string }) {
  const overview = useSessionsOverview({ from, to });
  return (
    <SessionsOverviewRoot value={overview}>
      <SessionsOverviewCount />
      <ul aria-label="mine">
        {overview.rows.map((row) => (
          <li key={row.session.id}>{overview.serviceOf(row)?.name}</li>
        ))}
      </ul>
    </SessionsOverviewRoot>
  );
}

function CustomEmail() {
  const email = useEmailBlockEditor();
  return (
    <EmailBlockEditorRoot value={email}>
      <EmailBlockEditorPreview sender="Studio Noord <hello@studio.example>" />
    </EmailBlockEditorRoot>
  );
}

describe('parts of CourseLinkEditor, SessionsOverview and EmailBlockEditor', () => {
  it('a part outside its Root is a named error', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const client = createClient({ baseUrl, siteId: MAIN_SITE });
    const inProvider = (ui: ReactNode) => render(<SessionLinksProvider client={client}>{ui}</SessionLinksProvider>);
    expect(() => inProvider(<CourseLinkEditorTitle />)).toThrow(/CourseLinkEditorTitle>? must be used inside <CourseLinkEditorRoot>/);
    expect(() => inProvider(<SessionsOverviewCount />)).toThrow(/SessionsOverviewCount>? must be used inside <SessionsOverviewRoot>/);
    expect(() => inProvider(<EmailBlockEditorPreview />)).toThrow(/EmailBlockEditorPreview>? must be used inside <EmailBlockEditorRoot>/);
    spy.mockRestore();
  });

  it('parts take a ref, merge className, spread props and show the state as data attributes', async () => {
    const root = createRef<HTMLDivElement>();
    const button = createRef<HTMLButtonElement>();
    withBackend(<CustomCourse root={root} button={button} />);
    const group = await screen.findByRole('group', { name: 'Course link: Pottery for beginners' });
    expect(root.current).toBe(group);
    expect(group).toHaveClass('sl-root', 'host-card');
    expect(group).toHaveAttribute('data-testid', 'course');
    expect(group).toHaveAttribute('data-state', 'view');
    expect(group).not.toHaveAttribute('data-has-link');
    const edit = within(group).getByRole('button', { name: 'Set a course link' });
    expect(button.current).toBe(edit);
    expect(edit).toHaveClass('sl-button', 'host-button');
    expect(edit).toHaveAttribute('aria-describedby', 'x');
    expect(group.querySelector('.host-current')).toHaveAttribute('data-state', 'default');
  });

  it('a custom overview from the hook: the count part and the rows the hook returns', async () => {
    const now = Date.now();
    const from = new Date(now - 30 * 864e5).toISOString();
    const to = new Date(now + 30 * 864e5).toISOString();
    withBackend(<CustomOverview from={from} to={to} />);
    const count = await screen.findByText(/^\d+ sessions$/);
    const n = Number(count.textContent?.split(' ')[0]);
    expect(n).toBeGreaterThan(3);
    expect(within(screen.getByRole('list', { name: 'mine' })).getAllByRole('listitem')).toHaveLength(n);
  });

  it('the e-mail preview is framed as an e-mail: From (the host’s sender), To, Subject, then the body', async () => {
    withBackend(<CustomEmail />, 'custom-default');
    const preview = await screen.findByRole('region', { name: 'Preview' });
    const terms = Array.from(preview.querySelectorAll('dt')).map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
    expect(terms[0]).toEqual(['From', 'Studio Noord <hello@studio.example>']);
    expect(terms[1]).toEqual(['To', 'Sam Sample']);
    expect(terms[2]?.[0]).toBe('Subject');
    expect(terms[2]?.[1]).toMatch(/confirmed/);
    const section = within(preview).getByRole('group', { name: 'Join-online section' });
    expect(section).toHaveAttribute('data-editing', '');
    expect(section).toHaveAttribute('data-status', 'complete');
  });
});
