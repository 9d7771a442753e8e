import type { Kysely } from 'kysely';
import { deleteSuppression, normalizeAddress, recordConsent, recordSuppression } from '../consent/index.js';
import { normalizePhone } from '../customers/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { RegularsError } from '../../platform/errors.js';
import { keywordOf, type SmsKeyword } from './sms-keyword.js';
import { findSmsSettings } from './sms-settings.repository.js';
import { claimInboundSms, customersWithPhone } from './inbound-sms.repository.js';
import { verifyTwilioSignature } from './twilio-signature.js';

export interface InboundSms {
  readonly storeId: string;
  /** The full URL Twilio called, as configured in its console (the signature covers it). */
  readonly url: string;
  readonly signature: string | undefined;
  /** The form body's parameters, in the order received. */
  readonly params: readonly (readonly [string, string])[];
  readonly now: string;
}

export interface InboundSmsResult {
  /** 'ignored': not a keyword (a reply to read by a person; Regulars keeps no inbox). */
  readonly outcome: 'stop' | 'start' | 'help' | 'ignored' | 'duplicate';
  /** How many of the store's customers have the sender's number (their consent changed). */
  readonly customers: number;
  /** The text to answer with (the store's helpReply for HELP), or null. */
  readonly reply: string | null;
}

function param(params: InboundSms['params'], name: string): string | undefined {
  return params.find(([key]) => key === name)?.[1];
}

/**
 * An SMS sent to the store's number (Twilio's incoming message webhook,
 * https://www.twilio.com/docs/messaging/guides/webhook-request), verified with X-Twilio-Signature
 * and the store's auth token before anything is read. STOP revokes the sender's marketing SMS
 * consent (every customer with that number) and adds the number to the suppression list, so no
 * marketing SMS goes to it even for a customer not yet known by that number; START (UNSTOP, YES)
 * grants it again and lifts the suppression (the carrier and Twilio resume delivery on START too);
 * HELP answers the store's helpReply. Email consent is never touched: each channel has its own.
 * One MessageSid has its effect once, however often Twilio redelivers it.
 */
export async function receiveInboundSms(db: Kysely<Database>, inbound: InboundSms): Promise<InboundSmsResult> {
  const { storeId, params, now } = inbound;
  const settings = await findSmsSettings(db, storeId);
  if (settings === null)
    throw new RegularsError('WEBHOOK_NOT_CONFIGURED', `store ${storeId} has no SMS account (regulars sms configure)`, {
      storeId,
    });
  if (!verifyTwilioSignature(settings.authToken, inbound.signature, inbound.url, params))
    throw new RegularsError(
      'INVALID_SIGNATURE',
      `X-Twilio-Signature is missing or does not match ${inbound.url} and the form signed with the store's auth token`,
      { header: 'X-Twilio-Signature', url: inbound.url },
    );
  const messageSid = param(params, 'MessageSid') ?? param(params, 'SmsSid');
  const from = param(params, 'From');
  if (messageSid === undefined || messageSid === '' || from === undefined || from === '')
    throw new RegularsError('INVALID_ARGUMENT', 'an inbound SMS needs MessageSid and From', {
      field: messageSid === undefined || messageSid === '' ? 'MessageSid' : 'From',
    });
  const keyword = keywordOf(param(params, 'Body') ?? '', param(params, 'OptOutType'));
  if (keyword === null) return { outcome: 'ignored', customers: 0, reply: null };

  return inTransaction(db, async (trx) => {
    if (!(await claimInboundSms(trx, storeId, messageSid, keyword, now)))
      return { outcome: 'duplicate' as const, customers: 0, reply: null };
    const phoneKey = normalizePhone(from);
    const customerIds = phoneKey === null ? [] : await customersWithPhone(trx, storeId, phoneKey);
    if (keyword === 'help') return { outcome: keyword, customers: customerIds.length, reply: settings.helpReply };
    await applyKeyword(trx, storeId, keyword, from, customerIds, messageSid, now);
    return { outcome: keyword, customers: customerIds.length, reply: null };
  });
}

async function applyKeyword(
  trx: Kysely<Database>,
  storeId: string,
  keyword: Exclude<SmsKeyword, 'help'>,
  from: string,
  customerIds: readonly string[],
  messageSid: string,
  now: string,
): Promise<void> {
  for (const customerId of customerIds)
    await recordConsent(trx, storeId, customerId, {
      channel: 'sms',
      purpose: 'marketing',
      status: keyword === 'stop' ? 'revoked' : 'granted',
      source: 'sms_keyword',
      recordedAt: now,
      ip: null,
      doubleOptInAt: null,
    });
  if (keyword === 'stop')
    await recordSuppression(
      trx,
      storeId,
      {
        channel: 'sms',
        address: from,
        reason: 'unsubscribed',
        customerId: customerIds[0] ?? null,
        source: 'sms_keyword',
        detail: `replied STOP (${messageSid})`,
        occurredAt: now,
      },
      now,
    );
  else
    await deleteSuppression(trx, storeId, {
      channel: 'sms',
      address: normalizeAddress('sms', from),
      reason: 'unsubscribed',
    });
}
