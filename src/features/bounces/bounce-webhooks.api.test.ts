import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';
import {
  mailgunEventData,
  postmarkBounceBody,
  postmarkSpamComplaint,
  sendGridEventsBody,
  sesBounce,
  sesComplaint,
} from './bounce-payloads.fixtures.js';
import {
  snsNotification,
  snsSubscriptionConfirmation,
  startFakeSns,
  TEST_TOPIC_ARN,
  type FakeSns,
} from './fake-sns.fixtures.js';

const MAILGUN_KEY = 'mailgun-signing-key';
const { publicKey: SENDGRID_PUBLIC, privateKey: SENDGRID_PRIVATE } = generateKeyPairSync('ec', {
  namedCurve: 'prime256v1',
});
const SENDGRID_KEY = SENDGRID_PUBLIC.export({ format: 'der', type: 'spki' }).toString('base64');
const POSTMARK_AUTH = `Basic ${Buffer.from('hook:pm-secret').toString('base64')}`;

let sns: FakeSns;
beforeAll(async () => {
  sns = await startFakeSns();
});
afterAll(async () => {
  await sns.close();
});

describe.each(dialects)('bounce webhooks on %s', (dialect) => {
  const ctx = useTestApp(dialect, { snsFetcher: { fetchText: (url) => sns.fetcher.fetchText(url) } });
  const db = () => ctx().database.db;
  const storeId = () => ctx().store.id;

  beforeAll(async () => {
    const configured = await ctx().app.inject({
      method: 'PUT',
      url: '/v1/settings/bounces',
      headers: ctx().store.auth,
      payload: {
        sesTopicArns: [TEST_TOPIC_ARN],
        postmark: { username: 'hook', password: 'pm-secret' },
        sendgridPublicKey: SENDGRID_KEY,
        mailgunSigningKey: MAILGUN_KEY,
      },
    });
    expect(configured.statusCode).toBe(200);
    expect(configured.json()).toEqual({
      ses: { topicArns: [TEST_TOPIC_ARN] },
      postmark: { username: 'hook' },
      sendgrid: { signed: true },
      mailgun: { configured: true },
    });
    // A customer with a sent message, so a bounce can find it by its Message-ID.
    const order = await ctx().app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: ctx().store.auth,
      payload: orderBody(),
    });
    expect(order.statusCode).toBeLessThan(300);
    const customer = await db()
      .selectFrom('customers')
      .select('id')
      .where('store_id', '=', storeId())
      .executeTakeFirstOrThrow();
    const now = '2026-01-27T14:00:00.000Z';
    for (const [id, messageId] of [
      ['msg_ses1', '<ses-1.regulars@shop.example>'],
      ['msg_mg1', '<mg-1.regulars@shop.example>'],
    ]) {
      await db()
        .insertInto('outbox_messages')
        .values({
          store_id: storeId(),
          id,
          customer_id: customer.id,
          flow: 'win-back',
          trigger_key: id,
          idempotency_key: id,
          channel: 'email',
          consent_channel: 'email',
          purpose: 'marketing',
          priority: 1,
          template: 'win-back',
          data: '{}',
          planned_send_at: now,
          send_at: now,
          status: 'sent',
          attempts: 1,
          sent_at: now,
          provider_message_id: messageId,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  });

  const post = (provider: string, payload: string, headers: Record<string, string> = {}, store = storeId()) =>
    ctx().app.inject({
      method: 'POST',
      url: `/webhooks/bounces/${provider}/${store}`,
      headers: { 'content-type': 'application/json', ...headers },
      payload,
    });

  const suppressionsOf = (address: string) =>
    db()
      .selectFrom('suppressions')
      .select(['reason', 'source', 'customer_id'])
      .where('store_id', '=', storeId())
      .where('address', '=', address)
      .execute();
  const eventsOf = (address: string) =>
    db()
      .selectFrom('bounce_events')
      .selectAll()
      .where('store_id', '=', storeId())
      .where('address', '=', address)
      .execute();
  const outbox = (id: string) =>
    db()
      .selectFrom('outbox_messages')
      .select(['status', 'reason'])
      .where('store_id', '=', storeId())
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('SES: a signed hard bounce suppresses, marks the outbox message, and a redelivery changes nothing', async () => {
    // SNS posts its JSON as text/plain.
    const body = JSON.stringify(
      snsNotification(
        sesBounce({ address: 'Alice@Example.com', messageId: '<ses-1.regulars@shop.example>' }),
        'sns-hard-1',
        '2',
      ),
    );
    const first = await post('ses', body, {
      'content-type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': 'Notification',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ outcome: 'processed', recorded: 1, duplicates: 0, suppressed: 1, matched: 1 });
    const [suppression] = await suppressionsOf('alice@example.com');
    expect(suppression).toMatchObject({ reason: 'bounced', source: 'ses' });
    expect(suppression.customer_id).not.toBeNull();
    expect(await outbox('msg_ses1')).toMatchObject({
      status: 'sent',
      reason: expect.stringMatching(/^hard bounce \(ses\): Permanent\/General 5\.1\.1/),
    });
    const again = await post('ses', body, { 'content-type': 'text/plain; charset=UTF-8' });
    expect(again.json()).toEqual({ outcome: 'duplicate', recorded: 0, duplicates: 1, suppressed: 0, matched: 0 });
    expect(await eventsOf('alice@example.com')).toHaveLength(1);
  });

  it('SES: a soft bounce is recorded and suppresses nothing; a complaint suppresses', async () => {
    const soft = JSON.stringify(
      snsNotification(
        sesBounce({ address: 'soft@example.com', messageId: '<none@x>', bounceType: 'Transient' }),
        'sns-soft-1',
      ),
    );
    expect((await post('ses', soft)).json()).toMatchObject({
      outcome: 'processed',
      recorded: 1,
      suppressed: 0,
      matched: 0,
    });
    expect(await suppressionsOf('soft@example.com')).toEqual([]);
    expect(await eventsOf('soft@example.com')).toEqual([
      expect.objectContaining({ kind: 'soft_bounce', provider: 'ses' }),
    ]);
    const complaint = JSON.stringify(
      snsNotification(sesComplaint({ address: 'richard@example.com', messageId: '<none@x>' }), 'sns-complaint-1'),
    );
    expect((await post('ses', complaint)).json()).toMatchObject({ recorded: 1, suppressed: 1 });
    expect(await suppressionsOf('richard@example.com')).toEqual([expect.objectContaining({ reason: 'complained' })]);
  });

  it('SES: refuses a tampered message, a certificate off SNS and a topic the store did not list, recording nothing', async () => {
    const signed = snsNotification(sesBounce({ address: 'tamper@example.com', messageId: '<none@x>' }), 'sns-t-1');
    const tampered = await post(
      'ses',
      JSON.stringify({ ...signed, Message: signed.Message.replace('tamper@', 'victim@') }),
    );
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().error).toMatchObject({ code: 'INVALID_SIGNATURE', details: { provider: 'ses' } });
    const offHost = await post(
      'ses',
      JSON.stringify({ ...signed, SigningCertURL: 'https://attacker.example/sns.pem' }),
    );
    expect(offHost.statusCode).toBe(401);
    const otherTopic = await post(
      'ses',
      JSON.stringify({ ...signed, TopicArn: 'arn:aws:sns:us-east-1:999999999999:theirs' }),
    );
    expect(otherTopic.statusCode).toBe(403);
    expect(otherTopic.json().error.code).toBe('BOUNCE_SOURCE_NOT_ALLOWED');
    expect(await eventsOf('tamper@example.com')).toEqual([]);
    expect(await eventsOf('victim@example.com')).toEqual([]);
    expect(sns.requests.some((r) => r.includes('attacker'))).toBe(false);
  });

  it('SES: confirms a subscription by calling its SubscribeURL on SNS', async () => {
    const answer = await post('ses', JSON.stringify(snsSubscriptionConfirmation('sns-sub-1')), {
      'x-amz-sns-message-type': 'SubscriptionConfirmation',
    });
    expect(answer.json()).toMatchObject({ outcome: 'subscribed', recorded: 0 });
    expect(sns.requests.some((r) => r.startsWith('/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1'))).toBe(
      true,
    );
  });

  it('Postmark: basic auth required; HardBounce and SpamComplaint suppress, SoftBounce does not; redelivery is a duplicate', async () => {
    const hard = postmarkBounceBody({ id: '4323372036854775807', address: 'pm-hard@example.com' });
    const noAuth = await post('postmark', hard);
    expect(noAuth.statusCode).toBe(401);
    expect(noAuth.json().error.code).toBe('INVALID_SIGNATURE');
    const wrong = await post('postmark', hard, {
      authorization: `Basic ${Buffer.from('hook:guess').toString('base64')}`,
    });
    expect(wrong.statusCode).toBe(401);
    expect(await eventsOf('pm-hard@example.com')).toEqual([]);
    expect((await post('postmark', hard, { authorization: POSTMARK_AUTH })).json()).toMatchObject({
      outcome: 'processed',
      suppressed: 1,
    });
    expect((await post('postmark', hard, { authorization: POSTMARK_AUTH })).json()).toMatchObject({
      outcome: 'duplicate',
    });
    expect((await eventsOf('pm-hard@example.com'))[0].event_key).toBe(
      'postmark:Bounce:4323372036854775807:pm-hard@example.com',
    );
    const soft = postmarkBounceBody({ id: '77', address: 'pm-soft@example.com', type: 'SoftBounce', typeCode: 4096 });
    expect((await post('postmark', soft, { authorization: POSTMARK_AUTH })).json()).toMatchObject({
      recorded: 1,
      suppressed: 0,
    });
    const spam = JSON.stringify(postmarkSpamComplaint({ id: 78, address: 'pm-spam@example.com' }));
    expect((await post('postmark', spam, { authorization: POSTMARK_AUTH })).json()).toMatchObject({ suppressed: 1 });
    expect(await suppressionsOf('pm-spam@example.com')).toEqual([
      expect.objectContaining({ reason: 'complained', source: 'postmark' }),
    ]);
  });

  it('SendGrid: a signed post records bounce, deferred and spamreport; a tampered one is refused', async () => {
    const body = JSON.stringify(
      sendGridEventsBody({ address: 'sg@example.com', smtpId: '<sg-1@ismtpd-555>', prefix: `sg-${dialect}` }),
    );
    const timestamp = '1700000000';
    const signature = sign('sha256', Buffer.from(timestamp + body), SENDGRID_PRIVATE).toString('base64');
    const headers = {
      'x-twilio-email-event-webhook-signature': signature,
      'x-twilio-email-event-webhook-timestamp': timestamp,
    };
    const tampered = await post('sendgrid', body.replaceAll('sg@example.com', 'sg-victim@example.com'), headers);
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().error).toMatchObject({ code: 'INVALID_SIGNATURE', details: { provider: 'sendgrid' } });
    expect((await post('sendgrid', body, headers)).json()).toEqual({
      outcome: 'processed',
      recorded: 3,
      duplicates: 0,
      suppressed: 2,
      matched: 0,
    });
    expect((await post('sendgrid', body, headers)).json()).toMatchObject({ outcome: 'duplicate', duplicates: 3 });
    expect((await suppressionsOf('sg@example.com')).map((s) => s.reason).sort()).toEqual(['bounced', 'complained']);
  });

  it('Mailgun: the HMAC is checked; failed permanent suppresses and marks the message, temporary does not', async () => {
    const timestamp = '1529006854';
    const token = 'a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0';
    const signature = createHmac('sha256', MAILGUN_KEY)
      .update(timestamp + token)
      .digest('hex');
    const body = (eventData: unknown, sig = signature) =>
      JSON.stringify({ signature: { timestamp, token, signature: sig }, 'event-data': eventData });
    const hard = mailgunEventData({
      id: 'mg-ev-1',
      address: 'mg@example.com',
      messageId: 'mg-1.regulars@shop.example',
    });
    const forged = await post(
      'mailgun',
      body(
        hard,
        createHmac('sha256', 'guess')
          .update(timestamp + token)
          .digest('hex'),
      ),
    );
    expect(forged.statusCode).toBe(401);
    expect((await post('mailgun', body(hard))).json()).toMatchObject({
      outcome: 'processed',
      suppressed: 1,
      matched: 1,
    });
    expect(await outbox('msg_mg1')).toMatchObject({ reason: expect.stringMatching(/^hard bounce \(mailgun\)/) });
    const temporary = mailgunEventData({
      id: 'mg-ev-2',
      address: 'mg-temp@example.com',
      messageId: 'x@y',
      severity: 'temporary',
    });
    expect((await post('mailgun', body(temporary))).json()).toMatchObject({ recorded: 1, suppressed: 0 });
  });

  it('refuses a feed the store has not connected, and a malformed payload with VALIDATION_FAILED', async () => {
    const other = await post('mailgun', '{}', {}, ctx().otherStore.id);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('WEBHOOK_NOT_CONFIGURED');
    const bad = await post('postmark', JSON.stringify({ RecordType: 'Bounce', ID: 1, Type: 'HardBounce' }), {
      authorization: POSTMARK_AUTH,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { provider: 'postmark', path: '/Email' },
    });
  });

  it('lists the recorded bounces over the API, and disconnecting a feed refuses its webhook', async () => {
    const list = await ctx().app.inject({
      method: 'GET',
      url: '/v1/bounces?address=ALICE@example.com',
      headers: ctx().store.auth,
    });
    expect(list.json().bounces).toEqual([
      expect.objectContaining({ provider: 'ses', kind: 'hard_bounce', outboxMessageId: 'msg_ses1' }),
    ]);
    const off = await ctx().app.inject({
      method: 'PUT',
      url: '/v1/settings/bounces',
      headers: ctx().store.auth,
      payload: { disable: ['postmark'] },
    });
    expect(off.json().postmark).toBeNull();
    const refused = await post('postmark', postmarkBounceBody({ id: '99', address: 'late@example.com' }), {
      authorization: POSTMARK_AUTH,
    });
    expect(refused.statusCode).toBe(404);
  });
});
