'use client';
import type { ApiError } from '@session-links/client';
import { actionFor, type CurrentUser, canPerform, type OnlineSettings, type OperationSubject, type RouteName } from '@session-links/core';
import { type ComponentPropsWithRef, createContext, type ReactNode, useCallback, useContext } from 'react';
import { useMe, useOnlineSettings } from '../hooks';
import { ErrorState, ForbiddenState, LoadingState, UpgradeState } from './state-panel';

/**
 * Where every widget starts: its data is loading, failed to load (Retry), the plan has no
 * online sessions (R1), the signed-in user may not do what the widget is for (R10), or it
 * is ready for the widget's own states.
 */
export type GateState = 'loading' | 'error' | 'upgrade' | 'forbidden' | 'ready';

/** Something a widget waits for: a query result (or anything shaped like one). */
export interface GateQuery {
  isPending: boolean;
  error: Error | null;
  refetch: () => unknown;
}

export interface UseGateOptions {
  /**
   * The operation the widget exists for (`setDefaultCustomLink`, `setStaffCustomLink`,
   * `getSession`…): core's `actionFor` + `canPerform` decide `forbidden` (R10), the
   * same table the server enforces.
   */
  operation: RouteName;
  /** What the permission depends on (the staff member, the session as stored…). */
  subject?: OperationSubject;
  /** The widget's other queries: the gate waits for them, and their errors are its errors. */
  queries?: readonly GateQuery[];
  /** Whether the widget needs a plan with online sessions (R1). Default `true`. */
  requiresPlan?: boolean;
}

export interface GateValue {
  state: GateState;
  /** The load error behind `error` (or `forbidden` / `upgrade` when the server said so). */
  error: ApiError | null;
  /** Fetches every failed query again. */
  retry: () => void;
  /** Whether the signed-in user may perform the operation; `false` until they are known. */
  allowed: boolean;
  me: CurrentUser | undefined;
  settings: OnlineSettings | undefined;
}

/**
 * The one state ladder of every widget. Order: the user is known and may not → forbidden
 * (even while the rest loads); anything loading → loading; a load error → forbidden
 * (FORBIDDEN), upgrade (PLAN_REQUIRED) or error; the plan lacks online sessions → upgrade;
 * else ready. The same user on the same site gets the same state in every widget.
 */
export function useGate({ operation, subject, queries = [], requiresPlan = true }: UseGateOptions): GateValue {
  const me = useMe();
  const settings = useOnlineSettings();
  const all: readonly GateQuery[] = [me, settings, ...queries];
  const allowed = me.data ? canPerform(me.data, actionFor(operation, subject)) : false;
  const error = (all.find((q) => q.error)?.error ?? null) as ApiError | null;

  let state: GateState;
  if (me.data && !allowed) state = 'forbidden';
  else if (all.some((q) => q.isPending && !q.error)) state = 'loading';
  else if (error?.code === 'FORBIDDEN') state = 'forbidden';
  else if (error?.code === 'PLAN_REQUIRED') state = 'upgrade';
  else if (error || !me.data || !settings.data) state = 'error';
  else if (requiresPlan && !settings.data.plan.includesOnlineSessions) state = 'upgrade';
  else state = 'ready';

  const retry = useCallback(() => {
    for (const q of [me, settings, ...queries]) if (q.error) void q.refetch();
  }, [me, settings, queries]);

  return { state, error, retry, allowed, me: me.data, settings: settings.data };
}

const GateContext = createContext<GateValue | null>(null);

/** Put by every widget's Root around its parts, so the shared gate part can read the widget's gate. */
export function GateScope({ gate, children }: { gate: GateValue; children?: ReactNode }) {
  return <GateContext.Provider value={gate}>{children}</GateContext.Provider>;
}

/** The gate of the widget around: for parts and custom UIs that show something per gate state. */
export function useGateContext(part: string): GateValue {
  const gate = useContext(GateContext);
  if (gate === null) throw new Error(`${part} must be used inside a widget's Root (e.g. <ProviderPickerRoot>).`);
  return gate;
}

export interface GateProps extends Omit<ComponentPropsWithRef<'div'>, 'children' | 'title'> {
  /** The ready UI: rendered only when the gate is `ready`. */
  children?: ReactNode;
  /** Where the host links to for a plan upgrade (R1). */
  upgradeHref?: string | undefined;
  /** What the forbidden state says instead of the generic text. */
  forbiddenBody?: string | undefined;
  /** What the error state's title says instead of the generic text. */
  errorTitle?: string | undefined;
}

/**
 * The shared gate part: the loading, error (with Retry), upgrade or forbidden panel of
 * the widget around, or `children` once it is ready. The panel takes the ref, the props
 * and the class name, and carries `data-state` (the gate state) and `data-kind`.
 */
export function Gate({ children, upgradeHref, forbiddenBody, errorTitle, ...props }: GateProps) {
  const gate = useGateContext('Gate');
  switch (gate.state) {
    case 'loading':
      return <LoadingState {...props} data-state="loading" />;
    case 'error':
      return <ErrorState {...props} data-state="error" title={errorTitle} error={gate.error} onRetry={gate.retry} />;
    case 'upgrade':
      return <UpgradeState {...props} data-state="upgrade" upgradeHref={upgradeHref} />;
    case 'forbidden':
      return <ForbiddenState {...props} data-state="forbidden" body={forbiddenBody} />;
    case 'ready':
      return <>{children}</>;
  }
}
