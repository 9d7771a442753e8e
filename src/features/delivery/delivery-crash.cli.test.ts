import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_SETTING } from './delivery-settings.js';
import { messageIdFor } from '../messaging/email-message.adapter.js';
import { listOutboxMessages } from './outbox.repository.js';
import { planMessages } from './plan-messages.service.js';
import { writeSetting } from '../../platform/stores/store-settings.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { planned, storeWithCustomers } from './delivery.fixtures.js';

const BIN = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'dist',
  'src',
  'platform',
  'cli',
  'main.js',
);
const FROM = 'Crash Shop <shop@crash.example>';
const MESSAGES = 30;
/** The worker is killed when the receiver has the full text of this many messages, before it answers 250. */
const KILL_AT = 12;

interface Received {
  readonly messageId: string;
  readonly to: string;
  readonly raw: string;
}

/** A receiving SMTP server in this process; `onMessage` runs once a message's data is complete, before the 250. */
async function startSmtp(
  onMessage: (received: Received) => void,
): Promise<{ port: number; close: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        const messageId = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw)?.[1] ?? '';
        onMessage({ messageId, to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        callback();
      });
    },
  });
  // A killed worker resets its connections: expected here, not a failure of the server.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function writeTemplate(dir: string): void {
  const folder = join(dir, 'crash-test');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'subject.liquid'), 'Hello {{ customer.email }}');
  writeFileSync(
    join(folder, 'body.html.liquid'),
    '<p>Hello {{ customer.email }}, message {{ n }}.</p><p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>',
  );
  writeFileSync(
    join(folder, 'body.text.liquid'),
    'Hello {{ customer.email }}, message {{ n }}.\nUnsubscribe: {{ unsubscribe_url }}\n',
  );
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, output })));
}

describe.each(dialects)('delivery crash safety on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let templates: string;
  beforeAll(() => {
    templates = mkdtempSync(join(tmpdir(), 'regulars-templates-'));
    writeTemplate(templates);
  });
  afterAll(() => rmSync(templates, { recursive: true, force: true }));

  it('a worker killed (SIGKILL) between acceptance and acknowledgement, then restarted: every message sent, none sent twice but those in flight, and those with the same Message-ID', async () => {
    const { db, target } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, MESSAGES);
    await writeSetting(
      db,
      storeId,
      DELIVERY_SETTING,
      { quietHours: null, frequencyCap: { minHoursBetween: 0, maxPerWindow: 0 } },
      new Date().toISOString(),
    );
    await planMessages(
      db,
      storeId,
      customerIds.map((c, i) =>
        planned(storeId, c, {
          flow: 'campaign',
          triggerKey: 'spring',
          template: 'crash-test',
          data: { n: i },
          sendAt: '2026-01-01T00:00:00Z',
        }),
      ),
      new Date().toISOString(),
    );

    const received: Received[] = [];
    let child: ChildProcess | null = null;
    let killed = false;
    const smtp = await startSmtp((message) => {
      received.push(message);
      // The receiver has the message; the worker has not heard "250" yet, so it cannot have marked it sent.
      if (received.length === KILL_AT && child !== null && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    const worker = () =>
      spawn(
        process.execPath,
        [
          BIN,
          'worker',
          '--store',
          storeId,
          '--once',
          '--concurrency',
          '4',
          '--batch',
          '10',
          '--lease-seconds',
          '2',
          '--templates',
          templates,
          ...dbArgs(target).args,
        ],
        {
          env: {
            ...process.env,
            NO_COLOR: '1',
            DATABASE_URL: '',
            ...dbArgs(target).env,
            REGULARS_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
            REGULARS_MAIL_FROM: FROM,
            REGULARS_PUBLIC_URL: 'https://regulars.crash.example',
          },
        },
      );
    try {
      child = worker();
      const first = await exited(child);
      expect(first.signal, first.output).toBe('SIGKILL');

      const atKill = await listOutboxMessages(db, storeId);
      const inFlight = new Set(atKill.filter((m) => m.status === 'sending').map((m) => m.id));
      const keyOf = new Map(atKill.map((m) => [m.id, m.idempotencyKey]));
      const countFor = (id: string) =>
        received.filter((r) => r.messageId === messageIdFor(keyOf.get(id) as string, FROM)).length;
      // The killed message is in flight: handed to the channel, accepted, not acknowledged. Its batch
      // was marked 'sending' as a whole before any of it was handed over, so at most the batch is.
      expect(inFlight.size).toBeGreaterThanOrEqual(1);
      expect(inFlight.size).toBeLessThanOrEqual(10);
      for (const m of atKill) {
        if (m.status === 'sent') expect(countFor(m.id)).toBe(1);
        if (m.status === 'planned') expect(countFor(m.id)).toBe(0);
      }
      const beforeRestart = received.length;

      // Restart once the killed worker's leases (2 s from its last claim or send) have run out: until
      // then a worker rightly leaves those messages alone.
      const leaseEnd = Math.max(
        ...atKill
          .filter((m) => m.leaseUntil !== null && m.status !== 'sent')
          .map((m) => Date.parse(m.leaseUntil as string)),
      );
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, leaseEnd - Date.now()) + 50));
      child = worker();
      const second = await exited(child);
      expect(second.code, second.output).toBe(0);

      const after = await listOutboxMessages(db, storeId);
      expect(after.map((m) => m.status)).toEqual(new Array(MESSAGES).fill('sent'));
      for (const m of after) {
        const expected = messageIdFor(m.idempotencyKey, FROM);
        expect(m.providerMessageId).toBe(expected);
        // Every message arrived; only one that was in flight at the kill may have arrived twice.
        expect(countFor(m.id)).toBeGreaterThanOrEqual(1);
        if (!inFlight.has(m.id)) expect(countFor(m.id), `${m.id} was not in flight`).toBe(1);
        else expect(countFor(m.id)).toBeLessThanOrEqual(2);
      }
      // Nothing arrived that is not an outbox message, and the resends are bounded by the in-flight set.
      expect(received.length).toBeLessThanOrEqual(MESSAGES + inFlight.size);
      const resent = after.filter((m) => countFor(m.id) === 2);
      expect(resent.every((m) => inFlight.has(m.id))).toBe(true);
      // The message the receiver had when the worker died was sent again, as the same message; only
      // those handed over at the kill can have been, at most the worker's concurrency.
      expect(resent.length).toBeGreaterThanOrEqual(1);
      expect(resent.length).toBeLessThanOrEqual(4);
      expect(received.length).toBe(MESSAGES + resent.length);
      // Messages of the other pooled connections may complete while the kill lands; all are counted above.
      expect(beforeRestart).toBeGreaterThanOrEqual(KILL_AT);
      // A real SMTP round trip: both parts and the RFC 8058 headers.
      const sample = received[0].raw;
      expect(sample).toMatch(/^List-Unsubscribe:\s+<https:\/\/regulars\.crash\.example\/u\/[^>]+>/m);
      expect(sample).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
      expect(sample).toMatch(/multipart\/alternative/);

      const status = await runCli(['outbox', 'status', '--store', storeId, '--json', ...dbArgs(target).args], {
        env: { DATABASE_URL: '', ...dbArgs(target).env },
      });
      expect(status.status, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout)).toEqual([{ flow: 'campaign', status: 'sent', count: MESSAGES }]);
    } finally {
      if (child !== null && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await smtp.close();
    }
  });
});
