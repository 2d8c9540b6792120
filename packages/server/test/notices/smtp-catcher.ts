import { createServer } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback (smtp-server) that keeps what it accepts, parsed (mailparser). */
export interface SmtpCatcher {
  port: number;
  url: string;
  messages: ParsedMail[];
  /** The Message-ID header of every message accepted, parsed or not. */
  messageIds: string[];
  /** Addresses it answers RCPT TO with 550. */
  refuse: Set<string>;
  /** Called when a message's DATA has ended, before the server answers 250. */
  onDataEnd?: () => void;
  /** Resolves once `n` messages arrived; fails after `timeoutMs`. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** `parse: false` (the benchmark): keep only the Message-IDs, no mailparser in the loop. */
export async function startSmtpCatcher(port?: number, { parse = true }: { parse?: boolean } = {}): Promise<SmtpCatcher> {
  const messages: ParsedMail[] = [];
  const messageIds: string[] = [];
  const catcher = { refuse: new Set<string>() } as SmtpCatcher;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // The delivery benchmark and the two-worker test open a few pooled connections at once.
    maxClients: 50,
    onRcptTo(address, _session, callback) {
      if (catcher.refuse.has(address.address.toLowerCase()))
        return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        catcher.onDataEnd?.();
        const raw = Buffer.concat(chunks);
        const id = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw.subarray(0, 8192).toString('latin1'))?.[1];
        messageIds.push(id ?? '');
        if (!parse) return callback();
        simpleParser(raw).then((parsed) => {
          messages.push(parsed);
          callback();
        }, callback);
      });
    },
  });
  const listening = port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listening, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined);
  return Object.assign(catcher, {
    port: listening,
    url: `smtp://127.0.0.1:${listening}`,
    messages,
    messageIds,
    async waitFor(n: number, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while ((parse ? messages : messageIds).length < n) {
        if (Date.now() > deadline) throw new Error(`waited for ${n} messages, ${messages.length} arrived`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
