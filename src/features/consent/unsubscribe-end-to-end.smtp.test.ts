import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEmail } from '../messaging/compose-email.service.js';
import { createSmtpMailer } from '../messaging/mailer.adapter.js';
import { builtInTemplatesDir, loadTemplate } from '../messaging/templates.adapter.js';
import { currentConsent } from './consent.repository.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { isSuppressed } from './suppression.repository.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

const PUBLIC_URL = 'https://regulars.sunnybeans.example';

/** A message composed for a customer, sent over real SMTP, parsed back, and its List-Unsubscribe URL POSTed as a mail client would. */
describe.each(dialects)('unsubscribing from a sent message on %s', (dialect) => {
  const ctx = useTestApp(dialect);
  const inbox: Buffer[] = [];
  let server: SMTPServer;
  let port = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          inbox.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('the List-Unsubscribe URL and the footer link of a delivered message unsubscribe that customer', async () => {
    const { app, database, store } = ctx();
    const customer = await upsertCustomerByExternalId(database.db, store.id, {
      externalId: 'e2e-1',
      email: 'Dana@Example.com',
      firstName: 'Dana',
      lastName: 'Lee',
    });
    const template = await loadTemplate(builtInTemplatesDir(), 'win-back-1');
    const { customer: _sample, unsubscribe_url: _u, preferences_url: _p, ...data } = template.sample!;
    const email = await composeEmail(database.db, {
      storeId: store.id,
      customer,
      template,
      data,
      publicUrl: PUBLIC_URL,
      from: 'Sunny Beans Coffee <hello@sunnybeans.example>',
      idempotencyKey: `win-back:${customer.id}:2026-03`,
      now: '2026-03-03T09:00:00.000Z',
    });
    const mailer = createSmtpMailer({ host: '127.0.0.1', port, timeoutMs: 5_000 });
    await mailer.send(email);
    await mailer.close();

    const parsed = await PostalMime.parse(inbox.at(-1)!);
    expect(parsed.to?.[0]?.name).toBe('Dana Lee');
    expect(parsed.to?.[0]?.address?.toLowerCase()).toBe('dana@example.com');
    expect(parsed.text).toContain('Hi Dana,');
    const header = parsed.headers.find((h) => h.key === 'list-unsubscribe')!.value;
    const url = /<(https:[^>]+)>/.exec(header)![1]!;
    expect(url.startsWith(`${PUBLIC_URL}/u/`)).toBe(true);
    expect(parsed.html).toContain(`href="${url}"`);
    expect(parsed.text).toContain(url);

    const response = await app.inject({
      method: 'POST',
      url: url.slice(PUBLIC_URL.length),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(response.statusCode).toBe(200);
    expect(await isSuppressed(database.db, store.id, 'email', 'dana@example.com')).toBe(true);
    expect(
      (await currentConsent(database.db, store.id, customer.id)).find(
        (c) => c.channel === 'email' && c.purpose === 'marketing',
      )?.status,
    ).toBe('revoked');
  });
});
