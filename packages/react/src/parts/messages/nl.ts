import type { en } from './en';

/** The account flows' strings about the connected providers. Dutch. */
export const nl: Record<keyof typeof en, string> = {
  'provider.google-meet.name': 'Google Meet',
  'provider.google-meet.hint': 'Elke sessie krijgt een eigen Google Meet-meeting met een eigen link, in je Google Agenda.',
  'provider.teams.name': 'Microsoft Teams',
  'provider.teams.hint': 'Elke sessie krijgt een eigen Teams-meeting met een eigen link. Hiervoor is een werk- of schoolaccount nodig.',
  'provider.notConfigured': 'Niet ingesteld op de server van deze website: {providers}.',
  'health.error.teams':
    'Microsoft Teams weigert meetings te maken voor dit account: met een persoonlijk Microsoft-account (Outlook.com, Hotmail, Live) kun je geen Teams-meetings maken. Koppel opnieuw met een werk- of schoolaccount.',
  'zoom.intro': 'Je logt in een nieuw venster in bij {provider} en geeft toestemming om meetings voor je sessies te maken.',
  'zoom.intro.site':
    'Je logt in een nieuw venster in bij {provider} en geeft toestemming om meetings voor de sessies van de website te maken.',
  'zoom.intro.staff':
    'Je logt in een nieuw venster in bij {provider} en geeft toestemming om meetings voor de sessies van {name} te maken.',
  'zoom.waiting': 'Wachten op {provider}. Rond het af in het venster van {provider}.',
  'zoom.completing': 'Je account bij {provider} wordt gekoppeld…',
  'zoom.cancelled': 'Het venster van {provider} is gesloten voordat het account was gekoppeld. Er is niets gewijzigd.',
  'zoom.denied': 'In {provider} is geen toestemming gegeven. Er is niets gewijzigd.',
  'zoom.blocked': 'Je browser heeft het venster van {provider} geblokkeerd. Sta pop-ups voor deze website toe en probeer het opnieuw.',
  'zoom.insecure':
    'Het koppelen met {provider} is gestopt: de server gaf een inlogadres op dat niet beveiligd is (https). Er is niets gewijzigd. Meld dit bij de beheerder van deze website.',
  'zoom.notConfigured':
    '{provider} is niet ingesteld op de server van deze website. Vraag de beheerder van de website om het in te stellen; gebruik tot dan een link van een andere aanbieder.',
  'zoom.originNotAllowed':
    '{provider} kan niet vanaf deze pagina worden gekoppeld: de server van deze website staat dat niet toe. Vraag de beheerder van de website om het adres van deze pagina toe te staan.',
};
