/** NoticeStatus's own strings (R29; only the editors that show who was told carry them). English. */
export const en = {
  'notices.pending.one': 'Telling {count} booked client…',
  'notices.pending.other': 'Telling {count} booked clients…',
  'notices.told.one': 'Told {sent} of {count} booked client',
  'notices.told.other': 'Told {sent} of {count} booked clients',
  'notices.failed': '{count} failed ({reasons})',
  'notices.reason.refused': 'address refused',
  'notices.reason.other': 'could not be delivered',
  'notices.held.one': 'Waiting for your review: {count} booked client is not told yet',
  'notices.held.other': 'Waiting for your review: {count} booked clients are not told yet',
  'notices.retry': 'Retry',
  'notices.sendHeld': 'Tell them now',
  'notices.error': 'Who was told could not be loaded.',
} as const;
