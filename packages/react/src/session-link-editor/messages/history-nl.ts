import type { en } from './history-en';

/** SessionLinkHistory's own strings. Dutch. */
export const nl: Record<keyof typeof en, string> = {
  'history.title': 'Linkgeschiedenis',
  'history.loading': 'De wijzigingen van deze link worden geladen…',
  'history.empty': 'Nog geen wijzigingen: deze sessie heeft haar link behouden.',
  'history.error': 'De linkgeschiedenis kon niet worden geladen.',
  'history.more': 'Eerdere wijzigingen tonen',
  'history.by.calendar': 'De boekingsagenda',
  'history.by.provider': '{provider}',
  'history.noLink': 'Geen link',
  'history.why': '{before} → {after}',
  'history.from': 'van',
  'history.to': 'naar',
  'history.source.session': 'ingesteld op deze sessie',
  'history.source.course': 'de link van de cursus',
  'history.source.staff': 'het eigen account van {staff}',
  'history.source.staffOther': 'het eigen account van een medewerker',
  'history.source.default': 'het standaardaccount van de website',
  'history.told': 'Ingelicht: {names}',
  'history.notTold': 'Niet ingelicht',
  'history.told.pending': '{name} (onderweg)',
  'history.told.failed': '{name} (mislukt)',
  'history.told.held': '{name} (wacht op je controle)',
};
