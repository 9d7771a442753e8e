import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the test server took it: the envelope and the exact bytes after DATA. */
export interface RawReceived {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: Buffer;
}

export interface RawSmtp {
  readonly port: number;
  readonly received: RawReceived[];
  close(): Promise<void>;
}

/**
 * A real SMTP server in this process, on a free loopback port, that keeps every message byte for
 * byte: a DKIM signature covers the exact header and body bytes, so a test that verifies one
 * needs them as they came over the wire.
 */
export async function rawSmtp(): Promise<RawSmtp> {
  const received: RawReceived[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The unfolded value of the first header of that name, or null. */
export function headerOf(raw: Buffer, name: string): string | null {
  const head = raw
    .toString('utf8')
    .split(/\r?\n\r?\n/, 1)[0]!
    .replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line === undefined ? null : line.slice(name.length + 1).trim();
}
