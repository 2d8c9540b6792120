import type { en } from './en';

/** The PersonalSessionsAction's own strings. Dutch. */
export const nl: Record<keyof typeof en, string> = {
  'personal.action': 'Persoonlijke online sessies instellen',
  'personal.intro': 'Klanten die bij jou boeken, nemen via dit account deel aan je online sessies, in plaats van via het standaardaccount.',
  'personal.blocked':
    'De eigenaar van de website moet eerst een standaard videoconferentieaccount koppelen voordat je je eigen account kunt toevoegen.',
  'personal.noStaffRecord': 'Je gebruiker is niet aan een medewerker gekoppeld, dus er is geen persoonlijk account om in te stellen.',
};
