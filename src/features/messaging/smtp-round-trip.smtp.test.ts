import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdFor, type OutgoingEmail } from './email-message.adapter.js';
import { createConsoleMailer, createMailerFromConfig, createSmtpMailer, type Mailer } from './mailer.adapter.js';
import { loadConfig } from '../../platform/config.js';
import { builtInTemplatesDir, loadTemplate, renderMessage } from './templates.adapter.js';
import { RegularsError } from '../../platform/errors.js';

/** A real SMTP server in this process: every message it accepts is kept raw, with its envelope. */
interface Received {
  readonly from: string;
  readonly to: string[];
  readonly raw: Buffer;
}

describe('email over SMTP', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port = 0;
  let mailer: Mailer;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.endsWith('@refused.example'))
          callback(Object.assign(new Error('550 5.1.1 user unknown'), { responseCode: 550 }));
        else callback();
      },
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
    port = (server.server.address() as AddressInfo).port;
    mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, rejectUnauthorized: false, timeoutMs: 5_000 });
  });

  afterAll(async () => {
    await mailer.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function orderConfirmation(
    idempotencyKey: string,
    to = 'Alice Martin <alice@example.com>',
  ): Promise<OutgoingEmail> {
    const template = await loadTemplate(builtInTemplatesDir(), 'order-confirmation');
    const message = await renderMessage(template, template.sample!);
    return {
      from: 'Sunny Beans Coffee <hello@sunnybeans.example>',
      to,
      ...message,
      idempotencyKey,
      unsubscribe: { url: template.sample!.unsubscribe_url as string, mailto: 'unsubscribe@sunnybeans.example' },
    };
  }

  it('delivers both parts with a stable Message-ID and the RFC 8058 headers, parsed back from the wire', async () => {
    const email = await orderConfirmation('flow:order-confirmation:cus_1:ord_1');
    const sent = await mailer.send(email);
    expect(sent.accepted).toEqual(['alice@example.com']);
    expect(sent.response).toMatch(/^250/);
    const wire = received.at(-1)!;
    expect(wire.from).toBe('hello@sunnybeans.example');
    expect(wire.to).toEqual(['alice@example.com']);

    const parsed = await PostalMime.parse(wire.raw);
    const header = (name: string) => parsed.headers.find((h) => h.key === name)?.value;
    expect(parsed.subject).toBe('Thanks for your order #1042, Alice');
    expect(parsed.from).toMatchObject({ address: 'hello@sunnybeans.example', name: 'Sunny Beans Coffee' });
    expect(parsed.messageId).toBe(messageIdFor('flow:order-confirmation:cus_1:ord_1', email.from));
    expect(parsed.messageId).toMatch(/^<[0-9a-f]{40}\.regulars@sunnybeans\.example>$/);
    expect(sent.messageId).toBe(parsed.messageId);
    const listUnsubscribe = header('list-unsubscribe')?.replace(/\s+/g, ' ');
    expect(listUnsubscribe).toBe(
      `<${email.unsubscribe!.url}>, <mailto:unsubscribe@sunnybeans.example?subject=unsubscribe>`,
    );
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(header('content-type')).toMatch(/^multipart\/alternative/);
    expect(parsed.text).toContain('Order #1042, placed on 3 March 2026');
    expect(parsed.text).toContain(`Unsubscribe: ${email.unsubscribe!.url}`);
    expect(parsed.html).toContain(`<a href="${email.unsubscribe!.url}"`);
    expect(parsed.html).toContain('£34.97');
  });

  it('gives a resend the same Message-ID, and another message another', async () => {
    await mailer.send(await orderConfirmation('flow:x:cus_2:t1'));
    await mailer.send(await orderConfirmation('flow:x:cus_2:t1'));
    await mailer.send(await orderConfirmation('flow:x:cus_2:t2'));
    const ids = await Promise.all(received.slice(-3).map(async (r) => (await PostalMime.parse(r.raw)).messageId));
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('sends a transactional message without list headers', async () => {
    await mailer.send({ ...(await orderConfirmation('receipt:1')), unsubscribe: null });
    const parsed = await PostalMime.parse(received.at(-1)!.raw);
    expect(parsed.headers.find((h) => h.key === 'list-unsubscribe')).toBeUndefined();
  });

  it('reports a refused recipient as MAIL_SEND_FAILED with the server’s answer', async () => {
    const error = await mailer
      .send(await orderConfirmation('flow:x:cus_3:t1', 'nobody@refused.example'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegularsError);
    expect(error).toMatchObject({
      code: 'MAIL_SEND_FAILED',
      details: { to: 'nobody@refused.example', responseCode: 550 },
    });
  });

  it('reports an unreachable server as MAIL_SEND_FAILED', async () => {
    const nowhere = createSmtpMailer({ host: '127.0.0.1', port: 1, timeoutMs: 2_000 });
    await expect(nowhere.send(await orderConfirmation('k'))).rejects.toMatchObject({
      code: 'MAIL_SEND_FAILED',
      details: { reason: expect.any(String) },
    });
    await nowhere.close();
  });

  it('the configuration picks SMTP when REGULARS_SMTP_URL is set, the console otherwise', async () => {
    const before = received.length;
    const smtp = createMailerFromConfig(
      loadConfig({ REGULARS_SMTP_URL: `smtp://127.0.0.1:${port}` }).messaging,
      () => {},
    );
    await smtp.send(await orderConfirmation('config:smtp'));
    await smtp.close();
    expect(received.length).toBe(before + 1);
    const written: string[] = [];
    await createMailerFromConfig(loadConfig({}).messaging, (raw) => written.push(raw)).send(
      await orderConfirmation('config:console'),
    );
    expect(written).toHaveLength(1);
    expect(received.length).toBe(before + 1);
  });

  it('the console transport writes the same message it would send', async () => {
    const written: string[] = [];
    const consoleMailer = createConsoleMailer((raw) => written.push(raw));
    const email = await orderConfirmation('flow:console:cus_1:t1');
    const sent = await consoleMailer.send(email);
    expect(sent.messageId).toBe(messageIdFor('flow:console:cus_1:t1', email.from));
    const parsed = await PostalMime.parse(written[0]!);
    expect(parsed.messageId).toBe(sent.messageId);
    expect(parsed.headers.find((h) => h.key === 'list-unsubscribe-post')?.value).toBe('List-Unsubscribe=One-Click');
  });
});
