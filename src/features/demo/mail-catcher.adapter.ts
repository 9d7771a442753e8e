import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { CAUGHT_MAIL_ID, type CaughtMail, caughtMailId, decodeEncodedWords, headerFields } from './caught-mail.js';

/** What the demo's mail routes read: the caught messages, newest first, and one raw. */
export interface DemoMailbox {
  list(options: { readonly limit: number }): readonly CaughtMail[];
  /** The message as it arrived (RFC 5322), or null for an unknown id. */
  raw(id: string): Promise<Buffer | null>;
}

export interface MailCatcher extends DemoMailbox {
  /** The loopback port it takes SMTP on. */
  readonly port: number;
  close(): Promise<void>;
}

const INDEX = 'index.jsonl';
/** Far above any message the templates make; a runaway sender cannot fill the disk. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * An SMTP server on 127.0.0.1 that takes every message and sends none on: the demo's worker
 * delivers to it, so nothing leaves the machine. Each message is kept in DIR as <id>.eml, and a
 * line of DIR/index.jsonl says who it was for and its subject; a later demo in the same folder
 * keeps the earlier messages and numbers on from them.
 */
export async function startMailCatcher(dir: string): Promise<MailCatcher> {
  await mkdir(dir, { recursive: true });
  const caught: CaughtMail[] = (await readFile(join(dir, INDEX), 'utf8').catch(() => ''))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CaughtMail);
  // Messages are written one after another, so a crash between the two writes loses none.
  let writing = Promise.resolve();
  const keep = (raw: Buffer, from: string, to: string[]): Promise<void> => {
    const next = writing.then(async () => {
      const fields = headerFields(raw.subarray(0, 64 * 1024).toString('utf8'));
      const mail: CaughtMail = {
        id: caughtMailId(caught.length + 1),
        receivedAt: new Date().toISOString(),
        from,
        to,
        subject: decodeEncodedWords(fields.get('subject') ?? ''),
        messageId: fields.get('message-id') ?? '',
        size: raw.length,
      };
      await writeFile(join(dir, `${mail.id}.eml`), raw);
      await appendFile(join(dir, INDEX), `${JSON.stringify(mail)}\n`);
      caught.push(mail);
    });
    writing = next.catch(() => {});
    return next;
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: MAX_MESSAGE_BYTES,
    banner: 'Regulars demo mail catcher: nothing is sent on',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('5.3.4 message too big'), { responseCode: 552 }));
          return;
        }
        const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        keep(
          Buffer.concat(chunks),
          from,
          session.envelope.rcptTo.map((r) => r.address),
        ).then(
          () => callback(),
          (error: unknown) => callback(error as Error),
        );
      });
    },
  });
  // A client that drops its connection is its own business, not the demo's.
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    list({ limit }) {
      return caught.slice(-limit).reverse();
    },
    async raw(id) {
      if (!CAUGHT_MAIL_ID.test(id) || !caught.some((m) => m.id === id)) return null;
      return readFile(join(dir, `${id}.eml`));
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await writing;
    },
  };
}
