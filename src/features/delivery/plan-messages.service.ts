import type { Kysely } from 'kysely';
import {
  DEFAULT_DELIVERY_SETTINGS,
  DELIVERY_SETTING,
  type DeliverySettings,
  parseDeliverySettings,
} from './delivery-settings.js';
import { initialStatus } from './outbox-message.js';
import { checkPlannedMessage, type PlannedMessage } from './planned-message.js';
import { insertOutboxMessages, outboxMessageToRow } from './outbox.repository.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { newId } from '../../platform/ids.js';
import { readSetting } from '../../platform/stores/store-settings.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

export interface PlanResult {
  /** Messages recorded to be sent. */
  readonly planned: number;
  /** Messages recorded as held out ("would have received"). */
  readonly heldOut: number;
  /** Messages whose idempotency key was already in the outbox: nothing was written for them. */
  readonly duplicates: number;
}

/**
 * Records planned messages in the outbox, in the caller's transaction when db is one (so a flow's
 * planning and its messages commit together). Every message is checked before anything is
 * written. A message whose idempotency key (flow, customer, trigger) is already there inserts
 * nothing, so planning again, after a crash or on the next run, has no effect. Customers in the
 * flow's holdout are recorded with status held_out (initialStatus).
 */
export async function planMessages(
  db: Kysely<Database>,
  storeId: string,
  planned: readonly PlannedMessage[],
  now: string,
  options: { readonly settings?: DeliverySettings } = {},
): Promise<PlanResult> {
  const settings = options.settings ?? DEFAULT_DELIVERY_SETTINGS;
  const at = utcInstant(now, 'now');
  const rows = planned.map((message, index) => {
    if (message.storeId !== storeId)
      throw invalidField(
        `planned[${index}].storeId`,
        `message ${index} belongs to store ${message.storeId}, not ${storeId}`,
      );
    checkPlannedMessage(message);
    return outboxMessageToRow(storeId, newId('msg'), message, initialStatus(storeId, message, settings), at);
  });
  const inserted = await inTransaction(db, (trx) => insertOutboxMessages(trx, storeId, rows));
  const heldOut = inserted.filter((status) => status === 'held_out').length;
  return { planned: inserted.length - heldOut, heldOut, duplicates: rows.length - inserted.length };
}

/**
 * Records a flow run's planned messages with the store's delivery settings (holdout shares per
 * flow), in the caller's transaction when db is one: call it inside the transaction that records
 * the flow's own progress, so the plan and its messages commit together or not at all.
 */
export async function planMessagesForStore(
  db: Kysely<Database>,
  storeId: string,
  planned: readonly PlannedMessage[],
  now: string,
): Promise<PlanResult> {
  return inTransaction(db, async (trx) => {
    const settings = parseDeliverySettings(await readSetting(trx, storeId, DELIVERY_SETTING));
    return planMessages(trx, storeId, planned, now, { settings });
  });
}
