import type { en } from './zoom-connect-en';

/** ZoomConnect's own strings. Dutch. */
export const nl: Record<keyof typeof en, string> = {
  'zoom.intro': 'Je logt in een nieuw venster in bij Zoom en geeft toestemming om meetings voor je sessies te maken.',
  'zoom.intro.site': 'Je logt in een nieuw venster in bij Zoom en geeft toestemming om meetings voor de sessies van de website te maken.',
  'zoom.intro.staff': 'Je logt in een nieuw venster in bij Zoom en geeft toestemming om meetings voor de sessies van {name} te maken.',
  'zoom.waiting': 'Wachten op Zoom. Rond het af in het Zoom-venster.',
  'zoom.completing': 'Je Zoom-account wordt gekoppeld…',
  'zoom.cancelled': 'Het Zoom-venster is gesloten voordat het account was gekoppeld. Er is niets gewijzigd.',
  'zoom.denied': 'In Zoom is geen toestemming gegeven. Er is niets gewijzigd.',
  'zoom.blocked': 'Je browser heeft het Zoom-venster geblokkeerd. Sta pop-ups voor deze website toe en probeer het opnieuw.',
  'zoom.insecure':
    'Het koppelen met Zoom is gestopt: de server gaf een inlogadres op dat niet beveiligd is (https). Er is niets gewijzigd. Meld dit bij de beheerder van deze website.',
  'zoom.notConfigured':
    'Zoom is niet ingesteld op de server van deze website. Vraag de beheerder van de website om het in te stellen; gebruik tot dan een link van een andere aanbieder.',
  'zoom.originNotAllowed':
    'Zoom kan niet vanaf deze pagina worden gekoppeld: de server van deze website staat dat niet toe. Vraag de beheerder van de website om het adres van deze pagina toe te staan.',
};
