import { createClient } from '@session-links/client';
import type { CourseLinkState, OnlineSettings, ResolvedSession, StaffMember, Template } from '@session-links/core';
import { QueryClient } from '@tanstack/react-query';
import { expect, expectTypeOf, it } from 'vitest';
import {
  resetTemplateMutationOptions,
  type SessionLinksQueryKey,
  sessionLinksKeys,
  sessionLinksMutationKeys,
  type setStaffCustomLinkMutationOptions,
  templateQueryOptions,
} from '../src/query';

// The keys are derived from core's routes (issue #22); a host's prefetching, invalidation and
// useMutationState filters depend on their shape, so it stays what it was.
it('keeps every query and mutation key where it was', () => {
  const range = { from: '2030-03-01T00:00:00.000Z', to: '2030-03-08T00:00:00.000Z' };
  expect(sessionLinksKeys.all('s')).toEqual(['session-links', 's']);
  expect(sessionLinksKeys.me('s')).toEqual(['session-links', 's', 'me']);
  expect(sessionLinksKeys.settings('s')).toEqual(['session-links', 's', 'settings']);
  expect(sessionLinksKeys.staff('s')).toEqual(['session-links', 's', 'staff']);
  expect(sessionLinksKeys.services('s')).toEqual(['session-links', 's', 'services']);
  expect(sessionLinksKeys.sessions('s')).toEqual(['session-links', 's', 'sessions']);
  expect(sessionLinksKeys.sessions('s', range)).toEqual(['session-links', 's', 'sessions', range]);
  expect(sessionLinksKeys.session('s', 'yoga-1')).toEqual(['session-links', 's', 'session', 'yoga-1']);
  expect(sessionLinksKeys.courseLink('s', 'pottery')).toEqual(['session-links', 's', 'course-link', 'pottery']);
  expect(sessionLinksKeys.automations('s')).toEqual(['session-links', 's', 'automations']);
  expect(sessionLinksKeys.template('s', 'session-reminder')).toEqual(['session-links', 's', 'template', 'session-reminder']);
  expect(sessionLinksKeys.impact('s')).toEqual(['session-links', 's', 'impact']);
  expect(sessionLinksKeys.impact('s', { type: 'disconnect-default' })).toEqual([
    'session-links',
    's',
    'impact',
    { type: 'disconnect-default' },
  ]);
  expect(sessionLinksKeys.noImpact('s')).toEqual(['session-links', 's', 'impact', 'none']);
  const mutation = (name: string) => ['session-links', 's', 'mutation', name];
  expect(sessionLinksMutationKeys.all('s')).toEqual(['session-links', 's', 'mutation']);
  expect(sessionLinksMutationKeys.setDefaultCustomLink('s')).toEqual(mutation('set-default-custom-link'));
  expect(sessionLinksMutationKeys.disconnectDefault('s')).toEqual(mutation('disconnect-default'));
  expect(sessionLinksMutationKeys.setStaffCustomLink('s')).toEqual(mutation('set-staff-custom-link'));
  expect(sessionLinksMutationKeys.removeStaffAccount('s')).toEqual(mutation('remove-staff-account'));
  expect(sessionLinksMutationKeys.setSessionLink('s')).toEqual(mutation('set-session-link'));
  expect(sessionLinksMutationKeys.setCourseLink('s')).toEqual(mutation('set-course-link'));
  expect(sessionLinksMutationKeys.saveTemplate('s')).toEqual(mutation('save-template'));
  expect(sessionLinksMutationKeys.resetTemplate('s')).toEqual(mutation('reset-template'));
  expect(resetTemplateMutationOptions(createClient({ baseUrl: 'http://localhost/api', siteId: 's' })).mutationKey).toEqual(
    mutation('reset-template'),
  );
});

it('a key carries the type of what it holds, so cache writes are typed without generics', () => {
  const queryClient = new QueryClient();
  // Checked by `pnpm typecheck`.
  expectTypeOf(queryClient.getQueryData(sessionLinksKeys.settings('s'))).toEqualTypeOf<OnlineSettings | undefined>();
  expectTypeOf(queryClient.getQueryData(sessionLinksKeys.staff('s'))).toEqualTypeOf<StaffMember[] | undefined>();
  expectTypeOf(queryClient.getQueryData(sessionLinksKeys.courseLink('s', 'pottery'))).toEqualTypeOf<CourseLinkState | undefined>();
  expectTypeOf(queryClient.getQueryData(sessionLinksKeys.sessions('s', { from: 'a', to: 'b' }))).toEqualTypeOf<
    ResolvedSession[] | undefined
  >();
  expectTypeOf(queryClient.getQueryData(sessionLinksKeys.template('s', 'session-reminder'))).toEqualTypeOf<Template | undefined>();
  const wrongWrite = () =>
    // @ts-expect-error a staff list is not settings
    queryClient.setQueryData(sessionLinksKeys.settings('s'), [] as StaffMember[]);
  // A prefix holds no one type: for invalidating, not for data.
  expectTypeOf(sessionLinksKeys.sessions('s')).toExtend<SessionLinksQueryKey>();
  expect(wrongWrite).toBeTypeOf('function');
});

it("a mutation's variables are its route's path parameters and body, in one object", () => {
  const client = createClient({ baseUrl: 'http://localhost/api', siteId: 's' });
  type Variables<F> = F extends { mutationFn?: (variables: infer V, ...rest: never[]) => unknown } ? V : never;
  expectTypeOf<Variables<ReturnType<typeof setStaffCustomLinkMutationOptions>>>().toExtend<{
    staffId: string;
    link: { url: string };
    version: number;
  }>();
  expectTypeOf<Variables<ReturnType<typeof resetTemplateMutationOptions>>>().toEqualTypeOf<{
    automationId: Template['automationId'];
    version: number;
  }>();
  expect(templateQueryOptions(client, 'session-reminder').queryKey).toEqual(sessionLinksKeys.template('s', 'session-reminder'));
});
