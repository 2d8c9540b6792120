// The scenarios live with the server (its CLI seeds them too); the mocks offer them under the same names.
export { MAIN_SITE, SCENARIOS, type ScenarioName, SECOND_SITE, scenario, USERS } from '@session-links/server/testing';
