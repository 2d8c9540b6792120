/**
 * The outbox of notices (R29): one message to one booked client that their session's link
 * changed, kept until delivered exactly once. A write transaction records notices with
 * `outbox.record(tx, notices)`; the delivery worker claims due ones, sends them through the
 * host's transport and records the outcome. Two implementations: `MemoryOutbox` (this file)
 * and `SqlOutbox` (outbox-sql.ts, PGlite and PostgreSQL), with the same behaviour.
 */

export type NoticeKind = 'booking-changed' | 'course-changed';

/**
 * `queued` waits for its next attempt; `sending` is claimed by a worker until its lease ends;
 * `sent` is delivered; `failed` had an attempt fail and waits for the next (retried);
 * `dead` gave up (too many attempts, or a permanent refusal); `held` waits for the owner
 * ("let me review first") and is not delivered until released.
 */
export type NoticeStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'dead' | 'held';

/** Where the resolved link came from (`course`, `session`, `staff`, `default`, `meeting`…), before and after. */
export interface NoticeWhy {
  before: string | null;
  after: string | null;
}

/** What a write transaction records: one per affected booking. */
export interface NoticeInput {
  site: string;
  booking: string;
  session: string;
  client: { name: string; email: string };
  kind: NoticeKind;
  oldLink: string | null;
  newLink: string | null;
  why: NoticeWhy;
  /** The site's "let me review first": recorded `held`, not delivered until released. */
  hold?: boolean;
}

export interface Notice extends Omit<NoticeInput, 'hold'> {
  id: string;
  /** ISO time the notice was first recorded (coalescing keeps it). */
  created: string;
  status: NoticeStatus;
  /** Delivery attempts begun (a claim counts one). */
  attempts: number;
  /** ISO time the notice is due (queued, failed), or null. */
  nextAttemptAt: string | null;
  /** A short reason of the last failure, never a secret or an address. */
  lastError: string | null;
  /** The idempotency key, the same on every attempt: the e-mail's `Message-ID`, the webhook's `Idempotency-Key`. */
  messageId: string;
  sentAt: string | null;
}

/** A notice a worker holds: `claim` proves the lease is still its own when it records the outcome. */
export interface ClaimedNotice extends Notice {
  claim: string;
}

export interface RecordResult {
  /** New notices. */
  added: number;
  /** Notices folded into a queued or held one of the same booking (coalescing). */
  merged: number;
  /** Queued or held notices removed because the link went back to what the client holds. */
  cancelled: number;
}

export interface ClaimOptions {
  now: Date;
  limit: number;
  /** How long the claim holds; a worker that crashed loses it after this and another takes the notice again. */
  leaseMs: number;
  /**
   * R29's settling: a notice not tried yet (and not released or rescheduled since it was
   * recorded) is claimed only once it was first recorded at or before this time, so changes
   * close together for one booking (folded into the waiting notice by coalescing) go out as
   * one message. Unset: at once.
   */
  settledBefore?: Date;
}

export interface FailOptions {
  at: Date;
  /** Short, no secrets: e.g. `address refused`, `ECONNREFUSED`, `smtp 451`. */
  error: string;
  /** Give up: `dead`. Otherwise `failed`, due again at `nextAttemptAt`. */
  dead: boolean;
  nextAttemptAt: Date | null;
}

export interface ListOptions {
  site?: string;
  status?: NoticeStatus;
  booking?: string;
  limit?: number;
}

/**
 * The outbox contract. `Tx` is the write transaction `record` joins: the memory store's
 * transaction (or none) for the memory outbox, a Kysely transaction (or handle) for the SQL outbox.
 */
export interface Outbox<Tx = unknown> {
  /** Records notices inside the caller's transaction, coalescing per booking (see `coalesce`). */
  record(tx: Tx, inputs: readonly NoticeInput[], now?: Date): Promise<RecordResult>;
  /**
   * Takes up to `limit` due notices (queued or failed and due, or sending with an expired
   * lease) and marks them `sending` with a lease and a claim of this call; two workers never
   * hold the same notice at once (PostgreSQL: `FOR UPDATE SKIP LOCKED`).
   */
  claim(options: ClaimOptions): Promise<ClaimedNotice[]>;
  /**
   * Records the delivery: `sent` with its time. With a claim, only while the claim is still
   * the notice's; without (pull), a queued, failed or sending notice. Returns whether it recorded.
   */
  complete(id: string, at: Date, claim?: string): Promise<boolean>;
  /** Records a failed attempt (`failed` with its next time, or `dead`). Same claim rule as `complete`. */
  fail(id: string, options: FailOptions, claim?: string): Promise<boolean>;
  /** Due notices for a host that pulls (no transport), oldest first, without claiming them. */
  due(now: Date, limit: number, site?: string): Promise<Notice[]>;
  /** Held notices of a site become queued, due now. Returns how many. */
  release(site: string, ids: readonly string[], now: Date): Promise<number>;
  /**
   * The owner's "send now": held notices of a site are released and given-up ones (`dead`,
   * or `failed` awaiting a retry) are queued again from their first attempt, due now. Returns how many.
   */
  resend(site: string, ids: readonly string[], now: Date): Promise<number>;
  /**
   * The iCalendar `SEQUENCE` of this notice's e-mail (R28), kept with the notice: at least
   * `atLeast` (the site's revision as the e-mail is rendered) and above the one of every other
   * notice of its booking, so each update a client's calendar gets about a booking and session
   * supersedes the one before — also two notices rendered at the same revision. A notice rendered
   * again (a retry) keeps its own while it is still the newest and not below `atLeast`. Two
   * workers issuing for one booking at once never get the same one. Null: no such notice.
   */
  calendarSequence(id: string, atLeast: number): Promise<number | null>;
  /** Every notice of these bookings of a site, oldest first (what the owner sees of them). */
  ofBookings(site: string, bookings: readonly string[]): Promise<Notice[]>;
  get(id: string): Promise<Notice | null>;
  list(options?: ListOptions): Promise<Notice[]>;
}

export interface OutboxOptions {
  /** Notices for one booking recorded within this of the first become one (default 5 minutes). */
  coalesceWindowMs?: number;
}

export const DEFAULT_COALESCE_WINDOW_MS = 5 * 60_000;

/** The idempotency key of a notice: stable across attempts and workers. */
export const messageIdFor = (id: string): string => `<notice-${id}@session-links>`;

export const newNoticeId = (): string => crypto.randomUUID();

/** What the owner's "send now" takes: held ones, and ones given up on or waiting to be tried again. */
export const RESENDABLE: readonly NoticeStatus[] = ['held', 'failed', 'dead'];

/** Statuses a new change for the same booking may fold into. */
export const OPEN_STATUSES: readonly NoticeStatus[] = ['queued', 'held'];

/** What coalescing does with one input, given the open notice of its booking (within the window), if any. */
export type CoalesceStep =
  | { action: 'skip' }
  | { action: 'add' }
  | { action: 'merge'; newLink: string | null; why: NoticeWhy; kind: NoticeKind; session: string; client: NoticeInput['client'] }
  | { action: 'cancel' };

/**
 * Coalescing (R29 "changes close together for one booking become one notice"): the open
 * notice keeps the link the client was first told about (its old link) and takes the newest
 * new link; a change back to that old link cancels it (the client holds the right link).
 * An input that changes nothing is skipped.
 */
export function coalesce(open: Pick<Notice, 'oldLink' | 'why'> | null, input: NoticeInput): CoalesceStep {
  if (!open) return input.oldLink === input.newLink ? { action: 'skip' } : { action: 'add' };
  if (input.newLink === open.oldLink) return { action: 'cancel' };
  return {
    action: 'merge',
    newLink: input.newLink,
    why: { before: open.why.before, after: input.why.after },
    kind: input.kind,
    session: input.session,
    client: input.client,
  };
}

const copy = (n: Notice & { claim?: unknown; leaseUntil?: unknown; seq?: unknown; calendarSequence?: unknown }): Notice => {
  const { claim: _claim, leaseUntil: _lease, seq: _seq, calendarSequence: _sequence, ...notice } = n;
  return { ...notice, client: { ...n.client }, why: { ...n.why } };
};

/** A transaction that can run work once it has committed: the memory store's (`MemoryTx.afterCommit`). */
export interface CommitHooks {
  afterCommit(fn: () => void): void;
}
const hasCommitHooks = (tx: unknown): tx is CommitHooks =>
  typeof tx === 'object' && tx !== null && typeof (tx as Partial<CommitHooks>).afterCommit === 'function';

interface MemoryRow extends Notice {
  seq: number;
  claim: string | null;
  leaseUntil: number | null;
  /** The SEQUENCE its e-mail went out with (`calendarSequence`), null until rendered. */
  calendarSequence: number | null;
}

/** The largest SEQUENCE kept (a 32-bit column, as RFC 5545's integer). */
export const MAX_CALENDAR_SEQUENCE = 2_147_483_647;

/**
 * The next SEQUENCE of a notice (R28): its own while it is the newest of its booking and not below
 * `atLeast`, else `atLeast` or one above the highest any other notice of the booking went out with.
 */
export function nextCalendarSequence(own: number | null, others: number | null, atLeast: number): number {
  if (own !== null && own >= atLeast && (others === null || own > others)) return own;
  return Math.min(Math.max(atLeast, others === null ? atLeast : others + 1), MAX_CALENDAR_SEQUENCE);
}

/**
 * The outbox in memory, for tests, the mocks and a host without a database. Recorded in a
 * memory store's transaction (`record(tx, …)`), the notices are kept only when it commits:
 * a write that throws leaves none behind, as in SQL.
 */
export class MemoryOutbox implements Outbox<unknown> {
  private readonly rows = new Map<string, MemoryRow>();
  private readonly windowMs: number;
  private seq = 0;

  constructor(options: OutboxOptions = {}) {
    this.windowMs = options.coalesceWindowMs ?? DEFAULT_COALESCE_WINDOW_MS;
  }

  async record(tx: unknown, inputs: readonly NoticeInput[], now = new Date()): Promise<RecordResult> {
    if (!hasCommitHooks(tx)) return this.apply(this.rows, inputs, now);
    // Applied when the transaction commits (transactions of a memory store run one at a time,
    // so nothing records between); until then, what it would do on a copy.
    tx.afterCommit(() => void this.apply(this.rows, inputs, now));
    const copy = new Map([...this.rows].map(([id, r]) => [id, { ...r, why: { ...r.why }, client: { ...r.client } }]));
    return this.apply(copy, inputs, now);
  }

  private apply(rows: Map<string, MemoryRow>, inputs: readonly NoticeInput[], now: Date): RecordResult {
    const result: RecordResult = { added: 0, merged: 0, cancelled: 0 };
    for (const input of inputs) {
      const open =
        [...rows.values()].find(
          (r) =>
            r.site === input.site &&
            r.booking === input.booking &&
            OPEN_STATUSES.includes(r.status) &&
            Date.parse(r.created) >= now.getTime() - this.windowMs,
        ) ?? null;
      const step = coalesce(open, input);
      if (step.action === 'skip') continue;
      if (step.action === 'cancel' && open) {
        rows.delete(open.id);
        result.cancelled += 1;
      } else if (step.action === 'merge' && open) {
        Object.assign(open, { newLink: step.newLink, why: step.why, kind: step.kind, session: step.session, client: { ...step.client } });
        if (input.hold === false && open.status === 'held') open.status = 'queued';
        result.merged += 1;
      } else {
        const id = newNoticeId();
        rows.set(id, {
          id,
          site: input.site,
          booking: input.booking,
          session: input.session,
          client: { ...input.client },
          kind: input.kind,
          oldLink: input.oldLink,
          newLink: input.newLink,
          why: { ...input.why },
          created: now.toISOString(),
          status: input.hold ? 'held' : 'queued',
          attempts: 0,
          nextAttemptAt: now.toISOString(),
          lastError: null,
          messageId: messageIdFor(id),
          sentAt: null,
          seq: ++this.seq,
          claim: null,
          leaseUntil: null,
          calendarSequence: null,
        });
        result.added += 1;
      }
    }
    return result;
  }

  private isDue(r: MemoryRow, now: number, settledBefore?: Date): boolean {
    // Settling: never tried and never released or rescheduled (due since it was recorded), recorded after `settledBefore`.
    if (
      r.status === 'queued' &&
      settledBefore &&
      r.attempts === 0 &&
      r.nextAttemptAt !== null &&
      r.nextAttemptAt <= r.created &&
      Date.parse(r.created) > settledBefore.getTime()
    )
      return false;
    if (r.status === 'queued' || r.status === 'failed') return r.nextAttemptAt !== null && Date.parse(r.nextAttemptAt) <= now;
    return r.status === 'sending' && r.leaseUntil !== null && r.leaseUntil <= now;
  }

  private ordered(): MemoryRow[] {
    return [...this.rows.values()].sort((a, b) => (a.nextAttemptAt ?? '').localeCompare(b.nextAttemptAt ?? '') || a.seq - b.seq);
  }

  async claim({ now, limit, leaseMs, settledBefore }: ClaimOptions): Promise<ClaimedNotice[]> {
    const at = now.getTime();
    const taken: ClaimedNotice[] = [];
    for (const r of this.ordered()) {
      if (taken.length >= limit) break;
      if (!this.isDue(r, at, settledBefore)) continue;
      r.status = 'sending';
      r.claim = crypto.randomUUID();
      r.leaseUntil = at + leaseMs;
      r.attempts += 1;
      taken.push({ ...copy(r), claim: r.claim });
    }
    return taken;
  }

  private settleable(id: string, claim: string | undefined): MemoryRow | null {
    const r = this.rows.get(id);
    if (!r) return null;
    if (claim !== undefined) return r.status === 'sending' && r.claim === claim ? r : null;
    return r.status === 'queued' || r.status === 'failed' || r.status === 'sending' ? r : null;
  }

  async complete(id: string, at: Date, claim?: string): Promise<boolean> {
    const r = this.settleable(id, claim);
    if (!r) return false;
    if (claim === undefined && r.status !== 'sending') r.attempts += 1;
    Object.assign(r, { status: 'sent', sentAt: at.toISOString(), nextAttemptAt: null, claim: null, leaseUntil: null, lastError: null });
    return true;
  }

  async fail(id: string, options: FailOptions, claim?: string): Promise<boolean> {
    const r = this.settleable(id, claim);
    if (!r) return false;
    if (claim === undefined && r.status !== 'sending') r.attempts += 1;
    Object.assign(r, {
      status: options.dead ? 'dead' : 'failed',
      lastError: options.error.slice(0, 200),
      nextAttemptAt: options.dead || !options.nextAttemptAt ? null : options.nextAttemptAt.toISOString(),
      claim: null,
      leaseUntil: null,
    });
    return true;
  }

  async due(now: Date, limit: number, site?: string): Promise<Notice[]> {
    return this.ordered()
      .filter(
        (r) => (site === undefined || r.site === site) && (r.status === 'queued' || r.status === 'failed') && this.isDue(r, now.getTime()),
      )
      .slice(0, limit)
      .map(copy);
  }

  async release(site: string, ids: readonly string[], now: Date): Promise<number> {
    let n = 0;
    for (const id of ids) {
      const r = this.rows.get(id);
      if (r && r.site === site && r.status === 'held') {
        r.status = 'queued';
        r.nextAttemptAt = now.toISOString();
        n += 1;
      }
    }
    return n;
  }

  async resend(site: string, ids: readonly string[], now: Date): Promise<number> {
    let n = 0;
    for (const id of new Set(ids)) {
      const r = this.rows.get(id);
      if (!r || r.site !== site || !RESENDABLE.includes(r.status)) continue;
      Object.assign(r, { status: 'queued', nextAttemptAt: now.toISOString(), attempts: r.status === 'held' ? r.attempts : 0 });
      n += 1;
    }
    return n;
  }

  async calendarSequence(id: string, atLeast: number): Promise<number | null> {
    const r = this.rows.get(id);
    if (!r) return null;
    let others: number | null = null;
    for (const o of this.rows.values()) {
      if (o.id !== r.id && o.site === r.site && o.booking === r.booking && o.calendarSequence !== null)
        others = Math.max(others ?? o.calendarSequence, o.calendarSequence);
    }
    r.calendarSequence = nextCalendarSequence(r.calendarSequence, others, atLeast);
    return r.calendarSequence;
  }

  async ofBookings(site: string, bookings: readonly string[]): Promise<Notice[]> {
    const wanted = new Set(bookings);
    return [...this.rows.values()]
      .filter((r) => r.site === site && wanted.has(r.booking))
      .sort((a, b) => a.created.localeCompare(b.created) || a.seq - b.seq)
      .map(copy);
  }

  async get(id: string): Promise<Notice | null> {
    const r = this.rows.get(id);
    return r ? copy(r) : null;
  }

  async list(options: ListOptions = {}): Promise<Notice[]> {
    return [...this.rows.values()]
      .filter(
        (r) =>
          (options.site === undefined || r.site === options.site) &&
          (options.status === undefined || r.status === options.status) &&
          (options.booking === undefined || r.booking === options.booking),
      )
      .sort((a, b) => a.created.localeCompare(b.created) || a.seq - b.seq)
      .slice(0, options.limit ?? 1000)
      .map(copy);
  }
}
