import { describe, expect, it } from 'vitest';
import { hasBlocking, lintMessage, lintTemplateSource } from './content-lint.js';
import { smsSize } from './sms-segment.js';
import { builtInTemplatesDir, listTemplateNames, loadTemplate, renderMessage, renderSms } from './templates.adapter.js';

/** Every micro-moment flow has a built-in template. */
const EXPECTED = [
  'abandoned-cart',
  'birthday',
  'challenge-completed',
  'challenge-offered',
  'csat',
  'first-order-anniversary',
  'membership-renewal',
  'newsletter',
  'nps',
  'order-confirmation',
  'order-follow-up',
  'points-expiring',
  'replenishment-reminder',
  'review-request',
  'tier-reached',
  'upgrade-offer',
  'win-back-1',
  'win-back-2',
];

describe('built-in templates', () => {
  it('cover every micro-moment', async () => {
    expect(await listTemplateNames(builtInTemplatesDir())).toEqual(EXPECTED);
  });

  it.each(EXPECTED)(
    '%s renders strictly with its sample data and passes the lint without blocking findings',
    async (name) => {
      const template = await loadTemplate(builtInTemplatesDir(), name);
      expect(template.sample).not.toBeNull();
      const sample = template.sample!;
      const message = await renderMessage(template, sample);
      expect(message.subject.length).toBeGreaterThan(5);
      expect(message.subject).not.toContain('{{');
      expect(message.html).toContain('<!DOCTYPE html>');
      expect(message.html).not.toMatch(/\{\{|\{%/);
      expect(message.text).not.toMatch(/\{\{|\{%|<[a-z]/);
      expect(message.text).toContain(`Hi Alice,`);
      const unsubscribeUrl = sample.unsubscribe_url as string;
      expect(message.html).toContain(`href="${unsubscribeUrl}"`);
      expect(message.text).toContain(unsubscribeUrl);
      const findings = lintMessage({ ...message, unsubscribeUrl });
      expect(findings).toEqual([]);
      expect(hasBlocking(findings)).toBe(false);
      expect(lintTemplateSource(template)).toEqual([]);
    },
  );

  it.each(EXPECTED)(
    '%s has an SMS part that fits one message, says how to opt out and passes the lint',
    async (name) => {
      const template = await loadTemplate(builtInTemplatesDir(), name);
      const sample = template.sample!;
      for (const firstName of ['Alice', '']) {
        const data = { ...sample, customer: { ...(sample.customer as object), first_name: firstName } };
        const sms = await renderSms(template, data);
        expect(sms).toMatch(/^Sunny Beans Coffee: /);
        expect(sms).toMatch(/\nReply STOP to opt out$/);
        expect(sms).not.toMatch(/email|unsubscribe|\{\{|\{%|\s,/i);
        expect(smsSize(sms)).toMatchObject({ encoding: 'GSM-7', length: expect.any(Number) });
        expect(smsSize(sms).length, sms).toBeLessThanOrEqual(160);
        const message = await renderMessage(template, data);
        expect(
          lintMessage({ ...message, unsubscribeUrl: sample.unsubscribe_url as string, sms, smsRequired: true }),
        ).toEqual([]);
      }
    },
  );

  it.each(EXPECTED)('%s greets a customer without a first name as "there", never "Hi ,"', async (name) => {
    const template = await loadTemplate(builtInTemplatesDir(), name);
    const sample = template.sample!;
    const message = await renderMessage(template, {
      ...sample,
      customer: { ...(sample.customer as object), first_name: '' },
    });
    expect(message.text).toContain('Hi there,');
    expect(message.html).toContain('Hi there,');
    for (const part of [message.subject, message.text, message.html]) expect(part).not.toMatch(/\s,/);
    expect(message.subject).not.toMatch(/^[\s,]|,\s*$/);
  });
});
