import * as z from 'zod/mini';

export const PROVIDERS = ['zoom', 'google-meet', 'teams', 'webex', 'skype', 'goto', 'whereby', 'other'] as const;
export const providerSchema = z.enum(PROVIDERS);
export type Provider = z.infer<typeof providerSchema>;

/** Human names, the same in every language (they are brands). */
export const PROVIDER_NAMES: Record<Provider, string> = {
  zoom: 'Zoom',
  'google-meet': 'Google Meet',
  teams: 'Microsoft Teams',
  webex: 'Webex',
  skype: 'Skype',
  goto: 'GoTo Meeting',
  whereby: 'Whereby',
  other: 'Other',
};

// Registrable domains per provider. A host matches when it equals one of them or ends
// with "." + one of them, so `zoom.us.evil.example` never passes for Zoom.
const DOMAINS: ReadonlyArray<readonly [Provider, readonly string[]]> = [
  ['zoom', ['zoom.us', 'zoom.com', 'zoomgov.com']],
  ['google-meet', ['meet.google.com']],
  ['teams', ['teams.microsoft.com', 'teams.live.com', 'teams.microsoft.us']],
  ['webex', ['webex.com']],
  ['skype', ['skype.com', 'join.skype.com']],
  ['goto', ['gotomeeting.com', 'goto.com', 'gotomeet.me']],
  ['whereby', ['whereby.com']],
];

function hostOf(url: string): string | null {
  try {
    return new URL(url.trim()).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** Which video-conferencing provider a URL belongs to, decided by its host name. */
export function recognizeProvider(url: string): Provider {
  const host = hostOf(url);
  if (!host) return 'other';
  for (const [provider, domains] of DOMAINS) {
    for (const domain of domains) {
      if (host === domain || host.endsWith(`.${domain}`)) return provider;
    }
  }
  return 'other';
}
