import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.js';

describe('messaging configuration', () => {
  it('reads the public URL, SMTP URL, From and mailto once, trimmed', () => {
    const config = loadConfig({
      REGULARS_PUBLIC_URL: ' https://regulars.shop.example/ ',
      REGULARS_SMTP_URL: 'smtps://user:p%40ss@smtp.shop.example:465',
      REGULARS_MAIL_FROM: 'Shop <hello@shop.example>',
      REGULARS_UNSUBSCRIBE_MAILTO: 'unsubscribe@shop.example',
    });
    expect(config.messaging).toEqual({
      publicUrl: 'https://regulars.shop.example',
      smtpUrl: 'smtps://user:p%40ss@smtp.shop.example:465',
      mailFrom: 'Shop <hello@shop.example>',
      unsubscribeMailto: 'unsubscribe@shop.example',
      webhookUrl: null,
      webhookSecret: null,
    });
    expect(Object.isFrozen(config.messaging)).toBe(true);
  });

  it('leaves unset values null and refuses malformed URLs', () => {
    expect(loadConfig({}).messaging).toEqual({
      publicUrl: null,
      smtpUrl: null,
      mailFrom: null,
      unsubscribeMailto: null,
      webhookUrl: null,
      webhookSecret: null,
    });
    expect(
      loadConfig({
        REGULARS_WEBHOOK_URL: 'https://sms.example/hook',
        REGULARS_WEBHOOK_SECRET: 'whsec_0123456789abcdef',
      }).messaging,
    ).toMatchObject({ webhookUrl: 'https://sms.example/hook', webhookSecret: 'whsec_0123456789abcdef' });
    expect(() => loadConfig({ REGULARS_WEBHOOK_URL: 'https://sms.example/hook' })).toThrow(/REGULARS_WEBHOOK_SECRET/);
    expect(() =>
      loadConfig({ REGULARS_WEBHOOK_URL: 'sms.example', REGULARS_WEBHOOK_SECRET: 'whsec_0123456789abcdef' }),
    ).toThrow(/REGULARS_WEBHOOK_URL/);
    expect(() => loadConfig({ REGULARS_PUBLIC_URL: 'regulars.shop.example' })).toThrow(/REGULARS_PUBLIC_URL/);
    expect(() => loadConfig({ REGULARS_SMTP_URL: 'http://smtp.shop.example' })).toThrow(/REGULARS_SMTP_URL/);
  });
});

describe('SpamAssassin check configuration', () => {
  it('defaults to spamassassin on PATH and the limit 5.0; reads a path, off and a limit', () => {
    expect(loadConfig({}).spamCheck).toEqual({ spamAssassin: 'spamassassin', limit: 5 });
    expect(
      loadConfig({ REGULARS_SPAMASSASSIN: ' /opt/sa/bin/spamassassin ', REGULARS_SPAM_LIMIT: '2.5' }).spamCheck,
    ).toEqual({ spamAssassin: '/opt/sa/bin/spamassassin', limit: 2.5 });
    expect(loadConfig({ REGULARS_SPAMASSASSIN: 'off' }).spamCheck).toEqual({ spamAssassin: null, limit: 5 });
    expect(() => loadConfig({ REGULARS_SPAM_LIMIT: 'five' })).toThrow(/REGULARS_SPAM_LIMIT/);
  });
});
