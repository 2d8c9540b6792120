import type { en } from './en';

/** The ProviderPicker's own strings. Dutch. */
export const nl: Record<keyof typeof en, string> = {
  'picker.title': 'Videoconferentie',
  'picker.noDefault': 'Nog geen standaardaccount: online sessies hebben geen link.',
  'picker.connected': 'Standaardaccount',
  'picker.saved': 'Het standaardaccount is opgeslagen.',
  'picker.disconnected': 'Het standaardaccount is losgekoppeld. Sessies hebben geen link tot je een account koppelt.',
  'picker.replace': 'Standaardaccount vervangen',
  'disconnect.action': 'Loskoppelen',
  'disconnect.title': 'Standaardaccount loskoppelen?',
  'disconnect.body':
    'Zonder standaardaccount toont geen enkele online sessie een link, ook niet bij medewerkers met een eigen account. Als je weer een account koppelt, komen de links terug.',
  'disconnect.confirm': 'Loskoppelen',
  'replace.title': 'Het standaardaccount vervangen?',
  'replace.body': 'Elke sessie die het standaardaccount gebruikt, krijgt de nieuwe link.',
  'replace.confirm': 'Vervangen',
  'replace.zoomImpact': 'Als je {provider} koppelt, vervangt dat het huidige standaardaccount:',
};
