/** ZoomConnect's own strings (only the widgets that connect Zoom carry them). English. */
export const en = {
  'zoom.intro': 'You will sign in to Zoom in a new window and allow meetings to be created for your sessions.',
  'zoom.intro.site': 'You will sign in to Zoom in a new window and allow meetings to be created for the site’s sessions.',
  'zoom.intro.staff': 'You will sign in to Zoom in a new window and allow meetings to be created for {name}’s sessions.',
  'zoom.waiting': 'Waiting for Zoom. Finish in the Zoom window.',
  'zoom.completing': 'Connecting your Zoom account…',
  'zoom.cancelled': 'The Zoom window was closed before the account was connected. Nothing changed.',
  'zoom.denied': 'Access was not allowed in Zoom. Nothing changed.',
  'zoom.blocked': 'Your browser blocked the Zoom window. Allow pop-ups for this site and try again.',
  'zoom.insecure':
    'The Zoom connection was stopped: the server named a sign-in address that is not secure (https). Nothing changed. Tell whoever runs this site.',
  'zoom.notConfigured':
    'Zoom is not set up on this site’s server. Ask whoever runs the site to set it up; until then, use a link from another provider.',
  'zoom.originNotAllowed':
    'Zoom can’t be connected from this page: this site’s server does not allow it. Ask whoever runs the site to allow this page’s address.',
} as const;
