import { type Kysely, sql, type Transaction } from 'kysely';
import { toStoreError } from '../store/sql/faults';
import type { NoticesTable } from '../store/sql/schema';
import {
  type ClaimedNotice,
  type ClaimOptions,
  coalesce,
  DEFAULT_COALESCE_WINDOW_MS,
  type FailOptions,
  type ListOptions,
  messageIdFor,
  type Notice,
  type NoticeInput,
  type NoticeKind,
  type NoticeStatus,
  newNoticeId,
  type Outbox,
  type OutboxOptions,
  RESENDABLE,
  type RecordResult,
} from './outbox';

export type { NoticesTable };

type Row = NoticesTable['sl_notices'];
/** The SQL store's handle (`SqlStore.db`), or a transaction of it: any database with `sl_notices` in its search path. */
// biome-ignore lint/suspicious/noExplicitAny: the store's Database type is another module's; only sl_notices is touched.
export type OutboxDb = Kysely<any> | Transaction<any>;

const iso = (v: string | Date | null): string | null => (v === null ? null : (v instanceof Date ? v : new Date(v)).toISOString());

function toNotice(r: Row): Notice {
  return {
    id: r.id,
    site: r.site_id,
    booking: r.booking_id,
    session: r.session_id,
    client: { name: r.client_name, email: r.client_email },
    kind: r.kind as NoticeKind,
    oldLink: r.old_link,
    newLink: r.new_link,
    why: { before: r.why_before, after: r.why_after },
    created: iso(r.created_at) as string,
    status: r.status as NoticeStatus,
    attempts: Number(r.attempts),
    nextAttemptAt: iso(r.next_attempt_at),
    lastError: r.last_error,
    messageId: r.message_id,
    sentAt: iso(r.sent_at),
  };
}

/** Rows per INSERT: 20 parameters a row stays far below PostgreSQL's 65,535. */
const INSERT_CHUNK = 1000;

/** The database is away: `StoreUnavailableError` (R25), so the worker logs one line and tries again. */
async function away<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (error) {
    throw toStoreError(error);
  }
}

/**
 * The outbox in the SQL store's database (PGlite or PostgreSQL), table `sl_notices`.
 * Takes the same Kysely handle the SQL store uses (`store.db`). `record` runs on the
 * transaction it is given, so notices commit or roll back with the change that caused them.
 */
export class SqlOutbox implements Outbox<OutboxDb> {
  private readonly windowMs: number;

  constructor(
    private readonly db: OutboxDb,
    options: OutboxOptions = {},
  ) {
    this.windowMs = options.coalesceWindowMs ?? DEFAULT_COALESCE_WINDOW_MS;
  }

  async record(tx: OutboxDb, inputs: readonly NoticeInput[], now = new Date()): Promise<RecordResult> {
    const result: RecordResult = { added: 0, merged: 0, cancelled: 0 };
    if (inputs.length === 0) return result;
    const since = new Date(now.getTime() - this.windowMs).toISOString();
    // The open notice of each booking in the batch, locked until the change commits.
    const open = new Map<string, Row>();
    const bySite = new Map<string, string[]>();
    for (const i of inputs) bySite.set(i.site, [...(bySite.get(i.site) ?? []), i.booking]);
    for (const [site, bookings] of bySite) {
      for (let at = 0; at < bookings.length; at += INSERT_CHUNK) {
        const rows = (await away(
          tx
            .selectFrom('sl_notices')
            .selectAll()
            .where('site_id', '=', site)
            .where('booking_id', 'in', [...new Set(bookings.slice(at, at + INSERT_CHUNK))])
            .where('status', 'in', ['queued', 'held'])
            .where('created_at', '>=', since)
            .orderBy('created_at')
            .orderBy('ord')
            .forUpdate()
            .execute(),
        )) as Row[];
        for (const r of rows) if (!open.has(`${site}\u0000${r.booking_id}`)) open.set(`${site}\u0000${r.booking_id}`, r);
      }
    }
    const inserts = new Map<string, Row>();
    const updates = new Map<string, Row>();
    const deletes = new Set<string>();
    const createdAt = now.toISOString();
    for (const input of inputs) {
      const key = `${input.site}\u0000${input.booking}`;
      const current = open.get(key) ?? null;
      const step = coalesce(current && { oldLink: current.old_link, why: { before: current.why_before, after: current.why_after } }, input);
      if (step.action === 'skip') continue;
      if (step.action === 'cancel' && current) {
        open.delete(key);
        if (inserts.delete(current.id)) result.added -= 1;
        else {
          updates.delete(current.id);
          deletes.add(current.id);
          result.cancelled += 1;
        }
      } else if (step.action === 'merge' && current) {
        Object.assign(current, {
          new_link: step.newLink,
          why_before: step.why.before,
          why_after: step.why.after,
          kind: step.kind,
          session_id: step.session,
          client_name: step.client.name,
          client_email: step.client.email,
          ...(input.hold === false && current.status === 'held' ? { status: 'queued' } : {}),
        });
        if (!inserts.has(current.id)) updates.set(current.id, current);
        result.merged += 1;
      } else {
        const id = newNoticeId();
        const row: Row = {
          id,
          site_id: input.site,
          booking_id: input.booking,
          session_id: input.session,
          client_name: input.client.name,
          client_email: input.client.email,
          kind: input.kind,
          old_link: input.oldLink,
          new_link: input.newLink,
          why_before: input.why.before,
          why_after: input.why.after,
          created_at: createdAt,
          status: input.hold ? 'held' : 'queued',
          attempts: 0,
          next_attempt_at: createdAt,
          lease_until: null,
          claim_id: null,
          last_error: null,
          message_id: messageIdFor(id),
          sent_at: null,
        };
        inserts.set(id, row);
        open.set(key, row);
        result.added += 1;
      }
    }
    const rows = [...inserts.values()];
    for (let at = 0; at < rows.length; at += INSERT_CHUNK) {
      await away(
        tx
          .insertInto('sl_notices')
          .values(rows.slice(at, at + INSERT_CHUNK))
          .execute(),
      );
    }
    // Every merged notice in one statement: a second change to a course with 1,000 booked clients is one UPDATE.
    const merged = [...updates.values()];
    for (let at = 0; at < merged.length; at += INSERT_CHUNK) {
      const values = merged
        .slice(at, at + INSERT_CHUNK)
        .map(
          (r) =>
            sql`(${r.id}, ${r.new_link}, ${r.why_before}, ${r.why_after}, ${r.kind}, ${r.session_id}, ${r.client_name}, ${r.client_email}, ${r.status})`,
        );
      await away(
        sql`update sl_notices n set
            new_link = v.new_link, why_before = v.why_before, why_after = v.why_after, kind = v.kind,
            session_id = v.session_id, client_name = v.client_name, client_email = v.client_email, status = v.status
          from (values ${sql.join(values)}) as v(id, new_link, why_before, why_after, kind, session_id, client_name, client_email, status)
          where n.id = v.id`.execute(tx),
      );
    }
    if (deletes.size > 0)
      await away(
        tx
          .deleteFrom('sl_notices')
          .where('id', 'in', [...deletes])
          .execute(),
      );
    return result;
  }

  async claim({ now, limit, leaseMs, settledBefore }: ClaimOptions): Promise<ClaimedNotice[]> {
    const at = now.toISOString();
    // Never tried, never released or rescheduled, and recorded after `settledBefore`: still settling (R29), left for later.
    const settled = settledBefore ? settledBefore.toISOString() : at;
    const until = new Date(now.getTime() + leaseMs).toISOString();
    // SKIP LOCKED: a row another worker is claiming right now is left to it, never waited for
    // and never taken twice; the status and lease it commits keep it out of later claims.
    // Each notice its own random claim, as the memory outbox gives: one notice's claim (handed
    // out by the pull API) never settles another notice of the same batch.
    const { rows } = await away(
      sql<Row>`update sl_notices n
        set status = 'sending', claim_id = gen_random_uuid()::text, lease_until = ${until}::timestamptz, attempts = n.attempts + 1
        from (
          select id from sl_notices
          where (status in ('queued', 'failed') and next_attempt_at <= ${at}::timestamptz
                 and not (status = 'queued' and attempts = 0 and next_attempt_at <= created_at and created_at > ${settled}::timestamptz))
             or (status = 'sending' and lease_until <= ${at}::timestamptz)
          order by coalesce(next_attempt_at, lease_until), ord
          limit ${limit}
          for update skip locked
        ) due
        where n.id = due.id
        returning n.*`.execute(this.db),
    );
    return rows.map((r) => ({ ...toNotice(r), claim: r.claim_id as string }));
  }

  private settleable(id: string, claim: string | undefined) {
    const q = this.db.updateTable('sl_notices').where('id', '=', id);
    return claim !== undefined
      ? q.where('status', '=', 'sending').where('claim_id', '=', claim)
      : q.where('status', 'in', ['queued', 'failed', 'sending']);
  }

  async complete(id: string, at: Date, claim?: string): Promise<boolean> {
    const r = await away(
      this.settleable(id, claim)
        .set((eb) => ({
          status: 'sent',
          sent_at: at.toISOString(),
          next_attempt_at: null,
          lease_until: null,
          claim_id: null,
          last_error: null,
          attempts: claim === undefined ? sql`case when status = 'sending' then attempts else attempts + 1 end` : eb.ref('attempts'),
        }))
        .executeTakeFirst(),
    );
    return Number(r.numUpdatedRows) > 0;
  }

  async fail(id: string, options: FailOptions, claim?: string): Promise<boolean> {
    const r = await away(
      this.settleable(id, claim)
        .set((eb) => ({
          status: options.dead ? 'dead' : 'failed',
          last_error: options.error.slice(0, 200),
          next_attempt_at: options.dead || !options.nextAttemptAt ? null : options.nextAttemptAt.toISOString(),
          lease_until: null,
          claim_id: null,
          attempts: claim === undefined ? sql`case when status = 'sending' then attempts else attempts + 1 end` : eb.ref('attempts'),
        }))
        .executeTakeFirst(),
    );
    return Number(r.numUpdatedRows) > 0;
  }

  async due(now: Date, limit: number, site?: string): Promise<Notice[]> {
    let q = this.db
      .selectFrom('sl_notices')
      .selectAll()
      .where('status', 'in', ['queued', 'failed'])
      .where('next_attempt_at', '<=', now.toISOString());
    if (site !== undefined) q = q.where('site_id', '=', site);
    const rows = (await away(q.orderBy('next_attempt_at').orderBy('ord').limit(limit).execute())) as Row[];
    return rows.map(toNotice);
  }

  async release(site: string, ids: readonly string[], now: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const r = await away(
      this.db
        .updateTable('sl_notices')
        .set({ status: 'queued', next_attempt_at: now.toISOString() })
        .where('site_id', '=', site)
        .where('id', 'in', [...ids])
        .where('status', '=', 'held')
        .executeTakeFirst(),
    );
    return Number(r.numUpdatedRows);
  }

  async resend(site: string, ids: readonly string[], now: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const r = await away(
      this.db
        .updateTable('sl_notices')
        .set((eb) => ({
          status: 'queued',
          next_attempt_at: now.toISOString(),
          attempts: eb.case().when('status', '=', 'held').then(eb.ref('attempts')).else(0).end(),
        }))
        .where('site_id', '=', site)
        .where('id', 'in', [...new Set(ids)])
        .where('status', 'in', [...RESENDABLE])
        .executeTakeFirst(),
    );
    return Number(r.numUpdatedRows);
  }

  async calendarSequence(id: string, atLeast: number): Promise<number | null> {
    // One statement: the booking's notices locked (in id order, so two workers queue rather than
    // deadlock), the highest SEQUENCE any other went out with read from them, this one's written —
    // a second worker issuing for the same booking waits and then sees it (nextCalendarSequence's rule).
    const { rows } = await away(
      sql<{ calendar_sequence: number }>`with me as (
          select site_id, booking_id from sl_notices where id = ${id}
        ), booking as (
          select n.id, n.calendar_sequence from sl_notices n join me on n.site_id = me.site_id and n.booking_id = me.booking_id
          order by n.id
          for update of n
        ), seen as (
          select max(calendar_sequence) filter (where id = ${id}) as own,
                 max(calendar_sequence) filter (where id <> ${id}) as others
          from booking
        )
        update sl_notices n set calendar_sequence = case
            when seen.own is not null and seen.own >= ${atLeast}::integer and (seen.others is null or seen.own > seen.others) then seen.own
            else least(greatest(${atLeast}::integer, coalesce(seen.others::bigint + 1, ${atLeast}::integer)), 2147483647)::integer
          end
        from seen
        where n.id = ${id}
        returning n.calendar_sequence`.execute(this.db),
    );
    const row = rows[0];
    return row ? Number(row.calendar_sequence) : null;
  }

  async ofBookings(site: string, bookings: readonly string[]): Promise<Notice[]> {
    if (bookings.length === 0) return [];
    const rows = (await away(
      this.db
        .selectFrom('sl_notices')
        .selectAll()
        .where('site_id', '=', site)
        .where(sql<boolean>`booking_id = any(${[...new Set(bookings)]}::text[])`)
        .orderBy('created_at')
        .orderBy('ord')
        .execute(),
    )) as Row[];
    return rows.map(toNotice);
  }

  async get(id: string): Promise<Notice | null> {
    const r = (await away(this.db.selectFrom('sl_notices').selectAll().where('id', '=', id).executeTakeFirst())) as Row | undefined;
    return r ? toNotice(r) : null;
  }

  async list(options: ListOptions = {}): Promise<Notice[]> {
    let q = this.db.selectFrom('sl_notices').selectAll();
    if (options.site !== undefined) q = q.where('site_id', '=', options.site);
    if (options.status !== undefined) q = q.where('status', '=', options.status);
    if (options.booking !== undefined) q = q.where('booking_id', '=', options.booking);
    const rows = (await away(
      q
        .orderBy('created_at')
        .orderBy('ord')
        .limit(options.limit ?? 1000)
        .execute(),
    )) as Row[];
    return rows.map(toNotice);
  }

  /** Empties the outbox (tests and benchmarks). */
  async truncate(): Promise<void> {
    await away(sql`truncate sl_notices`.execute(this.db));
  }
}
