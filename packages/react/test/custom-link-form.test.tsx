import { createClient } from '@session-links/client';
import type { Locale } from '@session-links/core';
import { SessionLinksProvider } from '@session-links/react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CustomLinkForm } from '../src/parts/custom-link-form';
import { useCustomLinkForm } from '../src/parts/use-custom-link-form';

const client = createClient({ baseUrl: 'http://localhost/api', siteId: 's' });

function Harness({ saved }: { saved: unknown[] }) {
  const form = useCustomLinkForm();
  return <CustomLinkForm form={form} onSubmit={(link) => saved.push(link)} submitLabel="Connect" />;
}

function setup(locale: Locale = 'en') {
  const saved: unknown[] = [];
  render(
    <SessionLinksProvider client={client} locale={locale}>
      <Harness saved={saved} />
    </SessionLinksProvider>,
  );
  return { saved, user: userEvent.setup() };
}

describe('custom link form: links say where they go (R21)', () => {
  it('shows the real host as the user types, and saves the normalised link', async () => {
    const { user, saved } = setup();
    const link = screen.getByRole('textbox', { name: 'Link' });
    await user.type(link, 'HTTPS://Meet.Google.com:443/abc');
    expect(screen.getByText('meet.google.com')).toBeVisible();
    expect(screen.getByText('Goes to', { exact: false })).toHaveTextContent('Goes to meet.google.com');
    expect(screen.getByText('Recognised as Google Meet')).toBeVisible();
    expect(link).toHaveAccessibleDescription(expect.stringContaining('Goes to meet.google.com'));
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(saved).toEqual([{ url: 'https://meet.google.com/abc' }]);
  });

  it.each([
    ['https://zoom.us\u2215evil.example/j/1', 'zoom.xn--usevil-qe3c.example', 'Zoom'],
    ['https://zoom.us.evil.example/j/1', 'zoom.us.evil.example', 'Zoom'],
    ['https://meet-google.com/abc', 'meet-google.com', 'Google Meet'],
  ])('warns, naming the real host, when %s imitates a provider', async (url, host, provider) => {
    const { user } = setup();
    const link = screen.getByRole('textbox', { name: 'Link' });
    await user.click(link);
    await user.paste(url);
    expect(screen.getByRole('alert')).toHaveTextContent(`Check this link: it goes to ${host}, which is not ${provider}.`);
    expect(screen.queryByText(/Recognised as/)).toBeNull();
    expect(link).toHaveAccessibleDescription(expect.stringContaining(`it goes to ${host}`));
  });

  it.each([
    ['https://zo\u200bom.us/j/1', 'The link contains invisible characters or text-direction marks.'],
    ['https://example.com/\u202egnp.exe', 'The link contains invisible characters or text-direction marks.'],
    ['https://example.com\\@evil.example', 'The link contains a backslash'],
    ['https://zoom.us@evil.example/j/1', 'The link contains a user name or password before "@".'],
    ['http://169.254.169.254/latest', 'This address only works inside a private network or on this computer.'],
    ['http://0x7f.1/', 'This address only works inside a private network or on this computer.'],
  ])('refuses %j with its own message', async (url, message) => {
    const { user, saved } = setup();
    await user.click(screen.getByRole('textbox', { name: 'Link' }));
    await user.paste(url);
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getByRole('textbox', { name: 'Link' })).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(screen.queryByText(/Goes to/)).toBeNull();
    expect(saved).toEqual([]);
  });

  it('refuses bidi controls in password and description, in Dutch too', async () => {
    const { user, saved } = setup('nl');
    await user.click(screen.getByRole('textbox', { name: 'Link' }));
    await user.paste('https://whereby.com/kamer');
    await user.click(screen.getByRole('textbox', { name: /Wachtwoord/ }));
    await user.paste('abc\u202e123');
    await user.click(screen.getByRole('textbox', { name: /Beschrijving/ }));
    await user.paste('Kamer \u20664');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getByRole('textbox', { name: /Wachtwoord/ })).toHaveAccessibleDescription(
      'Het wachtwoord bevat tekens die de leesrichting veranderen. Typ het opnieuw zonder die tekens.',
    );
    expect(screen.getByRole('textbox', { name: /Beschrijving/ })).toHaveAccessibleDescription(
      expect.stringContaining('De beschrijving bevat tekens die de leesrichting veranderen.'),
    );
    expect(screen.getByText('Gaat naar', { exact: false })).toHaveTextContent('Gaat naar whereby.com');
    expect(saved).toEqual([]);
  });

  it.each(['en', 'nl'] as const)(
    'refuses a lone surrogate in the password and description with a field message (R26, %s)',
    async (locale) => {
      const { user, saved } = setup(locale);
      const password = locale === 'en' ? /Password/ : /Wachtwoord/;
      const description = locale === 'en' ? /Description/ : /Beschrijving/;
      await user.click(screen.getByRole('textbox', { name: 'Link' }));
      await user.paste('https://whereby.com/room');
      await user.click(screen.getByRole('textbox', { name: password }));
      await user.paste('abc\ud800');
      await user.click(screen.getByRole('textbox', { name: description }));
      await user.paste('Room \udc004');
      await user.click(screen.getByRole('button', { name: 'Connect' }));
      expect(screen.getByRole('textbox', { name: password })).toHaveAccessibleDescription(
        locale === 'en'
          ? 'The password contains characters that cannot be used.'
          : 'Het wachtwoord bevat tekens die niet kunnen worden gebruikt.',
      );
      expect(screen.getByRole('textbox', { name: description })).toHaveAccessibleDescription(
        expect.stringContaining(
          locale === 'en'
            ? 'The description contains characters that cannot be used.'
            : 'De beschrijving bevat tekens die niet kunnen worden gebruikt.',
        ),
      );
      expect(saved).toEqual([]);
    },
  );
});
