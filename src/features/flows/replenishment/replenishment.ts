import { type ProductCycle, type ReplenishmentDue, replenishmentDue } from './replenishment-due.js';
import { SettingsReader } from '../engine/flow-settings.js';

/**
 * The replenishment flow's decision (flow 3) over a store's purchase days per customer and
 * product. The timing rule itself is triggers/replenishment.ts; this decides which products are
 * consumables, learns each product's store-wide repurchase interval in the same pass, and keeps the
 * reminders due on the days a planning window sends on.
 */

export interface ReplenishmentFlowSettings {
  /** Share of the interval after the last purchase at which the reminder is due, in (0, 1]. */
  readonly leadFraction: number;
  /** Local hour (store zone) the reminder goes out on its due day. */
  readonly sendHour: number;
  /** Also treat as consumable a product that `minRepurchasers` customers bought on two or more days. */
  readonly learnFromRepurchases: boolean;
  /** Repurchasers that make a learned consumable, and that a product's store-wide median needs to be used. */
  readonly minRepurchasers: number;
  /** Only these SKUs (null: every consumable). */
  readonly skus: readonly string[] | null;
  readonly excludeSkus: readonly string[];
  /** At most one reminder per customer and day: the product bought longest ago; the others are not planned. */
  readonly onePerDay: boolean;
  /** The reorder link's path on the shop, with {sku} ('/cart/add?sku={sku}'); null: the product page. */
  readonly reorderPath: string | null;
}

export const DEFAULT_REPLENISHMENT_SETTINGS: ReplenishmentFlowSettings = {
  leadFraction: 0.8,
  sendHour: 10,
  learnFromRepurchases: true,
  minRepurchasers: 20,
  skus: null,
  excludeSkus: [],
  onePerDay: true,
  reorderPath: null,
};

export function parseReplenishmentSettings(
  raw: Readonly<Record<string, unknown>>,
  where: string,
): ReplenishmentFlowSettings {
  const r = new SettingsReader(raw, where);
  const d = DEFAULT_REPLENISHMENT_SETTINGS;
  const leadFraction = r.number('leadFraction', d.leadFraction, 0.05, 1);
  const sendHour = r.number('sendHour', d.sendHour, 0, 23, { integer: true });
  const learnFromRepurchases = r.boolean('learnFromRepurchases', d.learnFromRepurchases);
  const minRepurchasers = r.number('minRepurchasers', d.minRepurchasers, 2, 1_000_000, { integer: true });
  const skuList = r.stringList('skus', []);
  const excludeSkus = r.stringList('excludeSkus', d.excludeSkus);
  const reorderPath = r.nullableString(
    'reorderPath',
    d.reorderPath,
    /^\/\S*\{sku\}\S*$/,
    "a path starting with '/' that contains {sku}, such as /cart/add?sku={sku}",
  );
  const onePerDay = r.boolean('onePerDay', d.onePerDay);
  r.done();
  const overlap = skuList.find((sku) => excludeSkus.includes(sku));
  if (overlap !== undefined) throw r.fail('excludeSkus', `excludes ${overlap}, which settings.skus lists`);
  return {
    leadFraction,
    sendHour,
    learnFromRepurchases,
    minRepurchasers,
    skus: skuList.length === 0 ? null : skuList,
    excludeSkus,
    onePerDay,
    reorderPath,
  };
}

/** A reminder due for one customer and product. */
export interface DueReminder {
  readonly customerId: string;
  readonly due: ReplenishmentDue;
}

interface SkuState {
  /** Gaps between consecutive purchase days of one customer, over all customers: the store's median. */
  gaps: number[];
  /** Customers who bought it on two or more days. */
  repurchasers: number;
  /** Due reminders of customers with their own interval (it does not depend on the store's median). */
  readonly own: DueReminder[];
  /** Customers who bought it once: their interval is the store's median, known only at the end. */
  readonly onceCustomers: string[];
  readonly onceDays: number[];
}

const NO_PRODUCT_FACTS: Omit<ProductCycle, 'sku'> = { title: '', configuredDays: null, medianRepurchaseDays: null };

/**
 * Accumulates a store's purchases, one (customer, product) at a time, in one pass: each product's
 * repurchase gaps (its store-wide median) and repurchaser count (whether it is a learned
 * consumable), the reminders due on `dueDays` for customers with their own interval, and the
 * one-time buyers, whose reminder depends on the product's median. finish() answers the reminders.
 */
export class ReplenishmentScan {
  private readonly skus = new Map<string, SkuState>();
  private readonly dueDays: ReadonlySet<number>;
  private readonly firstDueDay: number;
  private readonly lastDueDay: number;

  constructor(
    /** Configured replenishment days by SKU (products.replenishment_days). */
    private readonly configuredDays: ReadonlyMap<string, number>,
    private readonly settings: Pick<
      ReplenishmentFlowSettings,
      'leadFraction' | 'learnFromRepurchases' | 'minRepurchasers'
    >,
    dueDays: readonly number[],
  ) {
    this.dueDays = new Set(dueDays);
    this.firstDueDay = Math.min(...dueDays);
    this.lastDueDay = Math.max(...dueDays);
  }

  /** One customer's purchase days of one product: distinct, ascending, as of the window's end. */
  add(customerId: string, sku: string, days: readonly number[]): void {
    if (days.length === 0) return;
    if (!this.settings.learnFromRepurchases && !this.configuredDays.has(sku)) return;
    let state = this.skus.get(sku);
    if (!state) {
      state = { gaps: [], repurchasers: 0, own: [], onceCustomers: [], onceDays: [] };
      this.skus.set(sku, state);
    }
    const last = days[days.length - 1];
    if (days.length === 1) {
      // A reminder is due at least a day after the purchase: a purchase on or after the last due day cannot be due.
      if (last < this.lastDueDay) {
        state.onceCustomers.push(customerId);
        state.onceDays.push(last);
      }
      return;
    }
    state.repurchasers++;
    let shortest = Number.POSITIVE_INFINITY;
    let longest = 0;
    for (let i = 1; i < days.length; i++) {
      const gap = days[i] - days[i - 1];
      state.gaps.push(gap);
      if (gap < shortest) shortest = gap;
      if (gap > longest) longest = gap;
    }
    // Their own (median) gap lies between the shortest and the longest: most customers are not
    // due on the window's days at all, and need no median (a million of them in a large store).
    const lead = this.settings.leadFraction;
    if (
      last + Math.max(1, Math.floor(longest * lead)) < this.firstDueDay ||
      last + Math.max(1, Math.floor(shortest * lead)) > this.lastDueDay
    )
      return;
    const due = replenishmentDue(days, { sku, ...NO_PRODUCT_FACTS }, this.settings);
    if (due !== null && this.dueDays.has(due.dueDay)) state.own.push({ customerId, due });
  }

  /** The reminders due on the window's days, for products that are consumables. */
  finish(): DueReminder[] {
    const out: DueReminder[] = [];
    for (const [sku, state] of this.skus) {
      const configuredDays = this.configuredDays.get(sku) ?? null;
      const learned = this.settings.learnFromRepurchases && state.repurchasers >= this.settings.minRepurchasers;
      if (configuredDays === null && !learned) continue;
      out.push(...state.own);
      // The store's median is trusted from as many repurchasers as make a learned consumable: a
      // configured product two customers rebought keeps its configured days until then.
      const trusted = state.repurchasers >= this.settings.minRepurchasers;
      const product: ProductCycle = {
        sku,
        title: '',
        configuredDays,
        medianRepurchaseDays: trusted ? medianOfDays(state.gaps) : null,
      };
      for (let i = 0; i < state.onceCustomers.length; i++) {
        const due = replenishmentDue([state.onceDays[i]], product, this.settings);
        if (due !== null && this.dueDays.has(due.dueDay)) out.push({ customerId: state.onceCustomers[i], due });
      }
    }
    return out.sort((a, b) =>
      a.customerId < b.customerId
        ? -1
        : a.customerId > b.customerId
          ? 1
          : a.due.sku < b.due.sku
            ? -1
            : a.due.sku > b.due.sku
              ? 1
              : 0,
    );
  }
}

/** The median of whole-day gaps (typed sort: a popular product has millions), or null for none. */
export function medianOfDays(gaps: readonly number[]): number | null {
  if (gaps.length === 0) return null;
  const sorted = Float64Array.from(gaps).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * One reminder per customer and due day: the product bought longest ago (then by SKU), so a
 * customer due for three products on one day gets one message. The others are not planned: their
 * due day passes, and they come back with the next purchase of that product.
 */
export function onePerCustomerDay(reminders: readonly DueReminder[]): DueReminder[] {
  const best = new Map<string, DueReminder>();
  for (const r of reminders) {
    const key = `${r.customerId}\u0000${r.due.dueDay}`;
    const kept = best.get(key);
    if (!kept || r.due.lastDay < kept.due.lastDay || (r.due.lastDay === kept.due.lastDay && r.due.sku < kept.due.sku))
      best.set(key, r);
  }
  return reminders.filter((r) => best.get(`${r.customerId}\u0000${r.due.dueDay}`) === r);
}

/** 'sku:BEANS-1KG:2026-03-01': one reminder per purchase the cycle starts from. */
export function replenishmentTriggerKey(due: ReplenishmentDue, isoDay: (day: number) => string): string {
  return `sku:${due.sku}:${isoDay(due.lastDay)}`;
}

/** Weeks as the template says "about every N weeks": at least 1. */
export function intervalWeeks(intervalDays: number): number {
  return Math.max(1, Math.round(intervalDays / 7));
}

/** '3 March 2026': a day as the built-in templates print dates. */
export function longDate(day: number): string {
  return new Date(day * 86_400_000).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
