import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../analytics/ingest/lossless-json.js';
import {
  arfEmail,
  dsnEmail,
  mailgunEventData,
  postmarkBounceBody,
  postmarkSpamComplaint,
  sendGridEventsBody,
  sesBounce,
  sesComplaint,
} from './bounce-payloads.fixtures.js';
import { deliveryReportEvents } from './delivery-report.js';
import {
  mailgunEvents,
  postmarkEvents,
  sendGridEvents,
  verifyMailgunSignature,
  verifyPostmarkAuth,
  verifySendGridSignature,
} from './esp-webhooks.js';
import { snsNotification, TEST_SNS_CERTIFICATE } from './fake-sns.fixtures.js';
import { sesNotificationEvents } from './ses-notification.js';
import { isSnsUrl, regionOfTopicArn, snsStringToSign, verifySnsSignature } from './sns-message.js';

const AT = '2026-12-08T00:00:00.000Z';
const MID = '<a1b2.regulars@shop.example>';

describe('SNS messages', () => {
  it('builds the string to sign in the documented field order, Subject only when present', () => {
    const message = snsNotification({ notificationType: 'Bounce' }, 'm-1');
    const text = snsStringToSign(message);
    expect(text.startsWith('Message\n{"notificationType":"Bounce"}\nMessageId\nm-1\nTimestamp\n')).toBe(true);
    expect(text.endsWith(`TopicArn\n${message.TopicArn}\nType\nNotification\n`)).toBe(true);
    expect(text).not.toContain('Subject');
    expect(snsStringToSign({ ...message, Subject: 'Amazon SES Email Event Notification' })).toContain(
      'MessageId\nm-1\nSubject\nAmazon SES Email Event Notification\nTimestamp\n',
    );
  });

  it('verifies SignatureVersion 1 and 2, and refuses a tampered field, another version or a certificate not for SNS', () => {
    for (const version of ['1', '2'] as const) {
      const message = snsNotification(sesBounce({ address: 'jane@example.com', messageId: MID }), 'm-2', version);
      expect(verifySnsSignature(message, TEST_SNS_CERTIFICATE, new Date(AT))).toBe(true);
      const tampered = { ...message, Message: message.Message.replace('jane@example.com', 'mary@example.com') };
      expect(verifySnsSignature(tampered, TEST_SNS_CERTIFICATE, new Date(AT))).toBe(false);
      expect(
        verifySnsSignature({ ...message, TopicArn: `${message.TopicArn}x` }, TEST_SNS_CERTIFICATE, new Date(AT)),
      ).toBe(false);
    }
    const message = snsNotification({}, 'm-3', '1');
    expect(verifySnsSignature({ ...message, SignatureVersion: '3' }, TEST_SNS_CERTIFICATE, new Date(AT))).toBe(false);
    expect(verifySnsSignature(message, 'not a certificate', new Date(AT))).toBe(false);
    // Outside the certificate's validity.
    expect(verifySnsSignature(message, TEST_SNS_CERTIFICATE, new Date('2020-01-01T00:00:00Z'))).toBe(false);
  });

  it('accepts certificate URLs on sns.<region>.amazonaws.com over https only', () => {
    expect(regionOfTopicArn('arn:aws:sns:eu-west-1:123456789012:bounces')).toBe('eu-west-1');
    expect(regionOfTopicArn('arn:aws:sqs:eu-west-1:123456789012:bounces')).toBeNull();
    const ok = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem';
    expect(isSnsUrl(ok, 'eu-west-1')).toBe(true);
    expect(isSnsUrl(ok, 'us-east-1')).toBe(false);
    expect(isSnsUrl(ok.replace('https', 'http'), 'eu-west-1')).toBe(false);
    expect(isSnsUrl('https://sns.eu-west-1.amazonaws.com.evil.example/x.pem', 'eu-west-1')).toBe(false);
    expect(isSnsUrl('https://evil.example/sns.eu-west-1.amazonaws.com/x.pem', 'eu-west-1')).toBe(false);
    expect(isSnsUrl('https://sns.eu-west-1.amazonaws.com:8443/x.pem', 'eu-west-1')).toBe(false);
    expect(isSnsUrl('not a url', 'eu-west-1')).toBe(false);
  });
});

describe('SES notifications', () => {
  it('reads a Permanent bounce as a hard bounce, a Transient one as soft, with the Message-ID', () => {
    const [hard] = sesNotificationEvents(sesBounce({ address: 'jane@example.com', messageId: MID }), 'sns-1', AT);
    expect(hard).toMatchObject({
      provider: 'ses',
      eventId: 'sns-1',
      kind: 'hard_bounce',
      address: 'jane@example.com',
      messageId: MID,
      occurredAt: '2016-01-27T14:59:38.237Z',
    });
    expect(hard.detail).toContain('550 5.1.1');
    const [soft] = sesNotificationEvents(
      sesBounce({ address: 'jane@example.com', messageId: MID, bounceType: 'Transient' }),
      'sns-2',
      AT,
    );
    expect(soft.kind).toBe('soft_bounce');
  });

  it('reads a complaint, skips a delivery, and refuses a bounce without recipients', () => {
    expect(
      sesNotificationEvents(sesComplaint({ address: 'richard@example.com', messageId: MID }), 'sns-3', AT),
    ).toEqual([
      expect.objectContaining({ kind: 'complaint', address: 'richard@example.com', detail: 'feedback type abuse' }),
    ]);
    expect(sesNotificationEvents({ notificationType: 'Delivery', mail: {}, delivery: {} }, 'sns-4', AT)).toEqual([]);
    const broken = sesBounce({ address: 'jane@example.com', messageId: MID });
    broken.bounce.bouncedRecipients = [];
    expect(() => sesNotificationEvents(broken, 'sns-5', AT)).toThrow(/bouncedRecipients/);
  });
});

describe('Postmark', () => {
  it('keeps the 64-bit ID exact and reads HardBounce, SoftBounce and SpamComplaint', () => {
    const body = parseJsonLossless(postmarkBounceBody({ id: '4323372036854775807', address: 'john@example.com' }));
    expect(postmarkEvents(body, AT)).toEqual([
      expect.objectContaining({
        eventId: 'Bounce:4323372036854775807',
        kind: 'hard_bounce',
        address: 'john@example.com',
        occurredAt: '2019-11-05T16:33:54.907Z',
      }),
    ]);
    const soft = parseJsonLossless(
      postmarkBounceBody({ id: '42', address: 'john@example.com', type: 'SoftBounce', typeCode: 4096 }),
    );
    expect(postmarkEvents(soft, AT)[0].kind).toBe('soft_bounce');
    expect(postmarkEvents(postmarkSpamComplaint({ id: 43, address: 'john@example.com' }), AT)[0]).toMatchObject({
      kind: 'complaint',
      eventId: 'SpamComplaint:43',
    });
    expect(postmarkEvents({ RecordType: 'Delivery' }, AT)).toEqual([]);
  });

  it('checks the basic auth of the webhook URL', () => {
    const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
    expect(verifyPostmarkAuth(basic('hook:s3cret'), 'hook', 's3cret')).toBe(true);
    expect(verifyPostmarkAuth(basic('hook:wrong'), 'hook', 's3cret')).toBe(false);
    expect(verifyPostmarkAuth(undefined, 'hook', 's3cret')).toBe(false);
    expect(verifyPostmarkAuth('Bearer x', 'hook', 's3cret')).toBe(false);
  });
});

describe('SendGrid', () => {
  it('keeps bounce, deferred and spamreport of the documented post and skips the rest', () => {
    const events = sendGridEvents(
      sendGridEventsBody({ address: 'example@test.com', smtpId: '<14c5d75ce93.dfd.64b469@ismtpd-555>', prefix: 'e' }),
      AT,
    );
    expect(events.map((e) => [e.eventId, e.kind])).toEqual([
      ['e-deferred', 'soft_bounce'],
      ['e-bounce', 'hard_bounce'],
      ['e-spamreport', 'complaint'],
    ]);
    expect(events[1]).toMatchObject({
      messageId: '<14c5d75ce93.dfd.64b469@ismtpd-555>',
      occurredAt: '2017-12-15T00:59:29.000Z',
    });
    const dropped = sendGridEvents(
      [{ email: 'x@test.com', timestamp: 1386636115, reason: 'Bounced Address', event: 'dropped' }],
      AT,
    );
    expect(dropped[0]).toMatchObject({ kind: 'hard_bounce' });
    expect(dropped[0].eventId).toMatch(/^sha256:/);
    expect(() => sendGridEvents({ event: 'bounce' }, AT)).toThrow(/array/);
  });

  it('verifies the ECDSA signature over timestamp + body with the key as SendGrid shows it', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const key = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const body = Buffer.from(
      JSON.stringify(sendGridEventsBody({ address: 'a@test.com', smtpId: '<x@y>', prefix: 's' })),
    );
    const timestamp = '1600112502';
    const signature = sign('sha256', Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('base64');
    expect(verifySendGridSignature(body, key, signature, timestamp)).toBe(true);
    expect(
      verifySendGridSignature(body, publicKey.export({ format: 'pem', type: 'spki' }).toString(), signature, timestamp),
    ).toBe(true);
    expect(
      verifySendGridSignature(
        Buffer.from(body.toString().replace('a@test.com', 'b@test.com')),
        key,
        signature,
        timestamp,
      ),
    ).toBe(false);
    expect(verifySendGridSignature(body, key, signature, '1600112503')).toBe(false);
    expect(verifySendGridSignature(body, key, undefined, timestamp)).toBe(false);
    expect(verifySendGridSignature(body, 'not a key', signature, timestamp)).toBe(false);
  });
});

describe('Mailgun', () => {
  const signed = (eventData: unknown, key: string) => {
    const timestamp = '1529006854';
    const token = 'a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0';
    return {
      signature: {
        timestamp,
        token,
        signature: createHmac('sha256', key)
          .update(timestamp + token)
          .digest('hex'),
      },
      'event-data': eventData,
    };
  };

  it('verifies the HMAC of timestamp + token and refuses another key or a changed token', () => {
    const body = signed(
      mailgunEventData({ id: 'G9Bn5sl1TC6nu79C8C0bwg', address: 'alice@example.com', messageId: 'x@y' }),
      'key-1',
    );
    expect(verifyMailgunSignature(body, 'key-1')).toBe(true);
    expect(verifyMailgunSignature(body, 'key-2')).toBe(false);
    expect(
      verifyMailgunSignature(
        { ...body, signature: { ...body.signature, token: 'b' + body.signature.token.slice(1) } },
        'key-1',
      ),
    ).toBe(false);
    expect(verifyMailgunSignature({ 'event-data': {} }, 'key-1')).toBe(false);
  });

  it('reads failed permanent as hard, temporary as soft, complained as a complaint, with the Message-ID in brackets', () => {
    const hard = mailgunEvents(
      signed(
        mailgunEventData({
          id: 'ev1',
          address: 'alice@example.com',
          messageId: '20130503192659.13651.20287@example.com',
        }),
        'k',
      ),
      AT,
    );
    expect(hard).toEqual([
      expect.objectContaining({
        kind: 'hard_bounce',
        eventId: 'ev1@1521233195.375624',
        messageId: '<20130503192659.13651.20287@example.com>',
      }),
    ]);
    const soft = mailgunEvents(
      signed(
        mailgunEventData({ id: 'ev2', address: 'alice@example.com', messageId: 'm@x', severity: 'temporary' }),
        'k',
      ),
      AT,
    );
    expect(soft[0].kind).toBe('soft_bounce');
    const complaint = mailgunEvents(
      signed(mailgunEventData({ id: 'ev3', address: 'alice@example.com', messageId: 'm@x', event: 'complained' }), 'k'),
      AT,
    );
    expect(complaint[0].kind).toBe('complaint');
    expect(mailgunEvents(signed({ event: 'delivered', id: 'ev4', recipient: 'a@b.c' }, 'k'), AT)).toEqual([]);
  });
});

describe('delivery reports by email', () => {
  it('reads an RFC 3464 DSN: a failed 5.x.x recipient is hard, a delayed one soft, the Message-ID from the returned headers', () => {
    const events = deliveryReportEvents(
      dsnEmail({
        dsnId: '<dsn-1@cs.utk.edu>',
        failed: 'louisl@larry.slip.umd.edu',
        delayed: 'pam@example.org',
        messageId: MID,
      }),
      AT,
    );
    expect(events).toEqual([
      expect.objectContaining({
        provider: 'smtp',
        eventId: '<dsn-1@cs.utk.edu>',
        kind: 'hard_bounce',
        address: 'louisl@larry.slip.umd.edu',
        messageId: MID,
        occurredAt: '1994-07-07T21:15:49.000Z',
      }),
      expect.objectContaining({ kind: 'soft_bounce', address: 'pam@example.org' }),
    ]);
    expect(events?.[0].detail).toBe('failed 5.1.1 smtp; 550 5.1.1 user unknown');
  });

  it('reads an ARF abuse report as a complaint of Original-Rcpt-To', () => {
    expect(
      deliveryReportEvents(
        arfEmail({ reportId: '<arf-1@example.com>', address: 'someone@example.net', messageId: MID }),
        AT,
      ),
    ).toEqual([
      expect.objectContaining({
        kind: 'complaint',
        address: 'someone@example.net',
        messageId: MID,
        detail: 'feedback type abuse',
      }),
    ]);
  });

  it('answers null for an email that is no report, and refuses a delivery-status report without its status part', () => {
    expect(deliveryReportEvents('From: a@b.c\r\nSubject: Out of office\r\n\r\nBack Monday.\r\n', AT)).toBeNull();
    const broken = dsnEmail({ dsnId: '<d@x>', failed: 'a@b.c', delayed: 'd@e.f', messageId: MID }).replace(
      'message/delivery-status',
      'text/plain',
    );
    expect(() => deliveryReportEvents(broken, AT)).toThrow(/message\/delivery-status/);
  });
});
