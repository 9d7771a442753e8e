import type { Kysely } from 'kysely';
import { DELIVERY_SETTING, parseDeliverySettings } from '../domain/delivery/delivery-settings.js';
import type { PlannedMessage } from '../domain/delivery/planned-message.js';
import { type PlanResult, planMessages } from '../store/repositories/outbox.repository.js';
import { readSetting } from '../store/repositories/store-settings.repository.js';
import type { Database } from '../store/tables/database.table.js';
import { inTransaction } from '../store/transaction.js';

/**
 * Records a flow run's planned messages with the store's delivery settings (holdout shares per
 * flow), in the caller's transaction when db is one: call it inside the transaction that records
 * the flow's own progress, so the plan and its messages commit together or not at all.
 */
export async function planMessagesForStore(db: Kysely<Database>, storeId: string, planned: readonly PlannedMessage[], now: string): Promise<PlanResult> {
  return inTransaction(db, async (trx) => {
    const settings = parseDeliverySettings(await readSetting(trx, storeId, DELIVERY_SETTING));
    return planMessages(trx, storeId, planned, now, { settings });
  });
}
