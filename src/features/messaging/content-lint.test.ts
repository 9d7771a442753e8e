import { describe, expect, it } from 'vitest';
import { hasBlocking, LINT_RULES, lintMessage, type LintInput } from './content-lint.js';

const unsubscribeUrl = 'https://regulars.shop.example/u/1.a.b.e.m.X';

function good(overrides: Partial<LintInput> = {}): LintInput {
  return {
    subject: 'Running low on your house blend?',
    html: `<p>Hi Alice,</p><p>You usually reorder every 8 weeks. <a href="https://shop.example/reorder">Reorder now in one step</a> or visit
<a href="https://www.shop.example/">shop.example</a>.</p><p><a href="${unsubscribeUrl}">Unsubscribe</a></p>`,
    text: `Hi Alice,\n\nYou usually reorder every 8 weeks: https://shop.example/reorder\n\nUnsubscribe: ${unsubscribeUrl}\n`,
    unsubscribeUrl,
    ...overrides,
  };
}

const rules = (input: LintInput) => lintMessage(input).map((f) => `${f.rule}@${f.where}`);

describe('content lint', () => {
  it('finds nothing in a friendly message', () => {
    expect(lintMessage(good())).toEqual([]);
  });

  it('blocks an all-caps subject of 10+ characters and 2+ words, as SpamAssassin scores it', () => {
    const [finding] = lintMessage(good({ subject: 'HUGE SALE TODAY' }));
    expect(finding).toMatchObject({
      rule: 'SUBJECT_ALL_CAPS',
      severity: 'blocking',
      where: 'subject',
      excerpt: 'HUGE SALE TODAY',
    });
    expect(hasBlocking(lintMessage(good({ subject: 'HUGE SALE TODAY' })))).toBe(true);
  });

  it.each([
    ['under 10 characters', 'NEW ROAST'],
    ['one word', 'ANNOUNCEMENT'],
  ])(
    'ignores an all-caps subject %s (SpamAssassin does too), though a long word still counts as shouting',
    (_case, subject) => {
      expect(rules(good({ subject }))).not.toContain('SUBJECT_ALL_CAPS@subject');
    },
  );

  it('warns about a shouted word in a normal subject, but not about codes with digits', () => {
    expect(lintMessage(good({ subject: 'Our BIGGEST sale of the year' }))).toEqual([
      expect.objectContaining({ rule: 'SUBJECT_SHOUTING', severity: 'warning', excerpt: 'BIGGEST' }),
    ]);
    expect(lintMessage(good({ subject: 'Your code WELCOME-BACK-7KQ2 is waiting' }))).toEqual([]);
    expect(lintMessage(good({ subject: 'Welcome to VIP' }))).toEqual([]);
  });

  it('warns about hype phrases in the subject and the body, as whole words', () => {
    const findings = lintMessage(
      good({ subject: 'Act now: 100% free gift inside', text: good().text + '\nClick here, it is guaranteed.\n' }),
    );
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'HYPE_WORDS', where: 'subject', excerpt: 'act now, 100% free, free gift' }),
        expect.objectContaining({ rule: 'HYPE_WORDS', where: 'text', excerpt: 'guaranteed, click here' }),
      ]),
    );
    expect(hasBlocking(findings)).toBe(false);
    expect(rules(good({ text: good().text + 'We unguaranteed nothing; clicked herein.' }))).toEqual([]);
  });

  it('warns about repeated punctuation and money symbols', () => {
    expect(rules(good({ subject: 'Last chance!!' }))).toEqual(['EXCESSIVE_PUNCTUATION@subject']);
    expect(rules(good({ subject: 'Ready for more?!' }))).toEqual(['EXCESSIVE_PUNCTUATION@subject']);
    expect(rules(good({ subject: 'Thanks for your order, Alice!' }))).toEqual([]);
    expect(rules(good({ subject: 'Save $$$ on coffee' }))).toEqual(['MONEY_SYMBOLS@subject']);
    expect(rules(good({ subject: 'From $5 to $50' }))).toEqual(['MONEY_SYMBOLS@subject']);
    expect(rules(good({ text: good().text + 'Save $$$ today!!!' }))).toEqual([
      'EXCESSIVE_PUNCTUATION@text',
      'MONEY_SYMBOLS@text',
    ]);
  });

  it('warns about shouting in the body', () => {
    expect(rules(good({ text: good().text + 'THIS WEEK ONLY: EVERY COFFEE REDUCED' }))).toEqual(['BODY_SHOUTING@text']);
  });

  it('blocks a message without a text part, or an empty HTML part', () => {
    expect(lintMessage(good({ text: '  ' }))).toEqual([
      expect.objectContaining({ rule: 'MISSING_TEXT_PART', severity: 'blocking', where: 'text' }),
    ]);
    expect(rules(good({ html: '' }))).toEqual(['MISSING_HTML_PART@html']);
  });

  it('blocks image-only HTML', () => {
    const html = `<a href="https://shop.example/"><img src="https://shop.example/banner.png" alt=""></a><p><a href="${unsubscribeUrl}">Unsubscribe</a></p>`;
    expect(lintMessage(good({ html }))).toEqual([
      expect.objectContaining({ rule: 'IMAGE_ONLY', severity: 'blocking', where: 'html' }),
    ]);
    // An image beside real words is fine.
    expect(
      rules(
        good({
          html:
            good().html +
            '<img src="https://shop.example/beans.jpg" alt="Beans">' +
            '<p>' +
            'Our beans are roasted weekly. '.repeat(8) +
            '</p>',
        }),
      ),
    ).toEqual([]);
  });

  it('blocks a missing unsubscribe link, per part', () => {
    expect(rules(good({ html: '<p>Hi Alice, see <a href="https://shop.example/">the shop</a>.</p>' }))).toEqual([
      'NO_UNSUBSCRIBE_LINK@html',
    ]);
    expect(rules(good({ text: 'Hi Alice' }))).toEqual(['NO_UNSUBSCRIBE_LINK@text']);
    // With the message's own URL known, another unsubscribe link does not count.
    expect(rules(good({ unsubscribeUrl: 'https://regulars.shop.example/u/other' }))).toEqual([
      'NO_UNSUBSCRIBE_LINK@html',
      'NO_UNSUBSCRIBE_LINK@text',
    ]);
    // Without it, a link that says unsubscribe does.
    expect(rules(good({ unsubscribeUrl: null }))).toEqual([]);
  });

  it('blocks link text that names another domain than the link goes to', () => {
    const html =
      good().html +
      '<p><a href="https://evil.example/login">https://shop.example/account</a> <a href="http://tracker.example/c?u=1">www.shop.example</a></p>';
    expect(lintMessage(good({ html })).filter((f) => f.rule === 'LINK_DOMAIN_MISMATCH')).toEqual([
      expect.objectContaining({
        severity: 'blocking',
        message: 'the link text names shop.example but the link goes to evil.example',
      }),
      expect.objectContaining({ message: 'the link text names www.shop.example but the link goes to tracker.example' }),
    ]);
    // Subdomains of the same site and ordinary words are fine.
    expect(
      rules(
        good({
          html:
            good().html +
            '<a href="https://shop.example/x">Read more on blog.shop.example</a><a href="https://shop.example/">Visit the shop</a>',
        }),
      ),
    ).toEqual([]);
  });

  it('blocks an empty subject', () => {
    expect(rules(good({ subject: ' ' }))).toEqual(['SUBJECT_MISSING@subject']);
  });

  it('lists every rule once with its severity', () => {
    expect(new Set(LINT_RULES.map((r) => r.id)).size).toBe(LINT_RULES.length);
  });

  it('flags a typical spammy message on many counts', () => {
    const spam = lintMessage({
      subject: 'FREE MONEY!!! ACT NOW',
      html: '<center><a href="http://bit.example/x"><img src="http://bit.example/win.gif"></a></center>',
      text: '',
    });
    expect(new Set(spam.map((f) => f.rule))).toEqual(
      new Set([
        'SUBJECT_ALL_CAPS',
        'EXCESSIVE_PUNCTUATION',
        'HYPE_WORDS',
        'MISSING_TEXT_PART',
        'IMAGE_ONLY',
        'NO_UNSUBSCRIBE_LINK',
      ]),
    );
  });
});

describe('the SMS part', () => {
  const email = {
    subject: 'Your code is waiting',
    html: '<p>Hi</p><p><a href="https://shop.example/u/1">Unsubscribe</a></p>',
    text: 'Hi\nUnsubscribe: https://shop.example/u/1\n',
  };
  const sms = (text: string) => lintMessage({ ...email, sms: text }).map((f) => `${f.rule}@${f.where}`);

  it('must fit one SMS: 160 GSM-7 characters, or 70 when a character needs UCS-2', () => {
    const stop = '\nReply STOP to opt out';
    expect(sms(`Shop: ${'a'.repeat(160 - 6 - stop.length)}${stop}`)).toEqual([]);
    expect(sms(`Shop: ${'a'.repeat(161 - 6 - stop.length)}${stop}`)).toEqual(['SMS_TOO_LONG@sms']);
    expect(sms(`Shop: ${'[]'.repeat(70)}${stop}`)).toEqual(['SMS_TOO_LONG@sms']);
    expect(sms(`Shop: it’s here${stop}`)).toEqual([]);
    const curly = lintMessage({ ...email, sms: `Shop: it’s ${'a'.repeat(40)}${stop}` });
    expect(curly).toEqual([
      expect.objectContaining({ rule: 'SMS_TOO_LONG', severity: 'blocking', message: expect.stringMatching(/70 .*’/) }),
    ]);
  });

  it('must say how to opt out, and is linted for hype like the rest', () => {
    expect(sms('Shop: your code is waiting')).toEqual(['SMS_NO_OPT_OUT@sms']);
    expect(sms('Shop: act now!!\nReply STOP to opt out')).toEqual(['HYPE_WORDS@sms', 'EXCESSIVE_PUNCTUATION@sms']);
  });

  it('is required on the SMS channel, never replaced by the email text', () => {
    expect(lintMessage({ ...email, smsRequired: true })).toEqual([
      expect.objectContaining({ rule: 'MISSING_SMS_PART', severity: 'blocking', where: 'sms' }),
    ]);
    expect(lintMessage({ ...email, sms: null })).toEqual([]);
  });
});
