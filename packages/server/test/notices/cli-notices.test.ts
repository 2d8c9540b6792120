import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openPgliteStore } from '../../src/store/sql';
import { calendarOf } from './delivery-suite';
import { type SmtpCatcher, startSmtpCatcher } from './smtp-catcher';

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

  it('with SESSION_LINKS_SMTP_URL and SESSION_LINKS_MAIL_FROM the server e-mails the client a change made over HTTP, rendered from the site template, once', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'session-links-notices-cli-'));
    const data = path.join(dir, 'data');
    smtp = await startSmtpCatcher();
    child = spawn(
      process.execPath,
      [...node, '--data', data, '--port', '0', '--host', '127.0.0.1', '--seed', 'custom-default', '--dev-auth'],
      {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: 'development',
          DATABASE_URL: '',
          SESSION_LINKS_SMTP_URL: smtp.url,
          SESSION_LINKS_NOTICE_SETTLE_SECONDS: '0',
          SESSION_LINKS_MAIL_FROM: 'Studio <studio@example.nl>',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout?.on('data', (c) => (output += c));
    child.stderr?.on('data', (c) => (output += c));
    const deadline = Date.now() + 60_000;
    const listening = () => /listening on (http:\/\/\S+)/.exec(output)?.[1];
    while (!listening()) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server did not start\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const base = listening() as string;
    const S = `${base}/api/session-links/sites/site-studio`;
    const headers = { authorization: 'Bearer dev:owner', 'content-type': 'application/json' };
    const { session } = (await (await fetch(`${S}/sessions/yoga-3`, { headers })).json()) as { session: { version: number } };
    const put = await fetch(`${S}/sessions/yoga-3/link`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ change: { kind: 'custom', link: { url: 'https://whereby.com/yoga-3' } }, version: session.version }),
    });
    expect(put.status, `${await put.clone().text()}\n${output}`).toBe(200);
    await smtp.waitFor(1, 30_000).catch((error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    expect(output).toContain('delivery worker: telling clients by e-mail (SMTP)');
    const mail = smtp.messages[0]!;
    // The site's saved 'booking changed' template, not a plain message; the calendar part updates the invite.
    expect(mail.subject).toBe('Your booking for Morning yoga has changed');
    expect(mail.text).toContain('https://whereby.com/yoga-3');
    expect(calendarOf(mail)).toMatchObject({ method: 'REQUEST', url: 'https://whereby.com/yoga-3' });
    const exited = new Promise((resolve) => child?.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const after = await openPgliteStore({ dataDir: data });
    try {
      const [notice] = await after.notices.outbox.list({ site: 'site-studio' });
      expect(notice).toMatchObject({ status: 'sent', booking: 'b-3' });
      expect(mail.messageId).toBe(notice!.messageId);
    } finally {
      await after.close();
    }
    expect(smtp.messages).toHaveLength(1);
  }, 90_000);

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
