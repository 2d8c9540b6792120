/**
 * One delivery run with the site's templates in a process of its own, for the crash test:
 * the test kills it with SIGKILL once the SMTP server has the message, before it can record
 * `sent`. Env: NOTICES_DATABASE_URL, NOTICES_SMTP_URL, NOTICES_NOW (ISO).
 */
import { runDelivery } from '../../src/notices/delivery-worker';
import { storeNoticeRenderer } from '../../src/notices/render';
import { smtpTransport } from '../../src/notices/transports/smtp';
import { openPostgresStore } from '../../src/store/sql';

const store = await openPostgresStore({ connectionString: process.env.NOTICES_DATABASE_URL as string, max: 2 });
const transport = smtpTransport({ url: process.env.NOTICES_SMTP_URL as string, from: 'studio@example.nl' });
const now = () => new Date(process.env.NOTICES_NOW as string);
process.stdout.write('ready\n');
const result = await runDelivery({
  outbox: store.notices.outbox,
  transport,
  render: storeNoticeRenderer(store, { now }),
  now,
  leaseMs: 60_000,
});
process.stdout.write(`${JSON.stringify(result)}\n`);
await transport.close?.();
await store.close();
