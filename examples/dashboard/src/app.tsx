import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import {
  CourseLinkEditor,
  EmailBlockEditor,
  PersonalSessionsAction,
  PersonalSessionsActionTrigger,
  ProviderPicker,
  SessionsOverview,
  StaffAccountEditor,
} from '@session-links/react';
import { useState } from 'react';
import { Inbox } from './inbox';

const PAGES = ['Services', 'Staff', 'Calendar', 'Booking settings', 'Inbox'] as const;
/** The seeded site's people: its owner and three staff members. */
export const USERS = [
  { id: 'owner', name: 'Olivia Owner (owner)' },
  { id: 'anna', name: 'Anna de Vries (staff)' },
  { id: 'bram', name: 'Bram Jansen (staff)' },
  { id: 'chris', name: 'Chris Bakker (staff)' },
] as const;
export type User = (typeof USERS)[number]['id'];
type Page = (typeof PAGES)[number];
const range = { from: new Date(Date.now() - 7 * 864e5).toISOString(), to: new Date(Date.now() + 60 * 864e5).toISOString() };

/** A small bookings dashboard that embeds every session-links widget where a real one would. */
export function App({ user, onSignInAs, locale = 'en' }: { user: User; onSignInAs: (user: User) => void; locale?: 'en' | 'nl' }) {
  const [page, setPage] = useState<Page>('Services');
  return (
    <div className="app">
      <header>
        <strong>Studio Noord</strong>
        <nav aria-label="Dashboard">
          {PAGES.map((p) => (
            <button key={p} type="button" aria-current={p === page ? 'page' : undefined} onClick={() => setPage(p)}>
              {p}
            </button>
          ))}
        </nav>
        <label className="user-switcher">
          Signed in as{' '}
          <select value={user} onChange={(event) => onSignInAs(event.target.value as User)}>
            {USERS.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main>
        {page === 'Services' ? (
          <>
            <h1>Service: Career coaching</h1>
            <h2>Locations</h2>
            <ProviderPicker headingLevel={3} upgradeHref="#billing" />
            <h1>Course: Pottery for beginners</h1>
            <CourseLinkEditor serviceId="pottery" headingLevel={2} />
          </>
        ) : null}
        {page === 'Staff' ? (
          <>
            <h1>Staff</h1>
            <ProviderPicker headingLevel={2} />
            <StaffAccountEditor headingLevel={2} onSetUpDefault={() => setPage('Services')} />
          </>
        ) : null}
        {page === 'Calendar' ? (
          <>
            <div className="toolbar">
              <h1>Calendar</h1>
              <PersonalSessionsAction>
                <DropdownMenu.Root>
                  <DropdownMenu.Trigger className="host-button">More actions</DropdownMenu.Trigger>
                  <DropdownMenu.Portal>
                    <DropdownMenu.Content className="host-menu" align="end" sideOffset={4}>
                      <DropdownMenu.Item className="host-menu-item">Print calendar</DropdownMenu.Item>
                      <PersonalSessionsActionTrigger asChild>
                        <DropdownMenu.Item className="host-menu-item">Set up personal online sessions</DropdownMenu.Item>
                      </PersonalSessionsActionTrigger>
                    </DropdownMenu.Content>
                  </DropdownMenu.Portal>
                </DropdownMenu.Root>
              </PersonalSessionsAction>
            </div>
            <SessionsOverview from={range.from} to={range.to} headingLevel={2} />
          </>
        ) : null}
        {page === 'Booking settings' ? (
          <>
            <h1>E-mails and reminders</h1>
            <EmailBlockEditor headingLevel={2} />
          </>
        ) : null}
        {page === 'Inbox' ? <Inbox locale={locale} /> : null}
      </main>
    </div>
  );
}
