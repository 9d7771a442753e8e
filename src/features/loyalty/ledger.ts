/**
 * The points ledger: append-only entries per customer; balances are derived from it.
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
   * pending until then), or postedAt. Only earn entries, and reversals of still-pending earn entries,
   * are ever pending (see isPending).
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
 * Whether the entry counts as pending at asOf: an earn inside its return window, or a reverse of
 * such an earn (posted with the earn's availableAt), which takes the points back from pending, so a
 * refund inside the return window never needs available points the customer may not have.
 */
export function isPending(entry: LedgerEntry, asOf: string): boolean {
  return (entry.kind === 'earn' || entry.kind === 'reverse') && entry.availableAt > asOf;
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
    if (isPending(e, asOf)) pending += e.points;
    else available += e.points;
  }
  return { available, pending };
}

/** Why a posting is refused; an expected outcome, so a value, not an exception (habit 7). */
export type PostingRefusal = 'DUPLICATE_SOURCE_KEY' | 'INSUFFICIENT_POINTS' | 'NOT_WHOLE_POINTS' | 'WRONG_SIGN';

/**
 * Whether an entry may be appended: its source key is new, its points are whole and signed as its
 * kind requires, and it never takes the available balance below zero, then or later (a pending
 * earn cannot be spent). The store layer checks this and appends in one transaction, under the customer's lock.
 */
export function checkPosting(entries: readonly LedgerEntry[], entry: LedgerEntry): PostingRefusal | null {
  if (!Number.isSafeInteger(entry.points) || entry.points === 0) return 'NOT_WHOLE_POINTS';
  const positive = entry.points > 0;
  if (
    (entry.kind === 'earn' && !positive) ||
    ((entry.kind === 'redeem' || entry.kind === 'expire' || entry.kind === 'reverse') && positive)
  ) {
    return 'WRONG_SIGN';
  }
  if (entries.some((e) => e.sourceKey === entry.sourceKey)) return 'DUPLICATE_SOURCE_KEY';
  if (!positive && overdraws(entries, entry)) return 'INSUFFICIENT_POINTS';
  return null;
}

/**
 * Whether the new entry would take the available balance below zero at its postedAt or at any
 * later instant: a back-dated spend (a redemption posted "as of" an earlier instant) could leave
 * enough points at its own instant and still overdraw a spend already recorded later. Swept
 * over the instants where the available balance changes, in the same terms as balanceOf: an earn
 * or a reverse counts from its availableAt, every other entry from its postedAt. O(n log n) in the entries.
 */
function overdraws(entries: readonly LedgerEntry[], entry: LedgerEntry): boolean {
  if (entry.points > 0) return false;
  const changes = [...entries, entry].map((e) => ({
    at: (e.kind === 'earn' || e.kind === 'reverse') && e.availableAt > e.postedAt ? e.availableAt : e.postedAt,
    points: e.points,
  }));
  changes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  let available = 0;
  for (let i = 0; i < changes.length; i++) {
    available += changes[i].points;
    const lastAtThisInstant = i + 1 === changes.length || changes[i + 1].at !== changes[i].at;
    if (lastAtThisInstant && changes[i].at >= entry.postedAt && available < 0) return true;
  }
  return false;
}
