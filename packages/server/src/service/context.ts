import {
  type AutomationId,
  type ConnectedProvider,
  type CurrentUser,
  type LinkActor,
  mayPerform,
  type OperationSubject,
  PROVIDER_NAMES,
  type Resolution,
  type RouteName,
} from '@session-links/core';
import type { ProviderGateway } from '../providers/gateway';
import type { ProviderTokens } from '../providers/gateway-tokens';
import type { HostMember, HostSite, Store, StoreTx } from '../store/types';
import type { ReadView, ReadViewRequest } from '../store/views';
import { forbidden, notMember, ServiceError } from './errors';
import { composeReadView, hasReadView } from './read-view';

/** One change of a session's resolved link, as recorded (R30); what R29's notices are made from. */
export interface LinkChange {
  sessionId: string;
  before: Resolution;
  after: Resolution;
  actor: LinkActor;
  at: string;
}

/**
 * Called in the transaction that recorded the changes, after they are written (R29 records
 * its notices here, from the same diff). Nothing by default.
 */
export type OnLinkChanges = (tx: StoreTx, siteId: string, changes: readonly LinkChange[]) => Promise<void>;

/** Who asks, as the host's authenticator said (R24), and from which origin. */
export interface Caller {
  userId: string;
  /** The widget's origin, for a provider's consent flow. */
  origin: string;
}

export type Params = {
  siteId: string;
  staffId?: string;
  sessionId?: string;
  serviceId?: string;
  automationId?: AutomationId;
  bookingId?: string;
};

/** A configured provider: its gateway and how its accounts' tokens are sealed and refreshed (R23, R31). */
export interface ProviderRuntime {
  gateway: ProviderGateway;
  tokens: ProviderTokens;
}

/** The configured providers; one absent is not configured (R27). */
export type ProviderRuntimes = Partial<Record<ConnectedProvider, ProviderRuntime>>;

/** What every operation works with, fixed when the service is made. */
export interface Env {
  store: Store;
  /** The configured providers (R27, R31): connecting another answers NOT_CONFIGURED. */
  providers: ProviderRuntimes;
  now: () => Date;
  horizonDays: number;
  /** Writes make their meetings before answering (the mocks' in-process fakes). */
  inline: boolean;
  /** R30's hook: the link changes a transaction recorded, in that transaction (R29's notices). */
  onLinkChanges?: OnLinkChanges;
}

/** A write's context: its transaction, the site and the member asking. */
export interface Ctx {
  env: Env;
  tx: StoreTx;
  site: HostSite;
  user: CurrentUser;
}

/** A read's context: the one view the read asked for, the site and the member asking. */
export interface ReadCtx {
  env: Env;
  view: ReadView;
  site: HostSite;
  user: CurrentUser;
}

/**
 * The one membership check (R24, R26): the site must exist and the caller be its member;
 * otherwise one answer for both, so site ids cannot be enumerated. Every path — a write's
 * transaction, a read's view, a cached read's revision — goes through here.
 */
export function memberOf(site: HostSite | null, member: HostMember | null): CurrentUser {
  if (!site || !member) throw notMember();
  return { id: member.userId, name: member.name, role: member.role, staffId: member.staffId };
}

/** Core's permission table decides (R24's roles); a refusal is FORBIDDEN. */
export function authorize(ctx: { user: CurrentUser }, operation: RouteName, subject: OperationSubject = {}): void {
  if (!mayPerform(ctx.user, operation, subject)) throw forbidden();
}

/** The context of a write, inside its transaction. */
export async function enter(env: Env, tx: StoreTx, siteId: string, userId: string): Promise<Ctx> {
  const site = await tx.getSite(siteId);
  if (!site) throw notMember();
  const user = memberOf(site, await tx.getMember(siteId, userId));
  return { env, tx, site, user };
}

/** One operation in one transaction: parse (the caller's) → authorise → rules → store, all inside `fn`. */
export const run = <T>(env: Env, siteId: string, caller: Caller, fn: (ctx: Ctx) => Promise<T>): Promise<T> =>
  env.store.transaction(async (tx) => fn(await enter(env, tx, siteId, caller.userId)));

/**
 * A read operation's data in one go: the SQL store answers in one statement outside a
 * transaction; a store without `readView` (memory) composes it in one transaction.
 * Then the same membership check as a write's.
 */
export async function read(env: Env, caller: Caller, request: Omit<ReadViewRequest, 'userId'>): Promise<ReadCtx> {
  const { store } = env;
  const ask: ReadViewRequest = { ...request, userId: caller.userId };
  const view = hasReadView(store)
    ? await store.readView(ask)
    : await store.transaction((tx) => (hasReadView(tx) ? tx.readView(ask) : composeReadView(tx, ask)));
  return { env, view, site: view.site as HostSite, user: memberOf(view.site, view.member) };
}

/** The provider's gateway and tokens, or NOT_CONFIGURED when the host did not configure it (R27): never a stand-in. */
export function configuredProvider(env: Env, provider: ConnectedProvider): ProviderRuntime {
  const runtime = env.providers[provider];
  if (!runtime)
    throw new ServiceError('NOT_CONFIGURED', `${PROVIDER_NAMES[provider]} is not set up on this site's server`, {
      reason: 'PROVIDER_NOT_CONFIGURED',
    });
  return runtime;
}

export const omit = <T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> => {
  const { [key]: _dropped, ...rest } = value;
  return rest;
};
