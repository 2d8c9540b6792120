/**
 * One delivery run in a process of its own, for the crash test: the test kills it with
 * SIGKILL when the SMTP server has the message, before it can record `sent`.
 * Env: NOTICES_DATABASE_URL, NOTICES_SMTP_URL.
 */
import { runDelivery } from '../../src/notices/delivery-worker';
import { SqlOutbox } from '../../src/notices/outbox-sql';
import { smtpTransport } from '../../src/notices/transports/smtp';
import { openPostgresStore } from '../../src/store/sql';
import { dutchRender } from './suite';

const store = await openPostgresStore({ connectionString: process.env.NOTICES_DATABASE_URL as string, max: 2 });
const transport = smtpTransport({ url: process.env.NOTICES_SMTP_URL as string, from: 'studio@example.nl' });
process.stdout.write('ready\n');
const result = await runDelivery({ outbox: new SqlOutbox(store.db), transport, render: dutchRender, leaseMs: 60_000 });
process.stdout.write(`${JSON.stringify(result)}\n`);
await transport.close?.();
await store.close();
