import { RegularsError } from '../../platform/errors.js';
import { regionOfTopicArn } from './sns-message.js';

/**
 * Which bounce feeds a store takes, with what each needs to prove a request is the provider's
 * (docs/integrations.md "Bounces and complaints"). A feed not set here refuses its webhook with
 * WEBHOOK_NOT_CONFIGURED: an endpoint that anyone could post to would let anyone suppress addresses.
 */
export interface BounceFeeds {
  /** Amazon SES via SNS: the topics whose notifications are accepted (SNS signs; the topic says it is ours). */
  readonly ses?: { readonly topicArns: readonly string[] };
  /** Postmark: the basic-auth user and password written into the webhook URL. */
  readonly postmark?: { readonly username: string; readonly password: string };
  /** SendGrid: the Signed Event Webhook's public key; null accepts unsigned posts (signing turned off in SendGrid). */
  readonly sendgrid?: { readonly publicKey: string | null };
  /** Mailgun: the HTTP webhook signing key. */
  readonly mailgun?: { readonly signingKey: string };
}

export const BOUNCE_FEEDS_SETTING = 'bounces.feeds';

/** What the owner asks to change; undefined leaves a feed as it is. */
export interface BounceFeedChanges {
  readonly sesTopicArns?: readonly string[];
  readonly postmark?: { readonly username: string; readonly password: string };
  /** A key, or null for unsigned posts. */
  readonly sendgridPublicKey?: string | null;
  readonly mailgunSigningKey?: string;
  /** Feeds to turn off (applied before the additions). */
  readonly disable?: readonly string[];
}

const FEEDS = ['ses', 'postmark', 'sendgrid', 'mailgun'] as const;

function nonEmpty(value: string, field: string): string {
  const text = value.trim();
  if (text === '') throw new RegularsError('INVALID_ARGUMENT', `${field} is empty`, { field });
  return text;
}

/** Applies the changes to the current feeds; refuses an unknown feed, a malformed topic ARN or an empty secret. */
export function changeBounceFeeds(current: BounceFeeds, changes: BounceFeedChanges): BounceFeeds {
  const next: { -readonly [K in keyof BounceFeeds]: BounceFeeds[K] } = { ...current };
  for (const feed of changes.disable ?? []) {
    if (!(FEEDS as readonly string[]).includes(feed))
      throw new RegularsError(
        'INVALID_ARGUMENT',
        `no bounce feed is called ${feed}; the feeds are ${FEEDS.join(', ')}`,
        {
          field: 'disable',
        },
      );
    delete next[feed as (typeof FEEDS)[number]];
  }
  if (changes.sesTopicArns !== undefined) {
    for (const arn of changes.sesTopicArns) {
      if (regionOfTopicArn(arn) === null)
        throw new RegularsError(
          'INVALID_ARGUMENT',
          `${arn} is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)`,
          {
            field: 'sesTopicArns',
          },
        );
    }
    next.ses = { topicArns: [...new Set([...(next.ses?.topicArns ?? []), ...changes.sesTopicArns])] };
  }
  if (changes.postmark !== undefined) {
    const username = nonEmpty(changes.postmark.username, 'postmark username');
    if (username.includes(':'))
      throw new RegularsError('INVALID_ARGUMENT', 'a basic-auth user name cannot hold ":"', {
        field: 'postmark username',
      });
    next.postmark = { username, password: nonEmpty(changes.postmark.password, 'postmark password') };
  }
  if (changes.sendgridPublicKey !== undefined)
    next.sendgrid = {
      publicKey: changes.sendgridPublicKey === null ? null : nonEmpty(changes.sendgridPublicKey, 'sendgrid public key'),
    };
  if (changes.mailgunSigningKey !== undefined)
    next.mailgun = { signingKey: nonEmpty(changes.mailgunSigningKey, 'mailgun signing key') };
  return next;
}

/** The stored document as feeds; anything unreadable counts as not configured, which refuses rather than accepts. */
export function parseBounceFeeds(stored: unknown): BounceFeeds {
  if (typeof stored !== 'object' || stored === null) return {};
  const value = stored as Record<string, Record<string, unknown> | undefined>;
  const feeds: { -readonly [K in keyof BounceFeeds]: BounceFeeds[K] } = {};
  const ses = value.ses?.topicArns;
  if (Array.isArray(ses) && ses.every((arn) => typeof arn === 'string')) feeds.ses = { topicArns: ses as string[] };
  const { username, password } = value.postmark ?? {};
  if (typeof username === 'string' && typeof password === 'string') feeds.postmark = { username, password };
  const publicKey = value.sendgrid?.publicKey;
  if (value.sendgrid !== undefined && (typeof publicKey === 'string' || publicKey === null))
    feeds.sendgrid = { publicKey };
  const signingKey = value.mailgun?.signingKey;
  if (typeof signingKey === 'string') feeds.mailgun = { signingKey };
  return feeds;
}

/** The feeds as the CLI and API show them: never a secret once set. */
export interface BounceFeedsView {
  readonly ses: { readonly topicArns: readonly string[] } | null;
  readonly postmark: { readonly username: string } | null;
  readonly sendgrid: { readonly signed: boolean } | null;
  readonly mailgun: { readonly configured: true } | null;
}

export function viewOfBounceFeeds(feeds: BounceFeeds): BounceFeedsView {
  return {
    ses: feeds.ses ? { topicArns: feeds.ses.topicArns } : null,
    postmark: feeds.postmark ? { username: feeds.postmark.username } : null,
    sendgrid: feeds.sendgrid ? { signed: feeds.sendgrid.publicKey !== null } : null,
    mailgun: feeds.mailgun ? { configured: true } : null,
  };
}
