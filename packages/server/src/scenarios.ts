import {
  type Account,
  AUTOMATION_IDS,
  type Booking,
  type Client,
  type CourseLink,
  defaultTemplate,
  type Locale,
  type Plan,
  type Service,
  type Session,
  type StaffMember,
  type Template,
} from '@session-links/core';

/** A user of the scenarios, with the Zoom user they connect through the fake consent page. */
export interface ScenarioUser {
  id: string;
  name: string;
  /** Zoom user this person connects when they go through the consent page. */
  zoomEmail: string;
}

export interface ScenarioMember {
  role: 'owner' | 'staff';
  staffId: string | null;
}

/** All data of one site (tenant, R13). Plain data, so a scenario is just a value. */
export interface ScenarioSite {
  id: string;
  name: string;
  plan: Plan;
  /** The site's language (its e-mails and their default templates, R28); absent: English. */
  locale?: Locale;
  /** The site's IANA time zone (its e-mails write a start in it, R28); absent: UTC. */
  timeZone?: string;
  defaultAccount: Account | null;
  settingsVersion: number;
  staff: StaffMember[];
  services: Service[];
  sessions: Session[];
  courseLinks: CourseLink[];
  clients: Client[];
  bookings: Booking[];
  templates: Template[];
  members: Record<string, ScenarioMember>;
}

export interface ScenarioData {
  sites: ScenarioSite[];
  users: ScenarioUser[];
}

type MockData = ScenarioData;
type MockUser = ScenarioUser;
type SiteData = ScenarioSite;

export const SCENARIOS = [
  'no-plan',
  'no-default',
  'zoom-default',
  'custom-default',
  'default-disconnected',
  'expired-zoom',
  'course-without-sessions',
  'two-sites',
  'expired-staff-zoom',
  'busy-calendar',
  'hostile-text',
  'dutch-site',
] as const;
/**
 * Scenarios for benchmarks only, too big for the suites that walk every scenario:
 * `busy-calendar-100k`, 100,000 sessions over about 18 months (`pnpm bench:overview`).
 */
export const BENCH_SCENARIOS = ['busy-calendar-100k'] as const;
export type ScenarioName = (typeof SCENARIOS)[number] | (typeof BENCH_SCENARIOS)[number];

/** Sign-in names every scenario knows: the owner and the three staff members of the main site. */
export const USERS = {
  owner: 'owner',
  anna: 'anna',
  bram: 'bram',
  chris: 'chris',
} as const;

export const MAIN_SITE = 'site-studio';
export const SECOND_SITE = 'site-annex';

const users: MockUser[] = [
  { id: 'owner', name: 'Olivia Owner', zoomEmail: 'olivia@studio.example' },
  { id: 'anna', name: 'Anna de Vries', zoomEmail: 'anna@studio.example' },
  { id: 'bram', name: 'Bram Jansen', zoomEmail: 'bram@studio.example' },
  { id: 'chris', name: 'Chris Bakker', zoomEmail: 'chris@studio.example' },
];

const zoomAccount = (id: string, email: string, name: string, health: Account['health'] = 'connected'): Account => ({
  id,
  kind: 'zoom',
  health,
  user: { email, name },
});

const plan = { id: 'business', name: 'Business', includesOnlineSessions: true };
const freePlan = { id: 'free', name: 'Free', includesOnlineSessions: false };

const services: Service[] = [
  { id: 'coaching', name: 'Career coaching', kind: 'appointment', online: true },
  { id: 'yoga', name: 'Morning yoga', kind: 'class', online: true },
  { id: 'pottery', name: 'Pottery for beginners', kind: 'course', online: true },
  { id: 'massage', name: 'Sports massage', kind: 'appointment', online: false },
];

const clients: Client[] = [
  { id: 'c-carla', name: 'Carla Smit', email: 'carla@clients.example' },
  { id: 'c-daan', name: 'Daan Visser', email: 'daan@clients.example' },
  { id: 'c-eva', name: 'Eva Mulder', email: 'eva@clients.example' },
  { id: 'c-finn', name: 'Finn de Boer', email: 'finn@clients.example' },
];

/** Whole hours from the start of "today" (UTC), so sessions stay upcoming whatever day it is. */
function at(now: Date, dayOffset: number, hour: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + dayOffset, hour));
  return d.toISOString();
}

function sessionsFor(now: Date, withCourseSessions: boolean): Session[] {
  const s = (id: string, serviceId: string, staffId: string | null, day: number, hour: number): Session => ({
    id,
    serviceId,
    staffId,
    start: at(now, day, hour),
    end: at(now, day, hour + 1),
    override: null,
    version: 1,
  });
  const list = [
    s('coaching-anna-1', 'coaching', 'anna', 1, 9),
    s('coaching-bram-1', 'coaching', 'bram', 1, 11),
    s('coaching-chris-1', 'coaching', 'chris', 2, 14),
    s('yoga-1', 'yoga', 'anna', 2, 7),
    s('yoga-2', 'yoga', 'bram', 3, 7),
    s('yoga-3', 'yoga', null, 4, 7),
    s('massage-1', 'massage', 'chris', 3, 16),
    s('coaching-anna-past', 'coaching', 'anna', -3, 9),
  ];
  if (withCourseSessions) {
    list.push(
      s('pottery-1', 'pottery', 'anna', -7, 18),
      s('pottery-2', 'pottery', 'anna', 1, 18),
      s('pottery-3', 'pottery', 'anna', 8, 18),
    );
  }
  return list;
}

const bookings = (withCourse: boolean): Booking[] => [
  { id: 'b-1', clientId: 'c-carla', serviceId: 'coaching', sessionId: 'coaching-anna-1' },
  { id: 'b-2', clientId: 'c-daan', serviceId: 'coaching', sessionId: 'coaching-bram-1' },
  { id: 'b-3', clientId: 'c-eva', serviceId: 'yoga', sessionId: 'yoga-3' },
  ...(withCourse
    ? [
        { id: 'b-4', clientId: 'c-finn', serviceId: 'pottery', sessionId: null },
        { id: 'b-5', clientId: 'c-carla', serviceId: 'pottery', sessionId: null },
      ]
    : []),
];

function staffMembers(accounts: { anna: Account | null; bram: Account | null; chris: Account | null }): StaffMember[] {
  return [
    { id: 'anna', name: 'Anna de Vries', email: 'anna@studio.example', account: accounts.anna, version: 1 },
    { id: 'bram', name: 'Bram Jansen', email: 'bram@studio.example', account: accounts.bram, version: 1 },
    { id: 'chris', name: 'Chris Bakker', email: 'chris@studio.example', account: accounts.chris, version: 1 },
  ];
}

const annaZoom = (health: Account['health'] = 'connected') => zoomAccount('zoom-anna', 'anna@studio.example', 'Anna de Vries', health);
const bramMeet: Account = {
  id: 'custom-bram',
  kind: 'custom',
  health: 'connected',
  provider: 'google-meet',
  link: { url: 'https://meet.google.com/bra-mjan-sen', description: 'Camera on, please.' },
};
const studioZoom = (health: Account['health'] = 'connected') => zoomAccount('zoom-studio', 'olivia@studio.example', 'Olivia Owner', health);

function site(now: Date, overrides: Partial<SiteData> & { withCourseSessions?: boolean } = {}): SiteData {
  const { withCourseSessions = true, ...rest } = overrides;
  return {
    id: MAIN_SITE,
    name: 'Studio Noord',
    plan,
    defaultAccount: studioZoom(),
    settingsVersion: 1,
    staff: staffMembers({ anna: annaZoom(), bram: bramMeet, chris: null }),
    services,
    sessions: sessionsFor(now, withCourseSessions),
    courseLinks: [],
    clients,
    bookings: bookings(withCourseSessions),
    // Seeded in the site's language: a Dutch site's templates are Dutch.
    templates: AUTOMATION_IDS.map((id) => defaultTemplate(id, rest.locale ?? 'en', 1)),
    members: {
      owner: { role: 'owner', staffId: null },
      anna: { role: 'staff', staffId: 'anna' },
      bram: { role: 'staff', staffId: 'bram' },
      chris: { role: 'staff', staffId: 'chris' },
    },
    ...rest,
  };
}

/**
 * The data of a named scenario. Sessions are placed around `now` (yesterday, today,
 * next week), so "upcoming" means the same thing whenever it runs; everything else is
 * fixed, so Zoom meetings and ids are the same on every run.
 */
/** The main site with `count` sessions, one every 8 minutes from today 08:00, staff and services in turn. */
function busyCalendar(now: Date, count: number): MockData {
  const base = site(now);
  const staffIds = ['anna', 'bram', 'chris', null] as const;
  const serviceIds = ['coaching', 'yoga', 'pottery', 'massage'] as const;
  const first = Date.parse(at(now, 0, 8));
  const extra: Session[] = Array.from({ length: count - base.sessions.length }, (_, i) => {
    const start = new Date(first + i * 8 * 60_000);
    return {
      id: `busy-${i}`,
      serviceId: serviceIds[i % serviceIds.length] as string,
      staffId: staffIds[i % staffIds.length] ?? null,
      start: start.toISOString(),
      end: new Date(start.getTime() + 60 * 60_000).toISOString(),
      override: null,
      version: 1,
    };
  });
  return { users, sites: [{ ...base, sessions: [...base.sessions, ...extra] }] };
}

export function scenario(name: ScenarioName, now: Date = new Date()): MockData {
  switch (name) {
    case 'no-plan':
      return {
        users,
        sites: [site(now, { plan: freePlan, defaultAccount: null, staff: staffMembers({ anna: null, bram: null, chris: null }) })],
      };
    case 'no-default':
      return {
        users,
        sites: [site(now, { defaultAccount: null, settingsVersion: 0, staff: staffMembers({ anna: null, bram: null, chris: null }) })],
      };
    case 'zoom-default':
      return { users, sites: [site(now)] };
    case 'custom-default':
      return {
        users,
        sites: [
          site(now, {
            defaultAccount: {
              id: 'custom-studio',
              kind: 'custom',
              health: 'connected',
              provider: 'teams',
              link: {
                url: 'https://teams.microsoft.com/l/meetup-join/studio-noord',
                password: 'noord-2030',
                description: 'Join from the Teams app or your browser.',
              },
            },
          }),
        ],
      };
    case 'default-disconnected':
      // Staff accounts stay, but with no default nobody gets a link (R8).
      return { users, sites: [site(now, { defaultAccount: null, settingsVersion: 3 })] };
    case 'expired-zoom':
      return {
        users,
        sites: [
          site(now, {
            defaultAccount: studioZoom('expired'),
            staff: staffMembers({ anna: annaZoom('expired'), bram: bramMeet, chris: null }),
          }),
        ],
      };
    case 'course-without-sessions':
      return { users, sites: [site(now, { withCourseSessions: false })] };
    case 'expired-staff-zoom':
      // Anna's own Zoom expired while the default works: her sessions fall back visibly (R17).
      return { users, sites: [site(now, { staff: staffMembers({ anna: annaZoom('expired'), bram: bramMeet, chris: null }) })] };
    case 'busy-calendar':
      // 10,000 sessions over the next 60 days, for the overview's performance.
      return busyCalendar(now, 10_000);
    case 'busy-calendar-100k':
      // 100,000 sessions over the next 18 months or so.
      return busyCalendar(now, 100_000);
    case 'hostile-text':
      // A custom default whose password and description are markup, as typed by someone malicious.
      return {
        users,
        sites: [
          site(now, {
            defaultAccount: {
              id: 'custom-hostile',
              kind: 'custom',
              health: 'connected',
              provider: 'other',
              link: {
                url: 'https://example.com/room?x="><img/src=x/onerror=alert(1)>',
                password: '"><script>alert(1)</script>',
                description: '<img src=x onerror=alert(2)> <a href="javascript:alert(3)">click</a>',
              },
            },
            staff: staffMembers({ anna: null, bram: null, chris: null }),
          }),
        ],
      };
    case 'dutch-site':
      // The studio as the Dutch business it is: its e-mails and their templates in Dutch, its times in Amsterdam's.
      return { users, sites: [site(now, { locale: 'nl', timeZone: 'Europe/Amsterdam' })] };
    case 'two-sites':
      return {
        users,
        sites: [
          site(now),
          // Another language on the other site (R13, R28): Studio Zuid writes its e-mails in Dutch, in Amsterdam's time.
          site(now, {
            id: SECOND_SITE,
            name: 'Studio Zuid',
            locale: 'nl',
            timeZone: 'Europe/Amsterdam',
            defaultAccount: {
              id: 'custom-annex',
              kind: 'custom',
              health: 'connected',
              provider: 'whereby',
              link: { url: 'https://whereby.com/studio-zuid' },
            },
            staff: staffMembers({ anna: null, bram: null, chris: null }),
            members: { owner: { role: 'owner', staffId: null } },
          }),
        ],
      };
  }
}
