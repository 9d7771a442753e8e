/**
 * The points ledger (issue 5): append-only entries per customer; balances are derived from it.
 * Pure: the store layer writes what these functions decide (architecture.md habit 1).
 */
export const LEDGER_KINDS = ['earn', 'redeem', 'expire', 'adjust', 'reverse'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface LedgerEntry {
  readonly kind: LedgerKind;
  /** Signed whole points: positive for earn (and a positive adjust), negative for the others. */
  readonly points: number;
  /** Unique per customer, e.g. `order:123:earn`: a repeated event posts once. */
  readonly sourceKey: string;
  readonly reason: string;
  /** ISO 8601 instant when it was posted. */
  readonly postedAt: string;
  /**
   * When earned points can be spent: the end of the return window for an order's points (they are
   * pending until then), or postedAt. Only earn entries are ever pending.
   */
  readonly availableAt: string;
}

export interface Balance {
  /** Points that can be redeemed now. */
  readonly available: number;
  /** Earned points still inside their return window. */
  readonly pending: number;
}

/**
 * The balance as of an instant. Instants compare as text: every stored instant has the one UTC form
 * (YYYY-MM-DDTHH:MM:SS.sssZ), whose text order is time order. Entries after asOf are ignored.
 */
export function balanceOf(entries: readonly LedgerEntry[], asOf: string): Balance {
  let available = 0;
  let pending = 0;
  for (const e of entries) {
    if (e.postedAt > asOf) continue;
    if (e.kind === 'earn' && e.availableAt > asOf) pending += e.points;
    else available += e.points;
  }
  return { available, pending };
}

/** Why a posting is refused; an expected outcome, so a value, not an exception (habit 7). */
export type PostingRefusal = 'DUPLICATE_SOURCE_KEY' | 'INSUFFICIENT_POINTS' | 'NOT_WHOLE_POINTS' | 'WRONG_SIGN';

/**
 * Whether an entry may be appended: its source key is new, its points are whole and signed as its
 * kind requires, and it never takes the available balance below zero (a pending earn cannot be
 * spent). The store layer checks this and appends in one transaction, under the customer's lock.
 */
export function checkPosting(entries: readonly LedgerEntry[], entry: LedgerEntry): PostingRefusal | null {
  if (!Number.isSafeInteger(entry.points) || entry.points === 0) return 'NOT_WHOLE_POINTS';
  const positive = entry.points > 0;
  if ((entry.kind === 'earn' && !positive) || ((entry.kind === 'redeem' || entry.kind === 'expire' || entry.kind === 'reverse') && positive)) {
    return 'WRONG_SIGN';
  }
  if (entries.some((e) => e.sourceKey === entry.sourceKey)) return 'DUPLICATE_SOURCE_KEY';
  if (!positive && balanceOf(entries, entry.postedAt).available + entry.points < 0) return 'INSUFFICIENT_POINTS';
  return null;
}
