/**
 * "Try something new": a category the customer never bought that customers with similar baskets
 * did. Similarity is the Jaccard index of the sets of categories bought, |A ∩ B| / |A ∪ B|.
 */

export interface NeighbourSettings {
  /** How many most similar customers vote. */
  readonly neighbours: number;
  /** Votes a category needs. */
  readonly minNeighbourSupport: number;
}

/**
 * Every customer's category set, built once per run. Customers with the same set are kept together
 * (a store has far fewer distinct sets than customers), so a suggestion ranks sets, not customers.
 */
export interface CategoryIndex {
  /** The distinct sets: categories sorted and distinct, members (customer ids) sorted by code unit. */
  readonly sets: readonly { readonly categories: readonly string[]; readonly members: readonly string[] }[];
  /** category -> positions in `sets` of the sets holding it. */
  readonly setsOf: ReadonlyMap<string, readonly number[]>;
}

export interface CategorySuggestion {
  readonly category: string;
  /** How many of the neighbours bought it. */
  readonly support: number;
  /** How many neighbours voted (at most NeighbourSettings.neighbours). */
  readonly neighbours: number;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The categories of a customer as the index keeps them: sorted (by code unit, not locale), distinct. */
export function categorySet(categories: Iterable<string>): string[] {
  return [...new Set(categories)].sort(byText);
}

export function buildCategoryIndex(
  customers: Iterable<readonly [customerId: string, categories: Iterable<string>]>,
): CategoryIndex {
  const byKey = new Map<string, { categories: string[]; members: string[] }>();
  for (const [id, bought] of customers) {
    const set = categorySet(bought);
    if (set.length === 0) continue;
    const key = set.join('\u0000');
    const entry = byKey.get(key);
    if (entry) entry.members.push(id);
    else byKey.set(key, { categories: set, members: [id] });
  }
  const sets = [...byKey.values()];
  const setsOf = new Map<string, number[]>();
  sets.forEach((set, n) => {
    set.members.sort(byText);
    for (const category of set.categories) {
      const list = setsOf.get(category);
      if (list) list.push(n);
      else setsOf.set(category, [n]);
    }
  });
  return { sets, setsOf };
}

/**
 * The category to suggest to a customer who bought `own` (any order, repeats allowed), or null.
 *
 * 1. Neighbours: the customers sharing at least one category, other than those with exactly the
 *    same set (they can suggest nothing new, and leaving them out makes the answer depend on the set
 *    alone, so a run computes it once per distinct set), ranked by Jaccard index, highest first,
 *    ties by customer id; the first `neighbours` of them vote.
 * 2. Each category not in `own` gets one vote per neighbour who bought it; the most votes win, ties
 *    broken by the sum of the voters' Jaccard indexes, then by category name. A category needs
 *    `minNeighbourSupport` votes.
 * Jaccard indexes are compared as fractions by cross-multiplication, so no float rounding decides a
 * rank. Cost: the distinct sets sharing a category with `own`, not the customers.
 */
export function suggestNewCategory(
  index: CategoryIndex,
  own: Iterable<string>,
  settings: NeighbourSettings,
): CategorySuggestion | null {
  const mine = categorySet(own);
  if (mine.length === 0) return null;
  const shared = new Map<number, number>();
  for (const category of mine)
    for (const s of index.setsOf.get(category) ?? []) shared.set(s, (shared.get(s) ?? 0) + 1);

  interface Candidate {
    readonly s: number;
    readonly inter: number;
    readonly union: number;
  }
  const candidates: Candidate[] = [];
  for (const [s, inter] of shared) {
    const union = mine.length + index.sets[s].categories.length - inter;
    if (inter === union) continue; // the same set
    candidates.push({ s, inter, union });
  }
  const compare = (a: Candidate, b: Candidate) => b.inter * a.union - a.inter * b.union;
  candidates.sort(compare);

  // Take customers in rank order: whole groups of equal similarity while they fit; in the group
  // that crosses the limit, its members by customer id.
  const taken: { readonly candidate: Candidate; readonly count: number }[] = [];
  let room = settings.neighbours;
  for (let i = 0; i < candidates.length && room > 0;) {
    let j = i;
    while (j < candidates.length && compare(candidates[i], candidates[j]) === 0) j++;
    const group = candidates.slice(i, j);
    const size = group.reduce((n, c) => n + index.sets[c.s].members.length, 0);
    if (size <= room) {
      for (const c of group) taken.push({ candidate: c, count: index.sets[c.s].members.length });
      room -= size;
    } else {
      const members = group.flatMap((c) => index.sets[c.s].members.map((id) => ({ id, c })));
      members.sort((a, b) => byText(a.id, b.id));
      const counts = new Map<Candidate, number>();
      for (const { c } of members.slice(0, room)) counts.set(c, (counts.get(c) ?? 0) + 1);
      for (const [c, count] of counts) taken.push({ candidate: c, count });
      room = 0;
    }
    i = j;
  }

  const mineSet = new Set(mine);
  const votes = new Map<string, { count: number; weight: number }>();
  for (const { candidate: v, count } of taken) {
    for (const category of index.sets[v.s].categories) {
      if (mineSet.has(category)) continue;
      const tally = votes.get(category) ?? { count: 0, weight: 0 };
      tally.count += count;
      tally.weight += (count * v.inter) / v.union;
      votes.set(category, tally);
    }
  }
  let best: { category: string; count: number; weight: number } | null = null;
  for (const [category, { count, weight }] of votes) {
    if (count < settings.minNeighbourSupport) continue;
    // The weight only breaks ties of votes; 1e-9 keeps float noise in a sum from deciding one.
    const better =
      best === null ||
      count > best.count ||
      (count === best.count &&
        (weight > best.weight + 1e-9 || (Math.abs(weight - best.weight) <= 1e-9 && category < best.category)));
    if (better) best = { category, count, weight };
  }
  return best === null
    ? null
    : { category: best.category, support: best.count, neighbours: settings.neighbours - room };
}
