import { createVerify, X509Certificate } from 'node:crypto';
import { invalidReport } from './bounce-event.js';

/**
 * An Amazon SNS message as SNS POSTs it to an HTTPS subscription
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html).
 */
export interface SnsMessage {
  readonly Type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  readonly MessageId: string;
  readonly TopicArn: string;
  readonly Subject?: string;
  readonly Message: string;
  readonly Timestamp: string;
  readonly SignatureVersion: string;
  readonly Signature: string;
  readonly SigningCertURL: string;
  readonly SubscribeURL?: string;
  readonly Token?: string;
  readonly UnsubscribeURL?: string;
}

const TYPES = ['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'];

/** Reads the SNS envelope, refusing anything that lacks a field the signature or the handling needs. */
export function parseSnsMessage(body: unknown): SnsMessage {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidReport('ses', '', 'expected the JSON object SNS posts');
  const message = body as Record<string, unknown>;
  const text = (name: string, required = true): void => {
    const value = message[name];
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || (required && value === ''))
      throw invalidReport('ses', `/${name}`, `SNS messages carry ${name} as a string`);
  };
  if (!TYPES.includes(message.Type as string))
    throw invalidReport('ses', '/Type', `expected one of ${TYPES.join(', ')}, found ${JSON.stringify(message.Type)}`);
  for (const name of [
    'MessageId',
    'TopicArn',
    'Message',
    'Timestamp',
    'SignatureVersion',
    'Signature',
    'SigningCertURL',
  ])
    text(name);
  text('Subject', false);
  if (message.Type !== 'Notification') {
    text('SubscribeURL');
    text('Token');
  }
  return message as unknown as SnsMessage;
}

/**
 * The string SNS signs: for each field in this order, present in the message, its name, a newline,
 * its value and a newline (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html).
 * A Notification signs Subject only when it has one; the confirmations sign SubscribeURL and Token.
 */
export function snsStringToSign(message: SnsMessage): string {
  const fields =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  const record = message as unknown as Record<string, string | undefined>;
  return fields
    .filter((name) => record[name] !== undefined)
    .map((name) => `${name}\n${record[name]}\n`)
    .join('');
}

/** The region of a topic ARN, arn:aws:sns:REGION:ACCOUNT:NAME; null when it is not one. */
export function regionOfTopicArn(arn: string): string | null {
  return /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:[\w-]+$/.exec(arn)?.[1] ?? null;
}

/**
 * Whether a URL SNS gave (SigningCertURL, SubscribeURL) is SNS's own in the topic's region:
 * https, host sns.<region>.amazonaws.com, default port. AWS's guidance: a certificate fetched from
 * anywhere else could be the forger's own, making any signature "valid".
 */
export function isSnsUrl(url: string, region: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.hostname === `sns.${region}.amazonaws.com`
  );
}

/**
 * Verifies the message's Signature under the certificate SNS signed with: SignatureVersion 1 is
 * RSA with SHA-1, 2 is RSA with SHA-256. The certificate must be issued for sns.amazonaws.com and
 * valid at `at`; the caller has fetched it from a URL isSnsUrl accepted.
 */
export function verifySnsSignature(message: SnsMessage, certificatePem: string, at: Date): boolean {
  const algorithm =
    message.SignatureVersion === '1' ? 'RSA-SHA1' : message.SignatureVersion === '2' ? 'RSA-SHA256' : null;
  if (algorithm === null) return false;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch {
    return false;
  }
  if (certificate.checkHost('sns.amazonaws.com') === undefined) return false;
  if (at < new Date(certificate.validFrom) || at > new Date(certificate.validTo)) return false;
  return createVerify(algorithm)
    .update(snsStringToSign(message), 'utf8')
    .verify(certificate.publicKey, message.Signature, 'base64');
}
