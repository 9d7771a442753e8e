import type { Kysely } from 'kysely';
import type { ConsentChannel } from './consent.js';
import { CONSENT_CHANNELS } from './consent.js';
import type { Customer } from '../customers/index.js';
import { RegularsError } from '../../platform/errors.js';
import { normalizeAddress } from './suppression.js';
import {
  parseUnsubscribeToken,
  signUnsubscribeToken,
  type UnsubscribeScope,
  verifyUnsubscribeToken,
} from './unsubscribe-token.js';
import { currentConsent } from './consent.repository.js';
import { recordConsent } from './record-consent.service.js';
import { findCustomer, lockCustomer } from '../customers/index.js';
import { recordDerivedEvent } from '../events/index.js';
import { deleteSuppression, recordSuppression } from './suppression.repository.js';
import { findUnsubscribeSecret, unsubscribeSecret } from '../../platform/stores/store-secret.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

/**
 * Unsubscribe links and what they do (docs/messaging.md "Unsubscribe"): the send pipeline asks for
 * a message's links; the one-click POST and the preference page apply the customer's choice at once:
 * a consent record (the proof), a suppression (what every send checks), and an 'unsubscribed'
 * customer event (what flows and reports react to), in one transaction.
 */
export interface UnsubscribeLinks {
  readonly token: string;
  /** `${publicUrl}/u/${token}`: the List-Unsubscribe URL and the link in the footer. */
  readonly unsubscribeUrl: string;
  /** `${publicUrl}/preferences/${token}` */
  readonly preferencesUrl: string;
}

export async function unsubscribeLinks(
  db: Kysely<Database>,
  input: {
    readonly storeId: string;
    readonly customerId: string;
    readonly channel?: string;
    readonly purpose?: string;
    readonly publicUrl: string;
    readonly now: string;
    /** The store's secret as the caller read it just now (with the send checks); null or left out: read (or made) here. */
    readonly secret?: Buffer | null;
  },
): Promise<UnsubscribeLinks> {
  const secret = input.secret ?? (await unsubscribeSecret(db, input.storeId, input.now));
  const token = signUnsubscribeToken(secret, {
    storeId: input.storeId,
    customerId: input.customerId,
    channel: input.channel ?? 'email',
    purpose: input.purpose ?? 'marketing',
  });
  const base = input.publicUrl.replace(/\/+$/, '');
  return { token, unsubscribeUrl: `${base}/u/${token}`, preferencesUrl: `${base}/preferences/${token}` };
}

function invalidToken(reason: string): RegularsError {
  return new RegularsError('UNSUBSCRIBE_TOKEN_INVALID', `this unsubscribe link is not valid: ${reason}`);
}

export interface ResolvedToken {
  readonly scope: UnsubscribeScope & { readonly channel: ConsentChannel };
  readonly customer: Customer;
}

/**
 * The customer and scope a token grants; UNSUBSCRIBE_TOKEN_INVALID for a malformed or altered
 * token, one of a store that never signed any, or of a customer that no longer exists. The same
 * code for all, so the answer does not reveal which stores or customers exist.
 */
export async function resolveUnsubscribeToken(db: Kysely<Database>, token: string): Promise<ResolvedToken> {
  const claimed = parseUnsubscribeToken(token);
  if (claimed === null) throw invalidToken('it is malformed');
  const secret = await findUnsubscribeSecret(db, claimed.storeId);
  const scope = secret === null ? null : verifyUnsubscribeToken(secret, token);
  if (scope === null) throw invalidToken('its signature does not match');
  if (!(CONSENT_CHANNELS as readonly string[]).includes(scope.channel))
    throw invalidToken(`unknown channel ${scope.channel}`);
  const customer = await findCustomer(db, scope.storeId, scope.customerId);
  if (customer === null) throw invalidToken('the customer no longer exists');
  return { scope: scope as ResolvedToken['scope'], customer };
}

function addressFor(customer: Customer, channel: string): string | null {
  const address =
    channel === 'email' ? customer.email : channel === 'sms' || channel === 'whatsapp' ? customer.phone : null;
  return address === null || address.trim() === '' ? null : normalizeAddress(channel, address);
}

export interface ConsentChange {
  readonly channel: ConsentChannel;
  readonly purpose: string;
  readonly granted: boolean;
}

export interface ChangeContext {
  readonly now: string;
  readonly ip: string | null;
  /** 'unsubscribe_link' (the one-click POST) or 'preferences_page'. */
  readonly source: string;
}

/**
 * Applies one choice in the caller's transaction. Withdrawing: a 'revoked' consent record, a
 * suppression of the address for marketing withdrawals, and an 'unsubscribed' event keyed by the
 * consent record, so a repeated POST (which appends no record) adds no second event. Granting
 * again: a 'granted' record, and the 'unsubscribed' suppression of that address is lifted (bounces
 * and complaints stay: they are facts about the address, not choices).
 */
export async function applyChange(
  trx: Kysely<Database>,
  customer: Customer,
  change: ConsentChange,
  context: ChangeContext,
): Promise<boolean> {
  // Lock the customer first, as recordConsent does (PostgreSQL's row lock, SQLite's write lock), so
  // the status read next is the one this change replaces even when the same link is POSTed many
  // times at once; otherwise every concurrent POST would report a change.
  await lockCustomer(trx, customer.storeId, customer.id);
  const before = (await currentConsent(trx, customer.storeId, customer.id)).find(
    (c) => c.channel === change.channel && c.purpose === change.purpose,
  );
  const record = await recordConsent(trx, customer.storeId, customer.id, {
    channel: change.channel,
    purpose: change.purpose,
    status: change.granted ? 'granted' : 'revoked',
    source: context.source,
    recordedAt: context.now,
    ip: context.ip,
    doubleOptInAt: null,
  });
  const address = addressFor(customer, change.channel);
  if (!change.granted) {
    if (address !== null && change.purpose === 'marketing') {
      await recordSuppression(
        trx,
        customer.storeId,
        {
          channel: change.channel,
          address,
          reason: 'unsubscribed',
          customerId: customer.id,
          source: context.source,
          detail: null,
          occurredAt: context.now,
        },
        context.now,
      );
    }
    await recordDerivedEvent(trx, customer.storeId, customer.id, `unsubscribed:${record.id}`, {
      kind: 'unsubscribed',
      occurredAt: context.now,
      payload: { channel: change.channel, purpose: change.purpose, source: context.source },
    });
  } else if (address !== null && change.purpose === 'marketing') {
    await deleteSuppression(trx, customer.storeId, { channel: change.channel, address, reason: 'unsubscribed' });
  }
  return before?.status !== record.status;
}

/**
 * The RFC 8058 one-click unsubscribe: withdraws the token's channel and purpose at once. Returns
 * whether anything changed (false for a second POST, which is harmless).
 */
export async function unsubscribeByToken(
  db: Kysely<Database>,
  token: string,
  context: Omit<ChangeContext, 'source'>,
): Promise<{ customer: Customer; scope: ResolvedToken['scope']; changed: boolean }> {
  const { scope, customer } = await resolveUnsubscribeToken(db, token);
  const changed = await inTransaction(db, (trx) =>
    applyChange(
      trx,
      customer,
      { channel: scope.channel, purpose: scope.purpose, granted: false },
      { ...context, source: 'unsubscribe_link' },
    ),
  );
  return { customer, scope, changed };
}

/** The choices the preference page offers: marketing per channel the customer can be reached on. */
export interface PreferenceChoice {
  readonly channel: ConsentChannel;
  readonly purpose: string;
  readonly label: string;
  readonly granted: boolean;
}

const LABELS: Readonly<Record<string, string>> = {
  'email:marketing': 'News, offers and reminders by email',
  'sms:marketing': 'News, offers and reminders by text message',
  'whatsapp:marketing': 'News, offers and reminders on WhatsApp',
  'push:marketing': 'Push notifications with news and offers',
};

export async function readPreferences(db: Kysely<Database>, resolved: ResolvedToken): Promise<PreferenceChoice[]> {
  const { customer, scope } = resolved;
  const consent = await currentConsent(db, customer.storeId, customer.id);
  const pairs = new Map<string, { channel: ConsentChannel; purpose: string }>();
  pairs.set(`${scope.channel}:${scope.purpose}`, { channel: scope.channel, purpose: scope.purpose });
  if (addressFor(customer, 'email') !== null) pairs.set('email:marketing', { channel: 'email', purpose: 'marketing' });
  if (addressFor(customer, 'sms') !== null) pairs.set('sms:marketing', { channel: 'sms', purpose: 'marketing' });
  for (const record of consent)
    if (record.purpose !== 'transactional')
      pairs.set(`${record.channel}:${record.purpose}`, { channel: record.channel, purpose: record.purpose });
  return [...pairs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, pair]) => ({
      ...pair,
      label: LABELS[key] ?? `${pair.purpose.replace(/_/g, ' ')} (${pair.channel})`,
      granted: consent.find((c) => c.channel === pair.channel && c.purpose === pair.purpose)?.status === 'granted',
    }));
}

/**
 * Saves the preference page: every choice it showed is set to on (its key `channel:purpose` was
 * sent) or off (left out, as an unticked checkbox is). One transaction for all.
 */
export async function savePreferences(
  db: Kysely<Database>,
  token: string,
  chosen: ReadonlySet<string>,
  context: Omit<ChangeContext, 'source'>,
): Promise<PreferenceChoice[]> {
  const resolved = await resolveUnsubscribeToken(db, token);
  const shown = await readPreferences(db, resolved);
  await inTransaction(db, async (trx) => {
    for (const choice of shown) {
      const granted = chosen.has(`${choice.channel}:${choice.purpose}`);
      if (granted !== choice.granted)
        await applyChange(
          trx,
          resolved.customer,
          { channel: choice.channel, purpose: choice.purpose, granted },
          { ...context, source: 'preferences_page' },
        );
    }
  });
  return readPreferences(db, resolved);
}
