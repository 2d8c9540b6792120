import type { en } from './en';

/** The StaffAccountEditor's own strings (also shown by PersonalSessionsAction). Dutch. */
export const nl: Record<keyof typeof en, string> = {
  'staff.listTitle': 'Online sessie-accounts van medewerkers',
  'staff.title': 'Online sessie-account',
  'staff.own': 'Eigen account',
  'staff.add': 'Eigen account toevoegen',
  'staff.remove': 'Verwijderen',
  'staff.usesOwnZoom': 'Sessies van {name} gebruiken hun eigen Zoom-account ({email}) in plaats van het standaardaccount.',
  'staff.usesOwnCustom': 'Sessies van {name} gebruiken hun eigen {provider}-link in plaats van het standaardaccount.',
  'staff.usesDefault': 'Sessies van {name} gebruiken het standaardaccount ({account}): er is geen eigen account.',
  'staff.usesFallback':
    'Het eigen account van {name} kan niet worden gebruikt, dus hun sessies gebruiken voorlopig het standaardaccount ({account}).',
  'staff.usesNothing': 'Sessies van {name} hebben geen link: de website heeft geen standaardaccount.',
  'staff.blocked': 'Individuele accounts kunnen worden toegevoegd zodra de website een standaardaccount heeft.',
  'staff.blockedAction': 'Standaardaccount instellen',
  'staff.zoomWho': 'Wie in het nieuwe venster bij Zoom inlogt, is de Zoom-gebruiker die voor {name} wordt gekoppeld.',
  'staff.saved': 'Het individuele account is opgeslagen.',
  'staff.removed': 'Het individuele account is verwijderd. Hun sessies gebruiken weer het standaardaccount.',
  'staff.removeTitle': 'Eigen account van {name} verwijderen?',
  'staff.removeBody': 'Hun sessies gebruiken dan weer het standaardaccount van de website.',
  'staff.editImpact': 'Met een nieuw account verandert de link van hun komende sessies:',
  'staff.affected.one': '{count} van hun komende sessies gebruikt het standaardaccount tot ze opnieuw koppelen.',
  'staff.affected.other': '{count} van hun komende sessies gebruiken het standaardaccount tot ze opnieuw koppelen.',
  'staff.notFound': 'Deze medewerker is niet gevonden.',
  'staff.forbiddenBody': 'Alleen de eigenaar van de website kan de accounts van andere medewerkers beheren.',
  'staff.empty': 'Er zijn nog geen medewerkers.',
};
