import type { en } from './en';

/** The SessionLinkEditor's own strings (also used by the sessions' explanations). Dutch. */
export const nl: Record<keyof typeof en, string> = {
  'session.title': 'Online sessie-link',
  'session.source.session': 'Ingesteld op deze sessie, in plaats van de gebruikelijke link.',
  'session.source.course': 'De eigen link van de cursus, voor al haar sessies.',
  'session.source.staff': 'Het eigen {account} van {staff}, in plaats van het standaardaccount.',
  'session.source.default': 'Het standaardaccount van de website ({account}).',
  'session.source.defaultUnassigned': 'Het standaardaccount ({account}): er is geen medewerker toegewezen.',
  'session.source.defaultNoOwn': 'Het standaardaccount ({account}): {staff} heeft geen eigen account.',
  'session.source.defaultCourse': 'Het standaardaccount ({account}): cursussen gebruiken dat, tenzij ze een eigen link hebben.',
  'session.warning.STAFF_ACCOUNT_UNHEALTHY':
    'Het eigen account van {staff} moet opnieuw worden gekoppeld, dus voorlopig wordt het standaardaccount gebruikt.',
  'session.account.zoom': 'Zoom-account',
  'session.account.custom': '{provider}-link',
  'session.meeting': 'Meeting-ID {id}',
  'session.password': 'Wachtwoord: {password}',
  'session.copy': 'Deelnamelink kopiëren',
  'session.copied': 'Deelnamelink gekopieerd.',
  'session.copyFailed': 'De link kon niet worden gekopieerd. Selecteer en kopieer hem zelf.',
  'session.add': 'Link toevoegen',
  'session.replace': 'Link vervangen',
  'session.remove': 'Link verwijderen',
  'session.reset': 'Weer de gebruikelijke link gebruiken',
  'session.addZoom': 'Zoom-meeting',
  'session.addZoom.staff': 'Een nieuwe meeting via het Zoom-account van {staff}.',
  'session.addZoom.default': 'Een nieuwe meeting via het Zoom-account van de website.',
  'session.noZoom':
    'Er is geen Zoom-account gekoppeld voor deze medewerker of de website, dus alleen een aangepaste link kan worden toegevoegd.',
  'session.addCustom': 'Aangepaste link',
  'session.removeTitle': 'Link uit deze sessie verwijderen?',
  'session.removeBody': 'De sessie vindt dan ter plaatse plaats. Geboekte klanten krijgen geen link meer om online deel te nemen.',
  'session.saved': 'De sessielink is opgeslagen.',
  'session.removed': 'De link is verwijderd: deze sessie vindt ter plaatse plaats.',
  'session.resetDone': 'Deze sessie gebruikt weer haar gebruikelijke link.',
  'session.forbidden': 'Je kunt alleen de link van je eigen sessies wijzigen.',
  'session.noEdit': 'Links kunnen worden gewijzigd zodra de website een standaardaccount heeft.',
};
