import type { en } from './en';

/** The ServiceVideoSwitch's own strings. Dutch. */
export const nl: Record<keyof typeof en, string> = {
  'videoSwitch.title': 'Videoconferentie',
  'videoSwitch.label': 'Online sessies',
  'videoSwitch.on': 'Aan',
  'videoSwitch.off': 'Uit',
  'videoSwitch.describe.on': 'De sessies van deze dienst zijn online: elke sessie krijgt een link om deel te nemen.',
  'videoSwitch.describe.off': 'De sessies van deze dienst vinden ter plaatse plaats: ze krijgen geen link.',
  'videoSwitch.noDefault':
    'De website heeft nog geen standaardaccount: sessies van deze dienst krijgen geen link totdat je er een koppelt.',
  'videoSwitch.confirmOnTitle': 'Online sessies inschakelen?',
  'videoSwitch.confirmOffTitle': 'Online sessies uitschakelen?',
  'videoSwitch.confirmOnBody': 'De komende sessies van deze dienst worden online sessies. Geboekte klanten hebben nog geen link.',
  'videoSwitch.confirmOffBody':
    'De komende sessies van deze dienst vinden ter plaatse plaats en verliezen hun link. Geboekte klanten hebben de link.',
  'videoSwitch.confirmOn': 'Inschakelen',
  'videoSwitch.confirmOff': 'Uitschakelen',
  'videoSwitch.saved.on': 'Online sessies zijn ingeschakeld.',
  'videoSwitch.forbidden': 'Vraag de eigenaar van deze website om online sessies in of uit te schakelen.',
  'videoSwitch.saved.off': 'Online sessies zijn uitgeschakeld: de sessies vinden ter plaatse plaats.',
};
