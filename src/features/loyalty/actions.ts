import type { LedgerEntry } from './ledger.js';
import type { ActionRule } from './program.js';

/**
 * Points for a named action (sign-up, newsletter opt-in, review, birthday, custom names), once per
 * key, within the action's per-customer limit. Pure: the store layer calls actionEntry under the
 * customer's lock with the ledger it read there, so the limit holds under any concurrency.
 */

export const actionKeyPrefix = (action: string): string => `action:${action}:`;
export const actionKey = (action: string, key: string): string => `${actionKeyPrefix(action)}${key}`;

export type ActionDecision =
  | { readonly entry: LedgerEntry }
  | { readonly refused: 'ACTION_LIMIT_REACHED' | 'ALREADY_POSTED'; readonly entry?: LedgerEntry };

/**
 * The entry the action posts, or why not: its key already posted (the same entry again, so a retry
 * is answered like the first call), or the customer reached the limit: `limit` postings of the
 * action in all ('ever') or in the UTC calendar year of occurredAt ('year').
 */
export function actionEntry(
  ledger: readonly LedgerEntry[],
  action: string,
  rule: ActionRule,
  key: string,
  occurredAt: string,
): ActionDecision {
  const sourceKey = actionKey(action, key);
  const posted = ledger.find((e) => e.sourceKey === sourceKey);
  if (posted) return { refused: 'ALREADY_POSTED', entry: posted };
  if (rule.limit !== null) {
    const year = occurredAt.slice(0, 4);
    const prefix = actionKeyPrefix(action);
    const counted = ledger.filter(
      (e) =>
        e.sourceKey.startsWith(prefix) && e.kind === 'earn' && (rule.per === 'ever' || e.postedAt.slice(0, 4) === year),
    ).length;
    if (counted >= rule.limit) return { refused: 'ACTION_LIMIT_REACHED' };
  }
  return {
    entry: {
      kind: 'earn',
      points: rule.points,
      sourceKey,
      reason: `action ${action}`,
      postedAt: occurredAt,
      availableAt: occurredAt,
    },
  };
}
