import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlOutbox } from '../../src/notices/outbox-sql';
import { seedScenario } from '../../src/seed';
import { openPostgresStore, type SqlStore } from '../../src/store/sql';
import { MAIN_SITE } from '../../src/testing';
import { findPostgresBin, type PgCluster, startPgCluster } from '../pg-cluster';
import { type SmtpCatcher, startSmtpCatcher } from './smtp-catcher';
import { input } from './suite';

// R25 for the delivery worker: `session-links-server worker` on a PostgreSQL of this file's own,
// stopped and started again under it.
const bin = findPostgresBin();
if (!bin) {
  if (process.env.CI) throw new Error('notices-faults.pg.test.ts: no PostgreSQL server binaries: CI never skips it');
  console.warn('notices-faults.pg.test.ts: no PostgreSQL server binaries (/usr/lib/postgresql/*/bin or PG_BIN) — SKIPPED');
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const cli = path.join(root, 'packages/server/src/cli.ts');

async function until(what: string, ms: number, check: () => boolean | Promise<boolean>, detail: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}\n${detail()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!bin)('the delivery worker when the database goes away (R25)', () => {
  let cluster: PgCluster;
  let store: SqlStore;
  let smtp: SmtpCatcher;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    cluster = await startPgCluster(bin as string);
    store = await openPostgresStore({ connectionString: cluster.url, max: 2 });
    // The worker renders each notice from the site's template and data: real bookings of a seeded site.
    await store.transaction(seedScenario('custom-default'));
    smtp = await startSmtpCatcher();
  }, 120_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await smtp?.close();
    await store?.close();
    await cluster?.destroy();
  });

  it('logs one line per missed run, keeps running, and delivers once the database is back', async () => {
    const outbox = new SqlOutbox(store.db);
    await store.db
      .transaction()
      .execute((trx) =>
        outbox.record(trx, [input('b-3', 'https://zoom.us/j/1', 'https://zoom.us/j/2', { site: MAIN_SITE, session: 'yoga-3' })]),
      );
    const { DATABASE_URL: _shared, ...clean } = process.env;
    child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@session-links/source', cli, 'worker'], {
      cwd: root,
      env: {
        ...clean,
        DATABASE_URL: cluster.url,
        SESSION_LINKS_SMTP_URL: smtp.url,
        SESSION_LINKS_MAIL_FROM: 'studio@example.nl',
        SESSION_LINKS_NOTICE_SETTLE_SECONDS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c));
    child.stderr?.on('data', (c: Buffer) => (out += c));
    // Delivered and recorded (the SMTP server has it a moment before the worker records it):
    // only then is the database stopped, so what follows is about the worker, not that moment.
    await until(
      'the first notice delivered and recorded',
      30_000,
      async () => smtp.messageIds.length >= 1 && (await outbox.list()).every((n) => n.status === 'sent'),
      () => out,
    );

    await cluster.stop();
    const missed = () => out.split('\n').filter((l) => l.includes('delivery worker: the database is unavailable'));
    await until(
      'a missed run logged',
      30_000,
      () => missed().length >= 1,
      () => out,
    );
    expect(missed()[0]).toMatch(/^\[session-links\] delivery worker: the database is unavailable \([\w -]+\); next run in 5 s$/);
    // One line, no stack, nothing from the statement.
    expect(out).not.toMatch(/^\s+at /m);
    expect(out).not.toContain('zoom.us');
    expect(child.exitCode).toBeNull();

    await cluster.start();
    await until(
      'a notice recorded after the restart',
      30_000,
      async () => {
        try {
          await store.db
            .transaction()
            .execute((trx) =>
              outbox.record(trx, [
                input('b-1', 'https://zoom.us/j/1', 'https://zoom.us/j/3', { site: MAIN_SITE, session: 'coaching-anna-1' }),
              ]),
            );
          return true;
        } catch {
          return false;
        }
      },
      () => out,
    );
    await until(
      'the second notice delivered',
      30_000,
      () => smtp.messageIds.length >= 2,
      () => out,
    );
    expect(new Set(smtp.messageIds).size).toBe(2);
    let statuses: (string | null)[][] = [];
    // The SMTP server has the message before the worker records it: wait for the record, not a moment.
    await until(
      'both notices recorded as sent',
      30_000,
      async () => {
        statuses = (await outbox.list()).map((n) => [n.booking, n.status, n.lastError]);
        return statuses.every(([, status]) => status === 'sent');
      },
      () => `${out}\n${JSON.stringify(statuses)}`,
    );
    expect((await outbox.list()).map((n) => n.status)).toEqual(['sent', 'sent']);
    expect(child.exitCode).toBeNull();
  }, 150_000);
});
