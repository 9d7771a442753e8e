import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message the test server took: its Message-ID header and its envelope recipients. */
export interface ReceivedEmail {
  readonly messageId: string;
  readonly to: readonly string[];
}

/**
 * A real SMTP server on a fixed loopback port that a test can stop (connections are then refused),
 * start again, or keep up while it answers every connection with `421` (busy). Recipients that
 * `refuse` names are answered `550 5.1.1` at RCPT TO.
 */
export interface SwitchableSmtp {
  readonly port: number;
  readonly received: ReceivedEmail[];
  /** Listen (again); the greeting is 220, or 421 with { busy: true }. */
  start(options?: { readonly busy?: boolean }): Promise<void>;
  /** Stop listening and drop every open connection: the next connection is refused. */
  stop(): Promise<void>;
}

/** A loopback port nothing listens on (yet). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function switchableSmtp(refuse: (address: string) => boolean = () => false): Promise<SwitchableSmtp> {
  const port = await freePort();
  const received: ReceivedEmail[] = [];
  let server: SMTPServer | null = null;
  return {
    port,
    received,
    async start(options = {}) {
      if (server !== null) throw new Error('the SMTP server is already listening');
      const busy = options.busy === true;
      const next = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        maxClients: 50,
        closeTimeout: 50,
        onConnect(_session, callback) {
          if (busy) callback(Object.assign(new Error('4.3.2 Service not available, try later'), { responseCode: 421 }));
          else callback();
        },
        onRcptTo(address, _session, callback) {
          if (refuse(address.address)) callback(Object.assign(new Error('5.1.1 user unknown'), { responseCode: 550 }));
          else callback();
        },
        onData(stream, session, callback) {
          let head = '';
          stream.on('data', (chunk: Buffer) => {
            if (head.length < 16_384) head += chunk.toString('utf8');
          });
          stream.on('end', () => {
            const header = head.split(/\r?\n\r?\n/, 1)[0];
            received.push({
              messageId: /^Message-ID:\s*(\S+)/im.exec(header)?.[1] ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
            });
            callback();
          });
        },
      });
      // A client dropped by stop() is expected here, not a failure of the test.
      next.on('error', () => {});
      await new Promise<void>((resolve, reject) => {
        next.server.once('error', reject);
        next.listen(port, '127.0.0.1', () => resolve());
      });
      server = next;
    },
    async stop() {
      const current = server;
      server = null;
      if (current !== null) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
  };
}
