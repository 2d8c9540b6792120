/** The PersonalSessionsAction's own strings. English. */
export const en = {
  'personal.action': 'Set up personal online sessions',
  'personal.intro': 'Clients who book with you join your online sessions through this account, instead of the site default.',
  'personal.blocked': 'The site owner has to connect a default video-conferencing account before you can add your own.',
  'personal.noStaffRecord': 'Your user is not linked to a staff member, so there is no personal account to set up.',
} as const;
