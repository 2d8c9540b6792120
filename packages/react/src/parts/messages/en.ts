/** The account flows' own strings (ProviderPicker, StaffAccountEditor, PersonalSessionsAction only: the other widgets do not ship them): the providers offered and not set up, a provider's consent window, Teams' refusal. English. */
export const en = {
  'provider.google-meet.name': 'Google Meet',
  'provider.google-meet.hint': 'A separate Google Meet meeting with its own link for every session, in your Google Calendar.',
  'provider.teams.name': 'Microsoft Teams',
  'provider.teams.hint': 'A separate Teams meeting with its own link for every session. Needs a work or school account.',
  'provider.notConfigured': 'Not set up on this site’s server: {providers}.',
  'health.error.teams':
    'Microsoft Teams refused to create meetings for this account: personal Microsoft accounts (Outlook.com, Hotmail, Live) cannot create Teams meetings. Reconnect with a work or school account.',
  'zoom.intro': 'You will sign in to {provider} in a new window and allow meetings to be created for your sessions.',
  'zoom.intro.site': 'You will sign in to {provider} in a new window and allow meetings to be created for the site’s sessions.',
  'zoom.intro.staff': 'You will sign in to {provider} in a new window and allow meetings to be created for {name}’s sessions.',
  'zoom.waiting': 'Waiting for {provider}. Finish in the {provider} window.',
  'zoom.completing': 'Connecting your {provider} account…',
  'zoom.cancelled': 'The {provider} window was closed before the account was connected. Nothing changed.',
  'zoom.denied': 'Access was not allowed in {provider}. Nothing changed.',
  'zoom.blocked': 'Your browser blocked the {provider} window. Allow pop-ups for this site and try again.',
  'zoom.insecure':
    'The {provider} connection was stopped: the server named a sign-in address that is not secure (https). Nothing changed. Tell whoever runs this site.',
  'zoom.notConfigured':
    '{provider} is not set up on this site’s server. Ask whoever runs the site to set it up; until then, use a link from another provider.',
  'zoom.originNotAllowed':
    '{provider} can’t be connected from this page: this site’s server does not allow it. Ask whoever runs the site to allow this page’s address.',
} as const;
