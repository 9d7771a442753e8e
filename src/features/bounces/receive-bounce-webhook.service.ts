import type { Kysely } from 'kysely';
import { parseJsonLossless } from '../../analytics/ingest/lossless-json.js';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { checkInput, jsonMayHoldNul } from '../../platform/http/input-checks.js';
import { findStore } from '../../platform/stores/store.repository.js';
import type { BounceEvent, BounceProvider } from './bounce-event.js';
import { readBounceFeeds } from './bounce-settings.repository.js';
import type { BounceFeeds } from './bounce-settings.js';
import {
  mailgunEvents,
  postmarkEvents,
  sendGridEvents,
  verifyMailgunSignature,
  verifyPostmarkAuth,
  verifySendGridSignature,
} from './esp-webhooks.js';
import { recordBounceEvents, type RecordBouncesResult } from './record-bounce-events.service.js';
import { sesNotificationEvents } from './ses-notification.js';
import { isSnsUrl, parseSnsMessage, regionOfTopicArn, verifySnsSignature } from './sns-message.js';

/**
 * - processed: the events are recorded (`recorded` may be 0 when the post held no bounce);
 * - duplicate: every event was recorded before;
 * - subscribed: an SNS subscription confirmed (its SubscribeURL called);
 * - confirmation_failed: the SubscribeURL did not answer; `subscribeUrl` is for the owner to open;
 * - ignored: an SNS UnsubscribeConfirmation, nothing to do.
 */
export type BounceWebhookOutcome = 'processed' | 'duplicate' | 'subscribed' | 'confirmation_failed' | 'ignored';

export interface BounceWebhookResult extends RecordBouncesResult {
  readonly outcome: BounceWebhookOutcome;
  readonly subscribeUrl?: string;
}

/** The one thing the SES feed reaches out for: SNS's certificate and subscription URLs, already checked to be SNS's. */
export interface SnsFetcher {
  fetchText(url: string): Promise<string>;
}

const NOTHING = { recorded: 0, duplicates: 0, suppressed: 0, matched: 0 } as const;

async function feedsOf<P extends keyof BounceFeeds>(
  db: Kysely<Database>,
  storeId: string,
  provider: P,
): Promise<{ storeId: string; feed: NonNullable<BounceFeeds[P]> }> {
  const store = await findStore(db, storeId);
  const feed = store === null ? undefined : (await readBounceFeeds(db, store.id))[provider];
  if (store === null || feed === undefined)
    throw new RegularsError(
      'WEBHOOK_NOT_CONFIGURED',
      `store ${storeId} does not exist or has not connected ${provider} bounces (regulars bounces configure)`,
      { storeId, provider },
    );
  return { storeId: store.id, feed: feed as NonNullable<BounceFeeds[P]> };
}

function refused(provider: BounceProvider, message: string): RegularsError {
  return new RegularsError('INVALID_SIGNATURE', message, { provider });
}

function parseBody(rawBody: Buffer): unknown {
  const body = parseJsonLossless(rawBody.toString('utf8'));
  checkInput(body, 'body', { mayHoldNul: jsonMayHoldNul(rawBody) });
  return body;
}

async function record(
  db: Kysely<Database>,
  storeId: string,
  events: readonly BounceEvent[],
  receivedAt: string,
): Promise<BounceWebhookResult> {
  const result = await recordBounceEvents(db, storeId, events, receivedAt);
  const outcome = result.recorded === 0 && result.duplicates > 0 ? 'duplicate' : 'processed';
  return { outcome, ...result };
}

export interface RawWebhook {
  readonly storeId: string;
  /** The body exactly as received: signatures cover these bytes. */
  readonly rawBody: Buffer;
  readonly receivedAt: string;
}

/**
 * Amazon SES notifications delivered by SNS. In this order, so nothing unproven is fetched or
 * written: the store's feed (WEBHOOK_NOT_CONFIGURED); the envelope; its topic among the store's
 * (BOUNCE_SOURCE_NOT_ALLOWED: any AWS account can sign messages of its own topics); the certificate
 * URL on sns.<topic's region>.amazonaws.com, the certificate fetched and the signature checked
 * (INVALID_SIGNATURE); then a SubscriptionConfirmation is confirmed by calling its SubscribeURL, and
 * a Notification's bounces and complaints are recorded under the SNS MessageId.
 */
export async function receiveSesWebhook(
  db: Kysely<Database>,
  input: RawWebhook,
  sns: SnsFetcher,
): Promise<BounceWebhookResult> {
  const { storeId, feed } = await feedsOf(db, input.storeId, 'ses');
  const message = parseSnsMessage(parseBody(input.rawBody));
  if (!feed.topicArns.includes(message.TopicArn))
    throw new RegularsError(
      'BOUNCE_SOURCE_NOT_ALLOWED',
      `the SNS topic ${message.TopicArn} is not one of the store's (regulars bounces configure --ses-topic-arn)`,
      { provider: 'ses', topicArn: message.TopicArn },
    );
  const region = regionOfTopicArn(message.TopicArn) ?? '';
  if (!isSnsUrl(message.SigningCertURL, region))
    throw refused('ses', `SigningCertURL ${message.SigningCertURL} is not on https://sns.${region}.amazonaws.com`);
  const certificate = await sns.fetchText(message.SigningCertURL).catch(() => {
    throw refused('ses', `the signing certificate at ${message.SigningCertURL} could not be fetched`);
  });
  if (!verifySnsSignature(message, certificate, new Date(input.receivedAt)))
    throw refused('ses', "the SNS message's Signature does not match its fields under the signing certificate");
  if (message.Type === 'UnsubscribeConfirmation') return { outcome: 'ignored', ...NOTHING };
  if (message.Type === 'SubscriptionConfirmation') {
    const url = message.SubscribeURL ?? '';
    if (!isSnsUrl(url, region))
      throw refused('ses', `SubscribeURL ${url} is not on https://sns.${region}.amazonaws.com`);
    try {
      await sns.fetchText(url);
      return { outcome: 'subscribed', ...NOTHING };
    } catch {
      return { outcome: 'confirmation_failed', subscribeUrl: url, ...NOTHING };
    }
  }
  const notification = parseJsonLossless(message.Message);
  return record(
    db,
    storeId,
    sesNotificationEvents(notification, message.MessageId, input.receivedAt),
    input.receivedAt,
  );
}

/** Postmark's bounce and spam complaint webhooks, authenticated by the basic auth in their URL. */
export async function receivePostmarkWebhook(
  db: Kysely<Database>,
  input: RawWebhook & { readonly authorization: string | undefined },
): Promise<BounceWebhookResult> {
  const { storeId, feed } = await feedsOf(db, input.storeId, 'postmark');
  if (!verifyPostmarkAuth(input.authorization, feed.username, feed.password))
    throw refused(
      'postmark',
      input.authorization
        ? "the basic-auth user or password does not match the store's Postmark feed"
        : 'the request has no basic auth; put the user and password in the webhook URL',
    );
  return record(db, storeId, postmarkEvents(parseBody(input.rawBody), input.receivedAt), input.receivedAt);
}

/** SendGrid's Event Webhook, its ECDSA signature checked when the store set the public key. */
export async function receiveSendGridWebhook(
  db: Kysely<Database>,
  input: RawWebhook & { readonly signature: string | undefined; readonly timestamp: string | undefined },
): Promise<BounceWebhookResult> {
  const { storeId, feed } = await feedsOf(db, input.storeId, 'sendgrid');
  if (
    feed.publicKey !== null &&
    !verifySendGridSignature(input.rawBody, feed.publicKey, input.signature, input.timestamp)
  )
    throw refused(
      'sendgrid',
      input.signature
        ? "X-Twilio-Email-Event-Webhook-Signature does not match the timestamp and body under the store's SendGrid key"
        : 'the X-Twilio-Email-Event-Webhook-Signature header is missing',
    );
  return record(db, storeId, sendGridEvents(parseBody(input.rawBody), input.receivedAt), input.receivedAt);
}

/** Mailgun's webhooks, signed in the body (signature.timestamp, token, signature). */
export async function receiveMailgunWebhook(db: Kysely<Database>, input: RawWebhook): Promise<BounceWebhookResult> {
  const { storeId, feed } = await feedsOf(db, input.storeId, 'mailgun');
  const body = parseBody(input.rawBody);
  if (!verifyMailgunSignature(body, feed.signingKey))
    throw refused(
      'mailgun',
      "signature.signature does not match timestamp + token under the store's Mailgun signing key",
    );
  return record(db, storeId, mailgunEvents(body, input.receivedAt), input.receivedAt);
}
