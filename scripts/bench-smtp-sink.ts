// The delivery benchmark's SMTP server in a process of its own, as a host's mail server is:
// a real smtp-server on loopback that keeps each message's Message-ID (no parsing), so the
// benchmark measures the delivery worker, not the server it sends to. Talks to its parent over IPC.
import { startSmtpCatcher } from '../packages/server/test/notices/smtp-catcher';

const catcher = await startSmtpCatcher(undefined, { parse: false });
process.send?.({ type: 'ready', url: catcher.url });
process.on('message', (m: { type: string }) => {
  if (m.type === 'ids') process.send?.({ type: 'ids', ids: catcher.messageIds.splice(0) });
  if (m.type === 'close') void catcher.close().then(() => process.exit(0));
});
