import type { Account, Service, Session, StaffMember } from '../src';

export const zoom = (id: string, health: Account['health'] = 'connected'): Account => ({
  id,
  kind: 'zoom',
  health,
  user: { email: `${id}@example.com`, name: id },
});

export const custom = (id: string, url: string, health: Account['health'] = 'connected'): Account => ({
  id,
  kind: 'custom',
  health,
  provider: 'other',
  link: { url },
});

export const service = (id: string, kind: Service['kind'], online = true): Service => ({ id, name: id, kind, online });

export const staff = (id: string, account: Account | null): StaffMember => ({
  id,
  name: id,
  email: `${id}@example.com`,
  account,
  version: 1,
});

export const session = (
  id: string,
  serviceId: string,
  staffId: string | null,
  override: Session['override'] = null,
  start = '2030-01-01T10:00:00Z',
): Session => ({
  id,
  serviceId,
  staffId,
  start,
  end: start,
  override,
  version: 1,
});
