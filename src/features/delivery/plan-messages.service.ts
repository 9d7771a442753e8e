import type { Kysely } from 'kysely';
import { DELIVERY_SETTING, parseDeliverySettings } from './delivery-settings.js';
import type { PlannedMessage } from './planned-message.js';
import { type PlanResult, planMessages } from './outbox.repository.js';
import { readSetting } from '../../platform/stores/store-settings.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

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
