/** The CourseLinkEditor's own strings. English. */
export const en = {
  'course.title': 'Course link',
  'course.usesDefault': "All sessions of this course use the site default's link.",
  'course.noDefault':
    'The sessions of this course have no link: the site has no default account. Set a course link, or connect a default account.',
  'course.usesOwn': 'All sessions of this course use this link:',
  'course.blocked.COURSE_HAS_NO_SESSIONS': 'Save at least one session of this course before you give it a link of its own.',
  'course.blocked.NOT_A_COURSE': 'This service is not a course.',
  'course.set': 'Set a course link',
  'course.edit': 'Edit the course link',
  'course.clear': 'Use the site default',
  'course.review': 'Review the change',
  'course.confirmTitle': 'Change the link of every session of this course?',
  'course.confirmBody':
    'Past and future sessions of the course all change. Clients already booked hold the old link: tell them about the new one.',
  'course.confirm': 'Change the link',
  'course.counts': '{past} past and {upcoming} upcoming sessions change.',
  'course.saved': 'The course link is saved. {count} sessions changed.',
  'course.tellClients.one': 'Tell {count} booked client about the new link:',
  'course.tellClients.other': 'Tell {count} booked clients about the new link:',
  'course.copyAddresses': 'Copy e-mail addresses',
  'course.copied': 'E-mail addresses copied.',
  'course.copyFailed': 'The addresses could not be copied. Select them and copy them by hand.',
  'course.noClients': 'No client is booked yet: there is nobody to tell.',
  'course.sessions': '{count} saved sessions',
} as const;
