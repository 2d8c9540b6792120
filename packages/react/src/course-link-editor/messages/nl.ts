import type { en } from './en';

/** The CourseLinkEditor's own strings. Dutch. */
export const nl: Record<keyof typeof en, string> = {
  'course.title': 'Cursuslink',
  'course.usesDefault': 'Alle sessies van deze cursus gebruiken de link van het standaardaccount.',
  'course.noDefault':
    'De sessies van deze cursus hebben geen link: de website heeft geen standaardaccount. Stel een cursuslink in of koppel een standaardaccount.',
  'course.usesOwn': 'Alle sessies van deze cursus gebruiken deze link:',
  'course.blocked.COURSE_HAS_NO_SESSIONS': 'Sla eerst minstens één sessie van deze cursus op voordat je haar een eigen link geeft.',
  'course.blocked.NOT_A_COURSE': 'Deze dienst is geen cursus.',
  'course.set': 'Cursuslink instellen',
  'course.edit': 'Cursuslink bewerken',
  'course.clear': 'Standaardaccount gebruiken',
  'course.review': 'Wijziging bekijken',
  'course.confirmTitle': 'De link van alle sessies van deze cursus wijzigen?',
  'course.confirmBody': 'Eerdere en toekomstige sessies van de cursus veranderen allemaal. Geboekte klanten hebben de oude link.',
  'course.confirm': 'Link wijzigen',
  'course.counts': '{past} eerdere en {upcoming} komende sessies veranderen.',
  'course.saved': 'De cursuslink is opgeslagen. {count} sessies zijn gewijzigd.',
  'course.clients.one': '{count} geboekte klant heeft de oude link:',
  'course.clients.other': '{count} geboekte klanten hebben de oude link:',
  'course.copyAddresses': 'E-mailadressen kopiëren',
  'course.copied': 'E-mailadressen gekopieerd.',
  'course.copyFailed': 'De adressen konden niet worden gekopieerd. Selecteer en kopieer ze zelf.',
  'course.noClients': 'Er is nog geen klant geboekt: niemand hoeft te worden ingelicht.',
  'course.sessions': '{count} opgeslagen sessies',
};
