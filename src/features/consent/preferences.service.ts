import type { Kysely } from 'kysely';
import type { Customer } from '../customers/index.js';
import { lockCustomer } from '../customers/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { CONSENT_CHANNELS } from './consent.js';
import { currentConsent } from './consent.repository.js';
import { findPreferences, writePreferences } from './preference.repository.js';
import {
  applyPreferenceChange,
  type PreferenceChange,
  type Preferences,
  preferencesFromStored,
} from './preferences.js';
import { applyChange, type ChangeContext } from './unsubscribe.service.js';

/** The customer's preferences at `now` (the defaults until they choose). */
export async function customerPreferences(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  now: string,
): Promise<Preferences> {
  return preferencesFromStored(await findPreferences(db, storeId, customerId), now);
}

export interface PreferenceUpdate extends PreferenceChange {
  /** true: withdraw marketing consent on every channel (as the one-click link does for one). */
  readonly unsubscribeAll?: boolean;
}

/**
 * Applies a change of preferences under the customer's lock (two saves at once do not lose one's
 * topics). `unsubscribeAll` withdraws the marketing consent of every channel the customer has
 * granted, each with its consent record, suppression and 'unsubscribed' event, as the one-click
 * link does for one channel; the finer choices are kept, for the day they opt in again.
 */
export async function changeCustomerPreferences(
  db: Kysely<Database>,
  customer: Customer,
  update: PreferenceUpdate,
  context: Omit<ChangeContext, 'source'> & { readonly source: string },
): Promise<Preferences> {
  return inTransaction(db, async (trx) => {
    await lockCustomer(trx, customer.storeId, customer.id);
    const current = preferencesFromStored(await findPreferences(trx, customer.storeId, customer.id), context.now);
    const next = applyPreferenceChange(current, update, context.now);
    await writePreferences(trx, customer.storeId, customer.id, next, context.now);
    if (update.unsubscribeAll === true) {
      const consent = await currentConsent(trx, customer.storeId, customer.id);
      for (const channel of CONSENT_CHANNELS) {
        const granted = consent.some(
          (c) => c.channel === channel && c.purpose === 'marketing' && c.status === 'granted',
        );
        if (granted) await applyChange(trx, customer, { channel, purpose: 'marketing', granted: false }, context);
      }
    }
    return next;
  });
}
