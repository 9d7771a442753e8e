import type { Kysely } from 'kysely';
import { evaluateTier, type TierChange, type TierSettings, type TierState } from './tiers.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import { recordDerivedEvent } from '../events/index.js';
import { lockTierState, readTierSettings, saveTierState, tierMeasureOf } from './tier.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import type { OrderRewardHandler } from '../orders/index.js';

/** A tier change as applied: the change, the measure that decided it, and the state after it. */
export interface AppliedTierChange extends TierChange {
  readonly customerId: string;
  readonly measure: number;
  readonly state: TierState;
}

/** Safety bound on periods settled at once (a customer untouched for this many years). */
const MAX_PERIODS = 100;

/** The event's source key: one event per change, however often the evaluation runs. */
function changeKey(customerId: string, change: TierChange): string {
  return `tier:${customerId}:${change.at}:${change.from ?? '-'}>${change.to ?? '-'}`;
}

async function recordChange(
  trx: Kysely<Database>,
  storeId: string,
  settings: TierSettings,
  applied: AppliedTierChange,
): Promise<void> {
  await recordDerivedEvent(trx, storeId, applied.customerId, changeKey(applied.customerId, applied), {
    kind: 'tier_changed',
    occurredAt: applied.at,
    payload: {
      from: applied.from,
      to: applied.to,
      direction: applied.direction,
      basis: settings.basis,
      measure: applied.measure,
      ...(settings.currency === null ? {} : { currency: settings.currency }),
      since: applied.state.since,
      periodEnd: applied.state.periodEnd,
    },
  });
}

/**
 * Brings the customer's tier up to date at `now` (docs/tiers.md), under the customer's tier lock:
 * first every period that ended at or before now is settled with the measure at its end (keep,
 * move up, or move down), then the measure now upgrades at once if it reaches a higher level. Each
 * change is saved with a `tier_changed` event in the same transaction (once per change: the event's
 * key names the customer, the instant and the two tiers). A store without tier settings changes
 * nothing. Returns the changes applied.
 *
 * Two orders of one customer evaluated at once cannot lose an upgrade: the second evaluation waits
 * for the first's lock and then measures with both orders committed.
 */
export async function evaluateCustomerTier(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  now: string,
): Promise<AppliedTierChange[]> {
  const at = utcInstant(now, 'now');
  if ((await readTierSettings(db, storeId)) === null) return [];
  return inTransaction(db, async (trx) => {
    const initial = await lockTierState(trx, storeId, customerId, at);
    // Read under the lock, so an evaluation uses the settings as they are when it runs.
    const settings = await readTierSettings(trx, storeId);
    if (settings === null) return [];
    let state = initial;
    const applied: AppliedTierChange[] = [];
    const step = (measure: number, when: string) => {
      const result = evaluateTier(settings, state, measure, when);
      state = result.state;
      if (result.change !== null) applied.push({ ...result.change, customerId, measure, state });
    };
    for (let i = 0; i < MAX_PERIODS && state.periodEnd !== null && state.periodEnd <= at; i++) {
      step(await tierMeasureOf(trx, storeId, customerId, settings, state.periodEnd), state.periodEnd);
    }
    step(await tierMeasureOf(trx, storeId, customerId, settings, at), at);
    if (state.tier !== initial.tier || state.since !== initial.since || state.periodEnd !== initial.periodEnd) {
      await saveTierState(trx, storeId, customerId, state, at);
    }
    for (const change of applied) await recordChange(trx, storeId, settings, change);
    return applied;
  });
}

/**
 * The rewards sync's handler: an order written or changed may lift its customer's measure, so the
 * customer's tier is evaluated (upgrades at once; downgrades wait for the period end). Run it after
 * the points handler, so a points basis counts the order's points.
 */
export const updateTierForOrder: OrderRewardHandler = async (db, storeId, order, now) => {
  await evaluateCustomerTier(db, storeId, order.customerId, now);
};
