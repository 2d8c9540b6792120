import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as main from '../src';
import * as testing from '../src/testing';

// What the test doubles and demo data are called; none of them belongs in the production entry.
const DOUBLES = [
  'scenario',
  'SCENARIOS',
  'USERS',
  'MAIN_SITE',
  'SECOND_SITE',
  'seedScenario',
  'seedFromData',
  'fakeZoomSeedConnector',
  'scenarioZoomAccounts',
  'createMemoryStore',
  'createFakeZoomGateway',
  'fakeMeetingFor',
  'FAKE_ZOOM_TOKEN_KEY',
  'startFakeZoom',
  'createFakeProviderGateway',
  'fakeGoogleMeetingFor',
  'fakeTeamsMeetingFor',
  'startFakeGoogle',
];

describe('the package entries', () => {
  it('the main entry exports no demo data and no test double', () => {
    expect(Object.keys(main).filter((name) => DOUBLES.includes(name))).toEqual([]);
  });

  it('./testing exports every one of them', () => {
    expect(DOUBLES.filter((name) => !(name in testing))).toEqual([]);
  });

  it('package.json publishes ./testing, and no ./fake-zoom beside it', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports)).toContain('./testing');
    expect(Object.keys(pkg.exports)).not.toContain('./fake-zoom');
  });
});
