import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { actionEntry } from './actions.js';
import type { LedgerEntry } from './ledger.js';
import { recordDerivedEvent } from '../events/index.js';
import type { PostedLedgerEntry } from './loyalty.repository.js';
import { postDecidedPoints } from './post-points.service.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { customerByReference } from '../customers/index.js';
import { pointsEventKey, readLoyaltyProgram } from './loyalty-program.service.js';

/** How far ahead of the server's clock an occurredAt may be (another machine's clock). */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface LoyaltyActionInput {
  /** The customer's external id (or `cus_...`). */
  readonly customerId: string;
  readonly action: string;
  /** When the customer did it (ISO 8601 with offset); now when absent. */
  readonly occurredAt?: string;
  /**
   * What makes the action once-only (a review id, a newsletter list): the same key posts once.
   * Default: the UTC year of occurredAt for a yearly action (a birthday), else occurredAt.
   */
  readonly key?: string;
}

export type LoyaltyActionResult =
  | { readonly outcome: 'posted' | 'already_posted'; readonly customerId: string; readonly entry: LedgerEntry }
  | {
      readonly outcome: 'refused';
      readonly reason: 'LOYALTY_ACTION_LIMIT_REACHED';
      readonly customerId: string;
      readonly limit: number | null;
      readonly per: 'ever' | 'year';
    };

/**
 * Posts the points of a named action once per key, within the action's per-customer limit: the
 * limit is counted under the customer's lock (postDecidedPoints), so 50 concurrent requests for a
 * limit-1 action post exactly one entry. Posting records a 'points_earned' event in the same
 * transaction. A store without a program, or a paused one, is LOYALTY_PROGRAM_OFF; an action the
 * program does not name, LOYALTY_ACTION_NOT_FOUND.
 */
export async function postLoyaltyAction(
  db: Kysely<Database>,
  storeId: string,
  input: LoyaltyActionInput,
  now: string,
): Promise<LoyaltyActionResult> {
  const program = await readLoyaltyProgram(db, storeId);
  if (program === null || !program.enabled) {
    throw new RegularsError(
      'LOYALTY_PROGRAM_OFF',
      program === null ? `store ${storeId} has no loyalty program` : `store ${storeId}'s loyalty program is paused`,
      { storeId },
    );
  }
  const rule = program.actions[input.action];
  if (rule === undefined) {
    throw new RegularsError('LOYALTY_ACTION_NOT_FOUND', `the loyalty program has no action ${input.action}`, {
      action: input.action,
      actions: Object.keys(program.actions),
    });
  }
  const customer = await customerByReference(db, storeId, input.customerId);
  const occurredAt = utcInstant(input.occurredAt ?? now, 'occurredAt');
  // A date ahead of the clock would let a client claim next year's birthday today.
  if (Date.parse(occurredAt) > Date.parse(now) + CLOCK_SKEW_MS)
    throw invalidField('occurredAt', `occurredAt ${input.occurredAt} is in the future`);
  const key = input.key ?? (rule.per === 'year' ? occurredAt.slice(0, 4) : occurredAt);

  return inTransaction(db, async (trx) => {
    let existing: LedgerEntry | undefined;
    const outcome = await postDecidedPoints(trx, storeId, customer.id, (ledger) => {
      const decision = actionEntry(ledger, input.action, rule, key, occurredAt);
      if ('refused' in decision) {
        existing = decision.entry;
        return { decline: decision.refused };
      }
      return decision.entry;
    });
    if (outcome.outcome === 'declined' && outcome.reason === 'ALREADY_POSTED')
      return { outcome: 'already_posted', customerId: customer.externalId, entry: publicEntry(existing!) };
    if (outcome.outcome === 'declined')
      return {
        outcome: 'refused',
        reason: 'LOYALTY_ACTION_LIMIT_REACHED',
        customerId: customer.externalId,
        limit: rule.limit,
        per: rule.per,
      };
    // The decided entry has whole positive points and a new key; a refusal here would be a bug.
    if (outcome.outcome === 'refused') throw new Error(`action ${input.action} was refused: ${outcome.reason}`);
    const entry = outcome.entry;
    await recordDerivedEvent(trx, storeId, customer.id, pointsEventKey('points_earned', customer.id, entry.sourceKey), {
      kind: 'points_earned',
      occurredAt: entry.postedAt,
      payload: { points: entry.points, sourceKey: entry.sourceKey, action: input.action, reason: entry.reason },
    });
    return { outcome: 'posted', customerId: customer.externalId, entry: publicEntry(entry) };
  });
}

/** An entry as the API shows it: without the internal customer id. */
export function publicEntry(entry: LedgerEntry | PostedLedgerEntry): LedgerEntry & { id?: string } {
  const { customerId: _customerId, ...rest } = entry as PostedLedgerEntry;
  return rest;
}
