import type { en } from './en';

/** The SessionsOverview's own strings. Dutch. */
export const nl: Record<keyof typeof en, string> = {
  'overview.title': 'Online sessies',
  'overview.filterStaff': 'Medewerker',
  'overview.filterService': 'Dienst',
  'overview.all': 'Alle',
  'overview.unassigned': 'Niet toegewezen',
  'overview.col.when': 'Wanneer',
  'overview.col.service': 'Dienst',
  'overview.col.staff': 'Medewerker',
  'overview.col.link': 'Link',
  'overview.col.why': 'Waarom',
  'overview.noLink': 'Geen link',
  'overview.pending': 'Zoom-meeting is onderweg',
  'overview.scrollRegion': 'Sessies, scrollbaar',
  'overview.edit': 'Bewerken',
  'overview.editFor': 'Link bewerken van {service}, {when}',
  'overview.empty': 'Geen sessies in deze periode.',
  'overview.emptyFiltered': 'Geen sessies die aan deze filters voldoen.',
  'overview.count.one': '{count} sessie',
  'overview.count.other': '{count} sessies',
  'overview.short.session': 'Op de sessie ingesteld',
  'overview.short.course': 'Cursuslink',
  'overview.short.staff': 'Individueel account van {staff}',
  'overview.short.default': 'Standaardaccount',
};
