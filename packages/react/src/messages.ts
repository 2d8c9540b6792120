import type { ApiErrorCode, CustomLinkErrorCode, Locale, NoLinkReason, Provider } from '@session-links/core';

/**
 * Every user-facing string, per locale. `{name}` placeholders are filled in by
 * `format`; the result is always rendered as text, never as markup.
 */
export const en = {
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.cancel': 'Cancel',
  'common.continue': 'Continue',
  'common.back': 'Back',
  'common.save': 'Save',
  'common.saving': 'Saving…',
  'common.edit': 'Edit',
  'common.add': 'Add',
  'common.reload': 'Reload',
  'common.optional': 'optional',

  'state.upgrade.title': 'Online sessions are not included in your plan',
  'state.upgrade.body': 'Upgrade your plan to give clients a link to join their sessions online.',
  'state.upgrade.action': 'See plans',
  'state.forbidden.title': 'Only the site owner can change this',
  'state.forbidden.body': 'Ask the owner of this site to manage the video-conferencing account.',
  'state.error.title': 'The video-conferencing settings could not be loaded',

  'error.PLAN_REQUIRED': 'Your plan does not include online sessions.',
  'error.DEFAULT_ACCOUNT_REQUIRED': 'Connect a default account for the site first.',
  'error.FORBIDDEN': 'You do not have permission to do this.',
  'error.NOT_FOUND': 'This no longer exists. Reload to see the latest.',
  'error.CONFLICT': 'Someone else changed this in the meantime. Reload to see their change; what you typed is kept.',
  'error.VALIDATION': 'Some of the details are not valid. Check the fields and try again.',
  'error.NETWORK': 'The server could not be reached. Check your connection and try again; what you typed is kept.',
  'error.SERVER': 'Something went wrong on our side. Try again in a moment; what you typed is kept.',

  'field.url.required': 'Enter the link clients use to join.',
  'field.url.tooLong': 'The link is too long: at most 2,048 characters.',
  'field.url.invalid': 'Enter a full web address, starting with https://',
  'field.url.scheme': 'Only https:// (or http://) links can be used.',
  'field.password.tooLong': 'The password is too long: at most 128 characters.',
  'field.password.invalid': 'The password contains characters that cannot be used.',
  'field.description.tooLong': 'The description is too long: at most 500 characters.',
  'field.description.invalid': 'The description contains characters that cannot be used.',
  'field.url.insecure': 'This link is not secure (http). Clients may see a warning; use https if the provider offers it.',

  'link.label': 'Link',
  'link.hint': 'The address clients use to join, for example https://meet.google.com/abc-defg-hij',
  'link.provider': 'Recognised as {provider}',
  'password.label': 'Password',
  'description.label': 'Description',
  'description.hint': 'Shown to clients with the link, as plain text.',

  'provider.other': 'another provider',
  'provider.zoom.name': 'Zoom',
  'provider.zoom.hint': 'A separate meeting with its own link and password for every session.',
  'provider.custom.name': 'Custom link',
  'provider.custom.hint': 'Google Meet, Teams, Skype, Webex, GoTo or any other provider. Every session uses the same link.',

  'zoom.intro': 'You will sign in to Zoom in a new window and allow meetings to be created for your sessions.',
  'zoom.connect': 'Connect',
  'zoom.waiting': 'Waiting for Zoom. Finish in the Zoom window.',
  'zoom.completing': 'Connecting your Zoom account…',
  'zoom.cancelled': 'The Zoom window was closed before the account was connected. Nothing changed.',
  'zoom.denied': 'Access was not allowed in Zoom. Nothing changed.',
  'zoom.blocked': 'Your browser blocked the Zoom window. Allow pop-ups for this site and try again.',

  'picker.title': 'Video conferencing',
  'picker.choose': 'How do clients join online sessions?',
  'picker.noDefault': 'No default account yet: online sessions have no link.',
  'picker.connected': 'Default account',
  'picker.connectedZoom': 'Zoom account of {name} ({email})',
  'picker.connectedCustom': '{provider} link',
  'picker.sameForEverySession': 'Every session uses this link.',
  'picker.uniquePerSession': 'Every session gets its own Zoom meeting.',
  'picker.passwordSet': 'With a password',
  'picker.saved': 'The default account is saved.',
  'picker.disconnected': 'The default account is disconnected. Sessions have no link until you connect one.',
  'picker.replace': 'Replace the default account',

  'health.expired': 'The Zoom authorisation has expired.',
  'health.error': 'This account has a problem and cannot create links.',
  'health.affected.one': '{count} upcoming session has no link until you reconnect.',
  'health.affected.other': '{count} upcoming sessions have no link until you reconnect.',
  'health.reconnect': 'Reconnect',

  'disconnect.action': 'Disconnect',
  'disconnect.title': 'Disconnect the default account?',
  'disconnect.body':
    'Without a default account no online session shows a link, not even sessions of staff who have their own account. Connecting an account again brings the links back.',
  'disconnect.confirm': 'Disconnect',
  'impact.loading': 'Checking which sessions are affected…',
  'impact.lost.one': '{count} upcoming session loses its link.',
  'impact.lost.other': '{count} upcoming sessions lose their link.',
  'impact.changed.one': '{count} upcoming session gets a different link.',
  'impact.changed.other': '{count} upcoming sessions get a different link.',
  'impact.none': 'No upcoming session is affected.',
  'impact.staff': 'Staff whose own accounts stop being used: {names}',
  'impact.clients.one': '{count} booked client holds the current link and should be told:',
  'impact.clients.other': '{count} booked clients hold the current link and should be told:',
  'impact.error': 'The affected sessions could not be checked.',

  'staff.listTitle': 'Online session accounts of staff',
  'staff.title': 'Online session account',
  'staff.add': 'Add individual account',
  'staff.remove': 'Remove',
  'staff.usesOwnZoom': "{name}'s sessions use their own Zoom account ({email}), instead of the site default.",
  'staff.usesOwnCustom': "{name}'s sessions use their own {provider} link, instead of the site default.",
  'staff.usesDefault': "{name}'s sessions use the site default ({account}): they have no account of their own.",
  'staff.usesFallback': "{name}'s own account cannot be used, so their sessions use the site default ({account}) for now.",
  'staff.usesNothing': "{name}'s sessions have no link: the site has no default account.",
  'staff.defaultZoom': 'Zoom, {email}',
  'staff.blocked': 'Individual accounts can be added once the site has a default account.',
  'staff.blockedAction': 'Set up the default account',
  'staff.zoomWho': 'Whoever signs in to Zoom in the new window is the Zoom user connected for {name}.',
  'staff.saved': 'The individual account is saved.',
  'staff.removed': 'The individual account is removed. Their sessions use the site default again.',
  'staff.removeTitle': "Remove {name}'s individual account?",
  'staff.removeBody': 'Their sessions will use the site default account again.',
  'staff.editImpact': 'Saving a new account changes the link of their upcoming sessions:',
  'staff.affected.one': '{count} of their upcoming sessions uses the site default until they reconnect.',
  'staff.affected.other': '{count} of their upcoming sessions use the site default until they reconnect.',
  'staff.notFound': 'This staff member could not be found.',
  'staff.forbiddenBody': 'Only the site owner can manage the accounts of other staff members.',
  'staff.empty': 'There are no staff members yet.',

  'personal.action': 'Set up personal online sessions',
  'personal.intro': 'Clients who book with you join your online sessions through this account, instead of the site default.',
  'personal.blocked': 'The site owner has to connect a default video-conferencing account before you can add your own.',
  'personal.noStaffRecord': 'Your user is not linked to a staff member, so there is no personal account to set up.',
  'common.close': 'Close',

  'reason.NO_PLAN': 'Your plan does not include online sessions.',
  'reason.NO_DEFAULT_ACCOUNT': 'The site has no default video-conferencing account.',
  'reason.OFFLINE': 'This session takes place on site.',
  'reason.REMOVED': 'The link was removed from this session.',
  'reason.ACCOUNT_UNHEALTHY': 'The default account needs to be reconnected.',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

export const nl: Messages = {
  'common.loading': 'Laden…',
  'common.retry': 'Opnieuw proberen',
  'common.cancel': 'Annuleren',
  'common.continue': 'Doorgaan',
  'common.back': 'Terug',
  'common.save': 'Opslaan',
  'common.saving': 'Opslaan…',
  'common.edit': 'Bewerken',
  'common.add': 'Toevoegen',
  'common.reload': 'Opnieuw laden',
  'common.optional': 'optioneel',

  'state.upgrade.title': 'Online sessies zitten niet in je abonnement',
  'state.upgrade.body': 'Met een upgrade krijgen je klanten een link om online aan hun sessies deel te nemen.',
  'state.upgrade.action': 'Abonnementen bekijken',
  'state.forbidden.title': 'Alleen de eigenaar van de website kan dit wijzigen',
  'state.forbidden.body': 'Vraag de eigenaar van deze website om het videoconferentieaccount te beheren.',
  'state.error.title': 'De videoconferentie-instellingen konden niet worden geladen',

  'error.PLAN_REQUIRED': 'Je abonnement bevat geen online sessies.',
  'error.DEFAULT_ACCOUNT_REQUIRED': 'Koppel eerst een standaardaccount voor de website.',
  'error.FORBIDDEN': 'Je hebt geen toestemming om dit te doen.',
  'error.NOT_FOUND': 'Dit bestaat niet meer. Laad opnieuw om de laatste stand te zien.',
  'error.CONFLICT': 'Iemand anders heeft dit intussen gewijzigd. Laad opnieuw om die wijziging te zien; wat je hebt ingevuld blijft staan.',
  'error.VALIDATION': 'Sommige gegevens kloppen niet. Controleer de velden en probeer het opnieuw.',
  'error.NETWORK': 'De server is niet bereikbaar. Controleer je verbinding en probeer het opnieuw; wat je hebt ingevuld blijft staan.',
  'error.SERVER': 'Er ging bij ons iets mis. Probeer het zo opnieuw; wat je hebt ingevuld blijft staan.',

  'field.url.required': 'Vul de link in waarmee klanten deelnemen.',
  'field.url.tooLong': 'De link is te lang: maximaal 2.048 tekens.',
  'field.url.invalid': 'Vul een volledig webadres in, dat begint met https://',
  'field.url.scheme': 'Alleen links met https:// (of http://) kunnen worden gebruikt.',
  'field.password.tooLong': 'Het wachtwoord is te lang: maximaal 128 tekens.',
  'field.password.invalid': 'Het wachtwoord bevat tekens die niet kunnen worden gebruikt.',
  'field.description.tooLong': 'De beschrijving is te lang: maximaal 500 tekens.',
  'field.description.invalid': 'De beschrijving bevat tekens die niet kunnen worden gebruikt.',
  'field.url.insecure':
    'Deze link is niet beveiligd (http). Klanten kunnen een waarschuwing zien; gebruik https als de provider dat aanbiedt.',

  'link.label': 'Link',
  'link.hint': 'Het adres waarmee klanten deelnemen, bijvoorbeeld https://meet.google.com/abc-defg-hij',
  'link.provider': 'Herkend als {provider}',
  'password.label': 'Wachtwoord',
  'description.label': 'Beschrijving',
  'description.hint': 'Wordt als platte tekst met de link aan klanten getoond.',

  'provider.other': 'een andere provider',
  'provider.zoom.name': 'Zoom',
  'provider.zoom.hint': 'Elke sessie krijgt een eigen meeting met een eigen link en wachtwoord.',
  'provider.custom.name': 'Aangepaste link',
  'provider.custom.hint': 'Google Meet, Teams, Skype, Webex, GoTo of een andere provider. Elke sessie gebruikt dezelfde link.',

  'zoom.intro': 'Je logt in een nieuw venster in bij Zoom en geeft toestemming om meetings voor je sessies te maken.',
  'zoom.connect': 'Koppelen',
  'zoom.waiting': 'Wachten op Zoom. Rond het af in het Zoom-venster.',
  'zoom.completing': 'Je Zoom-account wordt gekoppeld…',
  'zoom.cancelled': 'Het Zoom-venster is gesloten voordat het account was gekoppeld. Er is niets gewijzigd.',
  'zoom.denied': 'In Zoom is geen toestemming gegeven. Er is niets gewijzigd.',
  'zoom.blocked': 'Je browser heeft het Zoom-venster geblokkeerd. Sta pop-ups voor deze website toe en probeer het opnieuw.',

  'picker.title': 'Videoconferentie',
  'picker.choose': 'Hoe nemen klanten deel aan online sessies?',
  'picker.noDefault': 'Nog geen standaardaccount: online sessies hebben geen link.',
  'picker.connected': 'Standaardaccount',
  'picker.connectedZoom': 'Zoom-account van {name} ({email})',
  'picker.connectedCustom': '{provider}-link',
  'picker.sameForEverySession': 'Elke sessie gebruikt deze link.',
  'picker.uniquePerSession': 'Elke sessie krijgt een eigen Zoom-meeting.',
  'picker.passwordSet': 'Met wachtwoord',
  'picker.saved': 'Het standaardaccount is opgeslagen.',
  'picker.disconnected': 'Het standaardaccount is losgekoppeld. Sessies hebben geen link tot je een account koppelt.',
  'picker.replace': 'Standaardaccount vervangen',

  'health.expired': 'De Zoom-autorisatie is verlopen.',
  'health.error': 'Er is een probleem met dit account; het kan geen links maken.',
  'health.affected.one': '{count} komende sessie heeft geen link tot je opnieuw koppelt.',
  'health.affected.other': '{count} komende sessies hebben geen link tot je opnieuw koppelt.',
  'health.reconnect': 'Opnieuw koppelen',

  'disconnect.action': 'Loskoppelen',
  'disconnect.title': 'Standaardaccount loskoppelen?',
  'disconnect.body':
    'Zonder standaardaccount toont geen enkele online sessie een link, ook niet bij medewerkers met een eigen account. Als je weer een account koppelt, komen de links terug.',
  'disconnect.confirm': 'Loskoppelen',
  'impact.loading': 'Nagaan welke sessies dit raakt…',
  'impact.lost.one': '{count} komende sessie verliest de link.',
  'impact.lost.other': '{count} komende sessies verliezen hun link.',
  'impact.changed.one': '{count} komende sessie krijgt een andere link.',
  'impact.changed.other': '{count} komende sessies krijgen een andere link.',
  'impact.none': 'Geen komende sessie wordt geraakt.',
  'impact.staff': 'Medewerkers van wie het eigen account niet meer wordt gebruikt: {names}',
  'impact.clients.one': '{count} geboekte klant heeft de huidige link en moet worden ingelicht:',
  'impact.clients.other': '{count} geboekte klanten hebben de huidige link en moeten worden ingelicht:',
  'impact.error': 'Niet gelukt om na te gaan welke sessies dit raakt.',

  'staff.listTitle': 'Online sessie-accounts van medewerkers',
  'staff.title': 'Online sessie-account',
  'staff.add': 'Individueel account toevoegen',
  'staff.remove': 'Verwijderen',
  'staff.usesOwnZoom': 'Sessies van {name} gebruiken hun eigen Zoom-account ({email}) in plaats van het standaardaccount.',
  'staff.usesOwnCustom': 'Sessies van {name} gebruiken hun eigen {provider}-link in plaats van het standaardaccount.',
  'staff.usesDefault': 'Sessies van {name} gebruiken het standaardaccount ({account}): er is geen eigen account.',
  'staff.usesFallback':
    'Het eigen account van {name} kan niet worden gebruikt, dus hun sessies gebruiken voorlopig het standaardaccount ({account}).',
  'staff.usesNothing': 'Sessies van {name} hebben geen link: de website heeft geen standaardaccount.',
  'staff.defaultZoom': 'Zoom, {email}',
  'staff.blocked': 'Individuele accounts kunnen worden toegevoegd zodra de website een standaardaccount heeft.',
  'staff.blockedAction': 'Standaardaccount instellen',
  'staff.zoomWho': 'Wie in het nieuwe venster bij Zoom inlogt, is de Zoom-gebruiker die voor {name} wordt gekoppeld.',
  'staff.saved': 'Het individuele account is opgeslagen.',
  'staff.removed': 'Het individuele account is verwijderd. Hun sessies gebruiken weer het standaardaccount.',
  'staff.removeTitle': 'Individueel account van {name} verwijderen?',
  'staff.removeBody': 'Hun sessies gebruiken dan weer het standaardaccount van de website.',
  'staff.editImpact': 'Met een nieuw account verandert de link van hun komende sessies:',
  'staff.affected.one': '{count} van hun komende sessies gebruikt het standaardaccount tot ze opnieuw koppelen.',
  'staff.affected.other': '{count} van hun komende sessies gebruiken het standaardaccount tot ze opnieuw koppelen.',
  'staff.notFound': 'Deze medewerker is niet gevonden.',
  'staff.forbiddenBody': 'Alleen de eigenaar van de website kan de accounts van andere medewerkers beheren.',
  'staff.empty': 'Er zijn nog geen medewerkers.',

  'personal.action': 'Persoonlijke online sessies instellen',
  'personal.intro': 'Klanten die bij jou boeken, nemen via dit account deel aan je online sessies, in plaats van via het standaardaccount.',
  'personal.blocked':
    'De eigenaar van de website moet eerst een standaard videoconferentieaccount koppelen voordat je je eigen account kunt toevoegen.',
  'personal.noStaffRecord': 'Je gebruiker is niet aan een medewerker gekoppeld, dus er is geen persoonlijk account om in te stellen.',
  'common.close': 'Sluiten',

  'reason.NO_PLAN': 'Je abonnement bevat geen online sessies.',
  'reason.NO_DEFAULT_ACCOUNT': 'De website heeft geen standaard videoconferentieaccount.',
  'reason.OFFLINE': 'Deze sessie vindt ter plaatse plaats.',
  'reason.REMOVED': 'De link is uit deze sessie verwijderd.',
  'reason.ACCOUNT_UNHEALTHY': 'Het standaardaccount moet opnieuw worden gekoppeld.',
};

export const MESSAGES: Record<Locale, Messages> = { en, nl };

export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}

export type Translate = {
  (key: MessageKey, values?: Record<string, string | number>): string;
  /** `key.one` or `key.other` by count (both locales pluralise the same way). */
  plural(key: string, count: number, values?: Record<string, string | number>): string;
  error(code: ApiErrorCode): string;
  field(code: CustomLinkErrorCode | 'url.insecure' | string): string;
  reason(reason: NoLinkReason): string;
  provider(provider: Provider): string;
};

export function createTranslate(messages: Messages, providerNames: Record<Provider, string>): Translate {
  const t = ((key: MessageKey, values?: Record<string, string | number>) => format(messages[key] ?? key, values)) as Translate;
  t.plural = (key, count, values) => format(messages[`${key}.${count === 1 ? 'one' : 'other'}` as MessageKey] ?? key, { count, ...values });
  t.error = (code) => messages[`error.${code}` as MessageKey] ?? messages['error.SERVER'];
  t.field = (code) => messages[`field.${code}` as MessageKey] ?? messages['error.VALIDATION'];
  t.reason = (reason) => messages[`reason.${reason}` as MessageKey];
  t.provider = (provider) => (provider === 'other' ? messages['provider.other'] : providerNames[provider]);
  return t;
}
