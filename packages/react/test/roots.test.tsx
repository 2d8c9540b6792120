import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import * as api from '@session-links/react';
import {
  type CourseLinkEditorRootProps,
  CourseLinkEditorTitle,
  type EmailBlockEditorRootProps,
  EmailBlockEditorTitle,
  PersonalSessionsActionContent,
  PersonalSessionsActionGate,
  type PersonalSessionsActionRootProps,
  ProviderPickerAccount,
  type ProviderPickerRootProps,
  ProviderPickerTitle,
  type SessionLinkEditorRootProps,
  SessionLinkEditorTitle,
  SessionLinksProvider,
  type SessionsOverviewRootProps,
  SessionsOverviewTitle,
  type StaffAccountEditorRootProps,
  StaffAccountEditorTitle,
  StaffAccountName,
  type StaffAccountRootProps,
  type useCourseLinkEditor,
  type useEmailBlockEditor,
  type usePersonalSessionsAction,
  type useProviderPicker,
  type useSessionLinkEditor,
  type useSessionsOverview,
  type useStaffAccount,
  type useStaffAccountEditor,
} from '@session-links/react';
import * as courseLinkEditor from '@session-links/react/course-link-editor';
import * as emailBlockEditor from '@session-links/react/email-block-editor';
import * as personalSessionsAction from '@session-links/react/personal-sessions-action';
import * as providerPicker from '@session-links/react/provider-picker';
import * as sessionLinkEditor from '@session-links/react/session-link-editor';
import * as sessionsOverview from '@session-links/react/sessions-overview';
import * as staffAccountEditor from '@session-links/react/staff-account-editor';
import { cleanup, render } from '@testing-library/react';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';

afterEach(cleanup);

const baseUrl = 'http://localhost/api/session-links';

/** Renders `ui` in a provider (no request is made: the part throws first) and returns what it threw. */
function thrownBy(ui: ReactNode): string {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    render(<SessionLinksProvider client={createClient({ baseUrl, siteId: MAIN_SITE })}>{ui}</SessionLinksProvider>);
  } catch (error) {
    return (error as Error).message;
  } finally {
    spy.mockRestore();
  }
  throw new Error('the part rendered outside its Root');
}

/** The component a message tells the host to put around the part: it must be a real export, of the package and of the widget's subpath. */
function rootNamedIn(message: string): string {
  const name = /must be used inside <(\w+)>/.exec(message)?.[1];
  if (!name) throw new Error(`no Root named in "${message}"`);
  return name;
}

describe('one Root contract for the seven widgets', () => {
  it('a part outside its Root throws an error naming the Root a host really imports', () => {
    const cases: [ReactNode, string, Record<string, unknown>][] = [
      [<ProviderPickerTitle key="p" />, 'ProviderPickerTitle must be used inside <ProviderPickerRoot>.', providerPicker],
      [<StaffAccountEditorTitle key="s" />, 'StaffAccountEditorTitle must be used inside <StaffAccountEditorRoot>.', staffAccountEditor],
      [<StaffAccountName key="a" />, 'StaffAccountName must be used inside <StaffAccountRoot>.', staffAccountEditor],
      [
        <PersonalSessionsActionContent key="d" />,
        'PersonalSessionsActionContent must be used inside <PersonalSessionsActionRoot>.',
        personalSessionsAction,
      ],
      [
        <PersonalSessionsActionGate key="g" />,
        'PersonalSessionsActionGate must be used inside <PersonalSessionsActionContent>.',
        personalSessionsAction,
      ],
      [<SessionLinkEditorTitle key="l" />, 'SessionLinkEditorTitle must be used inside <SessionLinkEditorRoot>.', sessionLinkEditor],
      [<CourseLinkEditorTitle key="c" />, 'CourseLinkEditorTitle must be used inside <CourseLinkEditorRoot>.', courseLinkEditor],
      [<SessionsOverviewTitle key="o" />, 'SessionsOverviewTitle must be used inside <SessionsOverviewRoot>.', sessionsOverview],
      [<EmailBlockEditorTitle key="e" />, 'EmailBlockEditorTitle must be used inside <EmailBlockEditorRoot>.', emailBlockEditor],
    ];
    for (const [part, message, subpath] of cases) {
      const thrown = thrownBy(part);
      expect(thrown).toBe(message);
      const root = rootNamedIn(thrown);
      expect(typeof (api as Record<string, unknown>)[root], root).toBe('function');
      expect(subpath[root], root).toBe((api as Record<string, unknown>)[root]);
    }
  });

  it('the account-flow parts shared by the picker and a staff account name both Roots', () => {
    const thrown = thrownBy(<ProviderPickerAccount />);
    expect(thrown).toBe('AccountFlowSummary must be used inside <ProviderPickerRoot> or <StaffAccountRoot>.');
    for (const root of thrown.match(/<(\w+)>/g) ?? []) expect(typeof (api as Record<string, unknown>)[root.slice(1, -1)]).toBe('function');
  });

  it("each Root takes `value` (its hook's result) and DOM props only: callbacks and settings are the hook's options", () => {
    type Div = ComponentPropsWithRef<'div'>;
    expectTypeOf<ProviderPickerRootProps['value']>().toEqualTypeOf<ReturnType<typeof useProviderPicker>>();
    expectTypeOf<Exclude<keyof ProviderPickerRootProps, keyof Div>>().toEqualTypeOf<'value'>();
    expectTypeOf<StaffAccountEditorRootProps['value']>().toEqualTypeOf<ReturnType<typeof useStaffAccountEditor>>();
    expectTypeOf<Exclude<keyof StaffAccountEditorRootProps, keyof Div>>().toEqualTypeOf<'value'>();
    expectTypeOf<SessionLinkEditorRootProps['value']>().toEqualTypeOf<ReturnType<typeof useSessionLinkEditor>>();
    expectTypeOf<Exclude<keyof SessionLinkEditorRootProps, keyof Div>>().toEqualTypeOf<'value'>();
    expectTypeOf<CourseLinkEditorRootProps['value']>().toEqualTypeOf<ReturnType<typeof useCourseLinkEditor>>();
    expectTypeOf<Exclude<keyof CourseLinkEditorRootProps, keyof Div>>().toEqualTypeOf<'value'>();
    expectTypeOf<EmailBlockEditorRootProps['value']>().toEqualTypeOf<ReturnType<typeof useEmailBlockEditor>>();
    expectTypeOf<Exclude<keyof EmailBlockEditorRootProps, keyof Div>>().toEqualTypeOf<'value'>();
    expectTypeOf<SessionsOverviewRootProps['value']>().toEqualTypeOf<ReturnType<typeof useSessionsOverview>>();
    expectTypeOf<Exclude<keyof SessionsOverviewRootProps, keyof ComponentPropsWithRef<'section'>>>().toEqualTypeOf<'value'>();
    // `onError` on an element Root is the DOM's error event, not the hook's callback.
    expectTypeOf<ProviderPickerRootProps['onError']>().toEqualTypeOf<Div['onError']>();
    // Roots without an element of their own (as Radix's Dialog.Root): the value, and the dialog's open state.
    expectTypeOf<StaffAccountRootProps['value']>().toEqualTypeOf<ReturnType<typeof useStaffAccount>>();
    expectTypeOf<keyof StaffAccountRootProps>().toEqualTypeOf<'value' | 'children'>();
    expectTypeOf<PersonalSessionsActionRootProps['value']>().toEqualTypeOf<ReturnType<typeof usePersonalSessionsAction>>();
    expectTypeOf<keyof PersonalSessionsActionRootProps>().toEqualTypeOf<'value' | 'open' | 'defaultOpen' | 'onOpenChange' | 'children'>();
  });

  it('a Root without `value`, or given the hook’s options, does not compile', () => {
    const { ProviderPickerRoot, StaffAccountRoot, StaffAccountEditorRoot, PersonalSessionsActionRoot, CourseLinkEditorRoot } = api;
    // Never rendered: the checks are the @ts-expect-error lines, run by `pnpm typecheck`.
    const wrong = (picker: ReturnType<typeof useProviderPicker>) => [
      // @ts-expect-error value is required
      <ProviderPickerRoot key="1" />,
      // @ts-expect-error onSaved is an option of useProviderPicker
      <ProviderPickerRoot key="2" value={picker} onSaved={() => {}} />,
      // @ts-expect-error headingLevel is an option of useProviderPicker
      <ProviderPickerRoot key="3" value={picker} headingLevel={2} />,
      // @ts-expect-error upgradeHref belongs to ProviderPickerGate
      <ProviderPickerRoot key="4" value={picker} upgradeHref="/plans" />,
      // @ts-expect-error staffId is the argument of useStaffAccount
      <StaffAccountRoot key="5" staffId="anna" />,
      // @ts-expect-error staffId and callbacks are options of useStaffAccountEditor
      <StaffAccountEditorRoot key="6" staffId="anna" onSaved={() => {}} />,
      // @ts-expect-error onSaved is an option of usePersonalSessionsAction
      <PersonalSessionsActionRoot key="7" onSaved={() => {}} />,
      // @ts-expect-error serviceId is the argument of useCourseLinkEditor
      <CourseLinkEditorRoot key="8" serviceId="pottery" />,
    ];
    expect(typeof wrong).toBe('function');
  });

  it('the seven subpaths export their Root, hook, default composition and the provider as the package root does', () => {
    const widgets: [string, Record<string, unknown>, string[]][] = [
      ['ProviderPicker', providerPicker, ['useProviderPicker', 'ProviderPickerRoot']],
      [
        'StaffAccountEditor',
        staffAccountEditor,
        ['useStaffAccountEditor', 'StaffAccountEditorRoot', 'useStaffAccount', 'StaffAccountRoot'],
      ],
      ['PersonalSessionsAction', personalSessionsAction, ['usePersonalSessionsAction', 'PersonalSessionsActionRoot']],
      ['SessionLinkEditor', sessionLinkEditor, ['useSessionLinkEditor', 'SessionLinkEditorRoot']],
      ['CourseLinkEditor', courseLinkEditor, ['useCourseLinkEditor', 'CourseLinkEditorRoot']],
      ['SessionsOverview', sessionsOverview, ['useSessionsOverview', 'SessionsOverviewRoot']],
      ['EmailBlockEditor', emailBlockEditor, ['useEmailBlockEditor', 'EmailBlockEditorRoot']],
    ];
    for (const [widget, subpath, names] of widgets) {
      for (const name of [widget, 'SessionLinksProvider', ...names]) expect(typeof subpath[name], `${widget}: ${name}`).toBe('function');
      // Everything a subpath offers is the same binding at the package root.
      for (const [name, value] of Object.entries(subpath)) expect((api as Record<string, unknown>)[name], `${widget}: ${name}`).toBe(value);
    }
  });
});
