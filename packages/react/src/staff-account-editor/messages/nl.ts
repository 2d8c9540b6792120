import type { en } from './en';

/** The StaffAccountEditor's own strings (also shown by PersonalSessionsAction). Dutch. */
export const nl: Record<keyof typeof en, string> = {
  'staff.listTitle': 'Online sessie-accounts van medewerkers',
  'staff.title': 'Online sessie-account',
  'staff.own': 'Individueel account',
  'staff.add': 'Individueel account toevoegen',
  'staff.remove': 'Verwijderen',
  'staff.usesOwnConnected': 'Sessies van {name} gebruiken hun eigen {provider}-account ({email}) in plaats van het standaardaccount.',
  'staff.usesOwnCustom': 'Sessies van {name} gebruiken hun eigen {provider}-link in plaats van het standaardaccount.',
  'staff.usesDefault': 'Sessies van {name} gebruiken het standaardaccount ({account}): er is geen eigen account.',
  'staff.usesFallback':
    'Het eigen account van {name} kan niet worden gebruikt, dus hun sessies gebruiken voorlopig het standaardaccount ({account}).',
  'staff.usesNothing': 'Sessies van {name} hebben geen link: de website heeft geen standaardaccount.',
  'staff.blocked': 'Individuele accounts kunnen worden toegevoegd zodra de website een standaardaccount heeft.',
  'staff.blockedAction': 'Standaardaccount instellen',
  'staff.zoomWho': 'Wie in het nieuwe venster bij {provider} inlogt, is de {provider}-gebruiker die voor {name} wordt gekoppeld.',
  'staff.saved': 'Het individuele account is opgeslagen.',
  'staff.removed': 'Het individuele account is verwijderd. Hun sessies gebruiken weer het standaardaccount.',
  'staff.removeTitle': 'Individueel account van {name} verwijderen?',
  'staff.removeBody': 'Hun sessies gebruiken dan weer het standaardaccount van de website.',
  'staff.editImpact': 'Met een nieuw account verandert de link van hun komende sessies:',
  'staff.affected.one': '{count} van hun komende sessies gebruikt het standaardaccount tot ze opnieuw koppelen.',
  'staff.affected.other': '{count} van hun komende sessies gebruiken het standaardaccount tot ze opnieuw koppelen.',
  'staff.self.own': 'Je eigen account',
  'staff.self.usesOwnConnected': 'Je sessies gebruiken je eigen {provider}-account ({email}) in plaats van het standaardaccount.',
  'staff.self.usesOwnCustom': 'Je sessies gebruiken je eigen {provider}-link in plaats van het standaardaccount.',
  'staff.self.usesDefault': 'Je sessies gebruiken het standaardaccount ({account}): je hebt geen eigen account.',
  'staff.self.usesFallback':
    'Je eigen account kan niet worden gebruikt, dus je sessies gebruiken voorlopig het standaardaccount ({account}).',
  'staff.self.usesNothing': 'Je sessies hebben geen link: de website heeft geen standaardaccount.',
  'staff.self.zoomWho':
    'Wie in het nieuwe venster bij {provider} inlogt, wordt als jouw {provider}-gebruiker gekoppeld: gebruik je eigen account.',
  'staff.self.removed': 'Je eigen account is verwijderd. Je sessies gebruiken weer het standaardaccount.',
  'staff.self.removeTitle': 'Je eigen account verwijderen?',
  'staff.self.removeBody': 'Je sessies gebruiken dan weer het standaardaccount van de website.',
  'staff.self.editImpact': 'Met een nieuw account verandert de link van je komende sessies:',
  'staff.self.affected.one': '{count} van je komende sessies gebruikt het standaardaccount tot je opnieuw koppelt.',
  'staff.self.affected.other': '{count} van je komende sessies gebruiken het standaardaccount tot je opnieuw koppelt.',
  'staff.notFound': 'Deze medewerker is niet gevonden.',
  'staff.forbiddenBody': 'Alleen de eigenaar van de website kan de accounts van andere medewerkers beheren.',
  'staff.empty': 'Er zijn nog geen medewerkers.',
};
