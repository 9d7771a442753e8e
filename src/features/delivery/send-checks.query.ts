import type { Kysely } from 'kysely';
import {
  CONSENT_RECORD_COLUMNS,
  type ConsentRecord,
  type ConsentRecordRow,
  consentInEffect,
  normalizeAddress,
  type Preferences,
  preferencesFromStored,
  storedPreferencesFromRow,
} from '../consent/index.js';
import { type Customer, lockAndFindCustomers } from '../customers/index.js';
import type { OutboxMessage } from './outbox-message.js';
import { type CapRow, leasedMessages, marketingCapRows } from './outbox.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { findUnsubscribeSecret } from '../../platform/stores/store-secret.repository.js';

/** What a batch's send-time checks read, under the lock of its customers (decide-sends.service.ts). */
export interface SendChecks {
  /** The batch's customers, locked until the transaction ends, by id. */
  readonly customers: ReadonlyMap<string, Customer>;
  /** The claimed messages this worker still holds the lease of and that are still to be sent, by id. */
  readonly held: ReadonlyMap<string, OutboxMessage>;
  /** The customer's consent in effect, every channel and purpose. */
  consentOf(customerId: string): readonly ConsentRecord[];
  /** Why an address is suppressed for a message of this purpose (the store's suppression list), or null. */
  suppressionOf(consentChannel: string, address: string, purpose: string): string | null;
  /** The customer's own choices (topics, snooze, frequency), as they stand at `now`. */
  preferencesOf(customerId: string): Preferences;
  /** What the frequency cap weighs for the customers of the batch's marketing messages (marketingCapRows). */
  readonly capRows: readonly CapRow[];
  /** The store's unsubscribe signing secret as stored now, or null when it has none yet (the channel then makes it). */
  readonly unsubscribeSecret: Buffer | null;
}

/** The reasons that stop a message of this purpose: any for marketing, only a bounce for the others (the address does not work). */
function suppressionFor(reasons: readonly string[], purpose: string): string | null {
  const stopping = reasons.filter((reason) => purpose === 'marketing' || reason === 'bounced');
  return stopping.length === 0 ? null : stopping.join(', ');
}

/** The key of a consent channel's address in the suppression map. */
const addressKey = (channel: string, address: string) => `${channel}\u0000${address}`;

/**
 * Locks the customers of a batch of claimed messages and reads everything their send-time checks
 * need, for the whole batch at once: the messages this worker still holds, the customers, their
 * consent, the suppressions of their addresses, the cap's rows and the preferences (for marketing),
 * and the store's unsubscribe secret. Seven statements a batch, whatever its size, where one
 * message at a time took four round trips each on PostgreSQL. Run it in the transaction that
 * writes the decisions: the locks keep every other worker's checks of these customers waiting
 * until the decisions are committed. `addressOf` gives a message's address for a customer.
 */
export async function readSendChecks(
  db: Kysely<Database>,
  input: {
    readonly storeId: string;
    readonly claimed: readonly OutboxMessage[];
    readonly workerId: string;
    /** Marketing sends since this instant count against the cap. */
    readonly since: string;
    readonly now: string;
    readonly addressOf: (customer: Customer, message: OutboxMessage) => string | null;
  },
): Promise<SendChecks> {
  const { storeId, now } = input;
  const customers = await lockAndFindCustomers(
    db,
    storeId,
    input.claimed.map((m) => m.customerId),
  );
  const held = await leasedMessages(
    db,
    storeId,
    input.claimed.map((m) => m.id),
    input.workerId,
  );
  // A message moved to another customer since its claim (the two were merged): that one is locked too.
  const moved = [...held.values()].map((m) => m.customerId).filter((id) => !customers.has(id));
  for (const [id, customer] of await lockAndFindCustomers(db, storeId, moved)) customers.set(id, customer);

  const messages = [...held.values()];
  const customerIds = [...new Set(messages.map((m) => m.customerId))];
  const marketingCustomers = [...new Set(messages.filter((m) => m.purpose === 'marketing').map((m) => m.customerId))];

  const consentRows = new Map<string, ConsentRecordRow[]>();
  if (customerIds.length > 0) {
    const rows = await db
      .selectFrom('consent_records')
      .select(CONSENT_RECORD_COLUMNS)
      .where('store_id', '=', storeId)
      .where('customer_id', 'in', customerIds)
      .orderBy('customer_id')
      .orderBy('recorded_at')
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const list = consentRows.get(row.customer_id);
      if (list === undefined) consentRows.set(row.customer_id, [row]);
      else list.push(row);
    }
  }
  const consent = new Map([...consentRows].map(([id, rows]) => [id, consentInEffect(rows)]));

  const addresses = new Map<string, Set<string>>();
  for (const message of messages) {
    const customer = customers.get(message.customerId);
    const address = customer === undefined ? null : input.addressOf(customer, message);
    if (address === null) continue;
    const set = addresses.get(message.consentChannel) ?? new Set<string>();
    addresses.set(message.consentChannel, set.add(normalizeAddress(message.consentChannel, address)));
  }
  const suppressions = new Map<string, string[]>();
  if (addresses.size > 0) {
    const rows = await db
      .selectFrom('suppressions')
      .select(['channel', 'address', 'reason'])
      .where('store_id', '=', storeId)
      .where('channel', 'in', [...addresses.keys()])
      .where('address', 'in', [...new Set([...addresses.values()].flatMap((set) => [...set]))])
      .orderBy('reason')
      .execute();
    for (const row of rows) {
      const key = addressKey(row.channel, row.address);
      const reasons = suppressions.get(key);
      if (reasons === undefined) suppressions.set(key, [row.reason]);
      else reasons.push(row.reason);
    }
  }

  const preferences = new Map<string, Preferences>();
  let capRows: CapRow[] = [];
  if (marketingCustomers.length > 0) {
    capRows = await marketingCapRows(db, { storeId, customerIds: marketingCustomers, since: input.since, now });
    const rows = await db
      .selectFrom('customer_preferences')
      .select(['customer_id', 'topics_off', 'frequency', 'snoozed_until'])
      .where('store_id', '=', storeId)
      .where('customer_id', 'in', marketingCustomers)
      .execute();
    for (const row of rows) preferences.set(row.customer_id, preferencesFromStored(storedPreferencesFromRow(row), now));
  }

  return {
    customers,
    held,
    consentOf: (customerId) => consent.get(customerId) ?? [],
    suppressionOf: (channel, address, purpose) =>
      suppressionFor(suppressions.get(addressKey(channel, normalizeAddress(channel, address))) ?? [], purpose),
    preferencesOf: (customerId) => preferences.get(customerId) ?? preferencesFromStored(null, now),
    capRows,
    unsubscribeSecret: await findUnsubscribeSecret(db, storeId),
  };
}
