import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SqlOutbox } from '../../src/notices/outbox-sql';
import { openPgliteStore } from '../../src/store/sql';
import { type SmtpCatcher, startSmtpCatcher } from './smtp-catcher';
import { input } from './suite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const cli = path.join(root, 'packages/server/src/cli.ts');
const node = ['--import', 'tsx', '--conditions=@session-links/source', cli];

describe('session-links-server tells clients (delivery worker in the CLI)', () => {
  let child: ChildProcess | undefined;
  let smtp: SmtpCatcher | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await smtp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('with SESSION_LINKS_SMTP_URL and SESSION_LINKS_MAIL_FROM the server delivers queued notices by e-mail, once', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'session-links-notices-cli-'));
    const data = path.join(dir, 'data');
    const seeded = await openPgliteStore({ dataDir: data });
    const outbox = new SqlOutbox(seeded.db);
    await seeded.db.transaction().execute((trx) => outbox.record(trx, [input('b1', 'https://zoom.us/j/1', 'https://zoom.us/j/2')]));
    const [queued] = await outbox.list();
    await seeded.close();

    smtp = await startSmtpCatcher();
    child = spawn(process.execPath, [...node, '--data', data, '--port', '0', '--host', '127.0.0.1'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', SESSION_LINKS_SMTP_URL: smtp.url, SESSION_LINKS_MAIL_FROM: 'Studio <studio@example.nl>' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (c) => (output += c));
    child.stderr?.on('data', (c) => (output += c));
    await smtp.waitFor(1, 30_000).catch((error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    expect(output).toContain('delivery worker: telling clients by e-mail (SMTP)');
    const mail = smtp.messages[0]!;
    expect(mail.messageId).toBe(queued!.messageId);
    expect(mail.text).toContain('https://zoom.us/j/2');
    const exited = new Promise((resolve) => child?.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const after = await openPgliteStore({ dataDir: data });
    try {
      expect(await new SqlOutbox(after.db).get(queued!.id)).toMatchObject({ status: 'sent' });
    } finally {
      await after.close();
    }
    expect(smtp.messages).toHaveLength(1);
  }, 60_000);

  it('refuses to start with both an SMTP server and a notice webhook, or SMTP without a sender', async () => {
    const run = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, [...node, 'worker'], { cwd: root, env: { ...process.env, DATABASE_URL: '', ...env } }).then(
        () => '',
        (error: { stderr: string }) => error.stderr,
      );
    expect(
      await run({
        SESSION_LINKS_SMTP_URL: 'smtp://127.0.0.1:2525',
        SESSION_LINKS_MAIL_FROM: 'a@b.nl',
        SESSION_LINKS_NOTICE_WEBHOOK_URL: 'http://127.0.0.1/x',
      }),
    ).toContain('notices go one way');
    expect(await run({ SESSION_LINKS_SMTP_URL: 'smtp://127.0.0.1:2525' })).toContain('without SESSION_LINKS_MAIL_FROM');
  }, 60_000);
});
