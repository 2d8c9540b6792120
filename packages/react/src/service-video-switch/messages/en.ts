/** The ServiceVideoSwitch's own strings. English. */
export const en = {
  'videoSwitch.title': 'Video conferencing',
  'videoSwitch.label': 'Online sessions',
  'videoSwitch.on': 'On',
  'videoSwitch.off': 'Off',
  'videoSwitch.describe.on': "This service's sessions are online: each session gets a link to join.",
  'videoSwitch.describe.off': "This service's sessions take place on site: they get no link.",
  'videoSwitch.noDefault':
    'The site has no default account for online sessions yet: sessions of this service get no link until one is connected.',
  'videoSwitch.confirmOnTitle': 'Switch online sessions on?',
  'videoSwitch.confirmOffTitle': 'Switch online sessions off?',
  'videoSwitch.confirmOnBody': "This service's upcoming sessions become online sessions. Clients already booked have no link yet.",
  'videoSwitch.confirmOffBody':
    "This service's upcoming sessions take place on site and lose their link. Clients already booked hold the link.",
  'videoSwitch.confirmOn': 'Switch on',
  'videoSwitch.confirmOff': 'Switch off',
  'videoSwitch.saved.on': 'Online sessions are on.',
  'videoSwitch.forbidden': 'Ask the owner of this site to switch online sessions on or off.',
  'videoSwitch.saved.off': 'Online sessions are off: the sessions take place on site.',
} as const;
