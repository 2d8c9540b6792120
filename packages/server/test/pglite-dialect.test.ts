import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PgliteDialect } from '../src/store/sql';

// PGlite is one connection: the dialect hands it to one holder at a time (a statement, or a
// whole transaction). Waiting is fair when the line is first come, first served: what waits
// while a transaction holds the connection runs in the order it asked, never overtaken.
let pglite: PGlite;
let db: Kysely<unknown>;

beforeAll(async () => {
  pglite = await PGlite.create('memory://');
  db = new Kysely<unknown>({ dialect: new PgliteDialect(pglite) });
}, 120_000);
afterAll(async () => {
  await db.destroy();
});

it('queued transactions and statements get the connection in the order they asked for it', async () => {
  const order: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let holding!: () => void;
  const started = new Promise<void>((resolve) => {
    holding = resolve;
  });
  const first = db.transaction().execute(async (trx) => {
    await sql`select 1`.execute(trx);
    order.push('first');
    holding();
    await held;
  });
  await started;
  // Asked for while `first` holds the connection, in this order: transactions and plain statements mixed.
  const waiting = Array.from({ length: 12 }, (_, i) =>
    i % 3 === 1
      ? sql`select ${i}::int as i`.execute(db).then(() => void order.push(`statement ${i}`))
      : db.transaction().execute(async (trx) => {
          await sql`select ${i}::int as i`.execute(trx);
          order.push(`transaction ${i}`);
          // A holder that is quick and answers without I/O must not let a later one in first.
          await sql`select ${i}::int as again`.execute(trx);
        }),
  );
  release();
  await Promise.all([first, ...waiting]);
  expect(order).toEqual(['first', ...Array.from({ length: 12 }, (_, i) => (i % 3 === 1 ? `statement ${i}` : `transaction ${i}`))]);
});
