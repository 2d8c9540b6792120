/** The ProviderPicker's own strings. English. */
export const en = {
  'picker.title': 'Video conferencing',
  'picker.noDefault': 'No default account yet: online sessions have no link.',
  'picker.connected': 'Default account',
  'picker.saved': 'The default account is saved.',
  'picker.disconnected': 'The default account is disconnected. Sessions have no link until you connect one.',
  'picker.replace': 'Replace the default account',
  'disconnect.action': 'Disconnect',
  'disconnect.title': 'Disconnect the default account?',
  'disconnect.body':
    'Without a default account no online session shows a link, not even sessions of staff who have their own account. Connecting an account again brings the links back.',
  'disconnect.confirm': 'Disconnect',
  'replace.title': 'Replace the default account?',
  'replace.body': 'Every session that uses the site default gets the new link.',
  'replace.confirm': 'Replace',
  'replace.zoomImpact': 'Connecting {provider} replaces the current default account:',
} as const;
