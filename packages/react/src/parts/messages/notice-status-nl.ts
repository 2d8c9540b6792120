import type { en } from './notice-status-en';

/** NoticeStatus's own strings. Dutch. */
export const nl: Record<keyof typeof en, string> = {
  'notices.pending.one': '{count} geboekte klant wordt ingelicht…',
  'notices.pending.other': '{count} geboekte klanten worden ingelicht…',
  'notices.told.one': '{sent} van {count} geboekte klant ingelicht',
  'notices.told.other': '{sent} van {count} geboekte klanten ingelicht',
  'notices.failed': '{count} mislukt ({reasons})',
  'notices.reason.refused': 'adres geweigerd',
  'notices.reason.other': 'kon niet worden bezorgd',
  'notices.held.one': 'Wacht op je controle: {count} geboekte klant is nog niet ingelicht',
  'notices.held.other': 'Wacht op je controle: {count} geboekte klanten zijn nog niet ingelicht',
  'notices.retry': 'Opnieuw proberen',
  'notices.sendHeld': 'Laat het ze nu weten',
  'notices.error': 'Niet gelukt om te laden wie is ingelicht.',
};
