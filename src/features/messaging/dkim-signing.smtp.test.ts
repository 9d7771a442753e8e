import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.js';
import { dkimFailure, parseTags } from './dkim-verify.fixtures.js';
import { createMailerFromConfig } from './mailer.adapter.js';
import { headerOf, type RawSmtp, rawSmtp } from './raw-smtp.fixtures.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('DKIM signing over SMTP', () => {
  let smtp: RawSmtp;
  let keyFile: string;

  beforeAll(async () => {
    smtp = await rawSmtp();
    keyFile = join(mkdtempSync(join(tmpdir(), 'regulars-dkim-')), 'dkim.pem');
    writeFileSync(keyFile, privatePem, { mode: 0o600 });
  });
  afterAll(() => smtp.close());

  async function sendSigned(env: Record<string, string>) {
    const config = loadConfig({
      REGULARS_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      REGULARS_MAIL_FROM: 'Sunny Beans <hello@sunnybeans.example>',
      ...env,
    });
    const mailer = createMailerFromConfig(config.messaging, () => {}, config.dkim);
    try {
      await mailer.send({
        from: config.messaging.mailFrom!,
        to: 'alice@example.com',
        replyTo: 'Help <help@sunnybeans.example>',
        subject: 'Your beans are on their way',
        text: 'Hello Alice,\n\nyour order   is on its way.  \n\n',
        html: '<p>Hello Alice,</p><p>your order is on its way.</p>',
        idempotencyKey: `dkim-test-${smtp.received.length}`,
        unsubscribe: { url: 'https://regulars.sunnybeans.example/u/abc' },
      });
    } finally {
      await mailer.close();
    }
    return smtp.received.at(-1)!.raw;
  }

  it('signs with the key file, the From domain and the selector; the signature verifies (RFC 6376, independent verifier)', async () => {
    const raw = await sendSigned({ REGULARS_DKIM_PRIVATE_KEY_FILE: keyFile, REGULARS_DKIM_SELECTOR: 'regulars1' });
    const tags = parseTags(headerOf(raw, 'DKIM-Signature')!);
    expect(tags).toMatchObject({
      v: '1',
      a: 'rsa-sha256',
      c: 'relaxed/relaxed',
      d: 'sunnybeans.example',
      s: 'regulars1',
    });
    // The headers DMARC and the reader care about are covered.
    expect(tags.h!.toLowerCase().split(':')).toEqual(
      expect.arrayContaining(['from', 'to', 'subject', 'reply-to', 'message-id', 'date', 'list-unsubscribe']),
    );
    expect(dkimFailure(raw, publicKey)).toBeNull();
    expect(headerOf(raw, 'Reply-To')).toBe('Help <help@sunnybeans.example>');
  });

  it('refuses a tampered body, a tampered signed header and the wrong key', async () => {
    const raw = await sendSigned({ REGULARS_DKIM_PRIVATE_KEY_FILE: keyFile, REGULARS_DKIM_SELECTOR: 'regulars1' });
    const text = raw.toString('binary');
    expect(dkimFailure(Buffer.from(text.replace('Hello Alice', 'Hello Mallory'), 'binary'), publicKey)).toBe(
      'body hash mismatch',
    );
    expect(
      dkimFailure(Buffer.from(text.replace('Subject: Your beans', 'Subject: Your bEans'), 'binary'), publicKey),
    ).toBe('signature does not verify');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    expect(dkimFailure(raw, other)).toBe('signature does not verify');
  });

  it('takes the key inline (one line with \\n) and an explicit domain', async () => {
    const raw = await sendSigned({
      REGULARS_DKIM_PRIVATE_KEY: privatePem.replace(/\n/g, '\\n'),
      REGULARS_DKIM_SELECTOR: 'mail2026',
      REGULARS_DKIM_DOMAIN: 'Mail.SunnyBeans.example',
    });
    expect(parseTags(headerOf(raw, 'DKIM-Signature')!)).toMatchObject({ d: 'mail.sunnybeans.example', s: 'mail2026' });
    expect(dkimFailure(raw, createPublicKey(privatePem))).toBeNull();
  });

  it('sends unsigned without a key, and refuses a half or wrong DKIM configuration at start', async () => {
    const raw = await sendSigned({});
    expect(headerOf(raw, 'DKIM-Signature')).toBeNull();
    expect(() => loadConfig({ REGULARS_DKIM_SELECTOR: 's1' })).toThrow(/REGULARS_DKIM_PRIVATE_KEY_FILE/);
    expect(() => loadConfig({ REGULARS_DKIM_PRIVATE_KEY_FILE: keyFile })).toThrow(/REGULARS_DKIM_SELECTOR/);
    expect(() =>
      loadConfig({ REGULARS_DKIM_PRIVATE_KEY_FILE: join(tmpdir(), 'no-such-dkim.pem'), REGULARS_DKIM_SELECTOR: 's1' }),
    ).toThrow(/cannot be read/);
    expect(() => loadConfig({ REGULARS_DKIM_PRIVATE_KEY: 'not a key', REGULARS_DKIM_SELECTOR: 's1' })).toThrow(
      /not an RSA private key/,
    );
    // No domain: neither REGULARS_DKIM_DOMAIN nor a From to take it from.
    expect(() => loadConfig({ REGULARS_DKIM_PRIVATE_KEY_FILE: keyFile, REGULARS_DKIM_SELECTOR: 's1' })).toThrow(
      /REGULARS_DKIM_DOMAIN/,
    );
  });
});
