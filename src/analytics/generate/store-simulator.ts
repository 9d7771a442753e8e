/**
 * A deterministic synthetic store: the demo shop that `regulars demo` and `regulars generate`
 * write, and the input of the analyze benchmarks. The story it tells (docs/generator.md has every
 * parameter) is the one the analytics look for:
 *
 * - customers arrive over the period, more each year and most in November and December;
 * - each has a purchase rate (Gamma, heterogeneity), a dropout probability after each purchase
 *   (Beta), a spend level (Gamma) and a consumption pace: the BG/NBD and Gamma-Gamma stories;
 * - consumables are rebought on their product's cycle at the customer's own pace, durables are
 *   followed by their accessories and, months later for some, by an upgrade;
 * - a few orders are refunded or cancelled; consent to marketing is given or withdrawn now and then.
 *
 * Pure: time and randomness arrive as arguments. Every customer draws from a stream of its own
 * (seed, customer number), so one customer's story never depends on how another's went, and the
 * store is produced lazily, one customer at a time, in constant memory whatever its size.
 */
import { dayFromYmd, ymdFromDay } from '../day.js';
import { RegularsError } from '../../platform/errors.js';
import {
  createRng,
  randomBeta,
  randomExponential,
  randomGamma,
  randomInt,
  randomNormal,
  randomPoisson,
  randomWeightedIndex,
  type Rng,
} from '../../platform/random.js';
import { CATALOG, SEASON_PROFILES, type Product } from './catalog.js';

export interface GenerateStoreOptions {
  /** Number of customers who place a first order during the period. */
  readonly customers: number;
  readonly seed: number;
  /** First day of the period (day number: days since 1970-01-01); the CLI passes DEFAULT_START_DAY. */
  readonly startDay: number;
  /** Length of the period in days (default 730: two years). */
  readonly days?: number;
  /** The products on sale (default CATALOG, the coffee shop). */
  readonly catalog?: readonly Product[];
}

export type GeneratedOrderStatus = 'paid' | 'refunded' | 'cancelled';

/** One line item of the synthetic store's order export. */
export interface GeneratedOrderRow {
  /** 'ord_000000123': numbered in the order the rows are produced. */
  readonly orderId: string;
  /** 'cus_000123': numbered in order of the customer's first purchase. */
  readonly customerId: string;
  readonly email: string;
  readonly day: number;
  /** Local time of the order, 'HH:MM:SS'. */
  readonly time: string;
  readonly sku: string;
  readonly productName: string;
  readonly category: string;
  readonly quantity: number;
  /** Unit price in major units (two decimals); the line's value is price x quantity. */
  readonly price: number;
  readonly currency: 'USD';
  readonly status: GeneratedOrderStatus;
  /** The customer's email marketing consent at the time of this order. */
  readonly acceptsMarketing: boolean;
  /** 'YYYY-MM-DD', or '' when the customer never gave it. */
  readonly birthday: string;
}

export const DEFAULT_START_DAY = dayFromYmd(2024, 1, 1);
export const DEFAULT_DAYS = 730;

/**
 * The parameters of the story, in days where they are times. docs/generator.md explains each; a
 * change here is a change to the demo store every figure in the docs was measured on.
 */
export const STORY = {
  /** New customers per day grow by this factor per year (before seasonality). */
  acquisitionGrowthPerYear: 1.35,
  /**
   * Rate of browsing orders ("something new") per day while active: lambda ~ Gamma(shape, rate),
   * mean shape / rate = one every 200 days; shape < 1 makes most customers slow and a few fast.
   */
  purchaseRate: { shape: 0.6, rate: 120 },
  /**
   * Chance of leaving for good after each order: p ~ Beta(a, b), mean 0.5. Both below 1 make it
   * U-shaped: a crowd of one-and-done buyers and a core of regulars, as real stores have.
   */
  dropout: { a: 0.8, b: 0.8 },
  /** Spend level: s ~ Gamma(shape, rate), mean 1; scales basket size, units and premium picks. */
  spendLevel: { shape: 3, rate: 3 },
  /** Spend-level bucket edges, and the price tilt of each bucket's product choice. */
  spendBuckets: { edges: [0.55, 0.8, 1.15, 1.6], priceTilt: [-0.4, -0.2, 0, 0.2, 0.4] },
  /** A customer's consumption pace multiplies every cycle: exp(sigma * Z) (per-customer jitter). */
  paceSigma: 0.18,
  /** Each single refill's noise around the customer's cycle: exp(sigma * Z). */
  refillSigma: 0.12,
  /** Chance that a first purchase of a consumable makes it a routine bought here. */
  routineAdoption: 0.5,
  /** Chance, at each refill, that the customer still buys it here (else it lapses: bought elsewhere). */
  refillLoyalty: 0.88,
  /** Chance, at each refill, of switching to another product of the same family. */
  familySwitch: 0.08,
  /** Anything due within this many days joins the order being placed ("while I'm at it"). */
  bundleDays: 3,
  /** Extra distinct products in a browsing order: Poisson(this x spend level), at most 3. */
  extraItemsPerSpend: 0.9,
  /** Extra units of a consumable: Poisson(this x spend level), at most 3. */
  extraUnitsPerSpend: 0.25,
  /** Order statuses. */
  cancelledRate: 0.01,
  refundedRate: 0.02,
  /** A refund raises dropout: p' = p + (1 - p) x this. */
  refundDropoutBoost: 0.35,
  /** Marketing consent: share at the first order, then per later order the chance to opt out / in. */
  consent: { initial: 0.6, optOut: 0.03, optIn: 0.02 },
  /** Share of customers who gave a birthday; birth dates from the average of two uniform draws. */
  birthdayKnown: 0.7,
  birthYears: { from: 1950, to: 2006 },
} as const;

/**
 * Store-wide demand by month (January first): a gift-driven year, quiet in summer, peaking in
 * November and December. Applies to arrivals and to browsing orders; refills follow their cycle.
 */
const MONTH_DEMAND = [0.9, 0.8, 0.85, 0.85, 0.9, 0.9, 0.8, 0.8, 0.9, 1.0, 1.35, 1.7];
/** Black Friday to Cyber Monday, on top of November. */
const BLACK_FRIDAY_BOOST = 2.2;
/** December 22-31: past the last shipping day for Christmas. */
const LATE_DECEMBER_FACTOR = 0.5;
/** Sunday first: online shops sell most early in the week and least on Saturday. */
const WEEKDAY_DEMAND = [0.9, 1.1, 1.08, 1.04, 1.0, 0.95, 0.88];
/** Orders by hour of the day: lunch and evening peaks, a quiet night. */
const HOUR_WEIGHTS = [
  0.3, 0.15, 0.1, 0.08, 0.08, 0.15, 0.4, 0.8, 1.1, 1.3, 1.4, 1.5, 1.7, 1.6, 1.4, 1.3, 1.3, 1.4, 1.6, 1.9, 2.1, 2.0, 1.5,
  0.8,
];
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((s, w) => s + w, 0);
/** Reference price for the spend tilt: (price / this) ^ tilt. */
const TILT_REFERENCE_PRICE = 25;
/** Fewest days between an order and an upgrade: nobody replaces a new machine within weeks. */
const MIN_UPGRADE_DELAY = 60;
/** Fewest days one refill lasts. */
const MIN_REFILL_DAYS = 3;
const MAX_EXTRA_ITEMS = 3;
const MAX_EXTRA_UNITS = 3;
/** Tries to find a product the customer would buy new before giving up on a basket slot. */
const PICK_TRIES = 4;

const KIND_CONSUMABLE = 0;
const KIND_DURABLE = 1;
const KIND_ACCESSORY = 2;

/** The id of the generator's customer `index` (0-based): 'cus_000123', numbered by first purchase. */
export function generatedCustomerId(index: number): string {
  return `cus_${String(index + 1).padStart(6, '0')}`;
}

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Generates the store's line items lazily: each customer's orders in date order, customer after
 * customer (customers in order of their first purchase); the rows of one order are adjacent.
 * `rng` defaults to createRng(options.seed): the same options give the same rows. Options are
 * checked here, before the first row is asked for.
 */
export function generateStore(
  options: GenerateStoreOptions,
  rng: Rng = createRng(options.seed),
): Generator<GeneratedOrderRow, void, undefined> {
  const { customers, seed, startDay } = options;
  const days = options.days ?? DEFAULT_DAYS;
  if (!Number.isInteger(customers) || customers < 0) {
    throw new RegularsError('INVALID_ARGUMENT', `customers must be a whole number >= 0, got ${customers}`);
  }
  if (!Number.isInteger(seed)) throw new RegularsError('INVALID_ARGUMENT', `seed must be an integer, got ${seed}`);
  if (!Number.isInteger(startDay))
    throw new RegularsError('INVALID_ARGUMENT', `startDay must be a day number, got ${startDay}`);
  if (!Number.isInteger(days) || days < 1)
    throw new RegularsError('INVALID_ARGUMENT', `days must be a whole number >= 1, got ${days}`);
  const simulator = new CustomerSimulator(compileCatalog(options.catalog ?? CATALOG), new Calendar(startDay, days));
  // One draw keys every customer's own stream.
  const key = Math.floor(rng.next() * 4294967296) >>> 0;
  return simulateCustomers(simulator, customers, key);
}

function* simulateCustomers(
  simulator: CustomerSimulator,
  customers: number,
  key: number,
): Generator<GeneratedOrderRow, void, undefined> {
  // Reused for every customer: the rows are yielded before the next customer overwrites them.
  const rows: GeneratedOrderRow[] = [];
  let arrivalIndex = 0;
  for (let c = 0; c < customers; c++) {
    const rng = createRng(customerSeed(key, c));
    // Stratified inverse-CDF sampling: customer c's quantile lies in [c/N, (c+1)/N), so exactly N
    // customers arrive, in order of their number, with the day-to-day noise of random arrivals.
    const u = (c + rng.next()) / customers;
    arrivalIndex = simulator.calendar.arrivalIndexAtOrAfter(u, arrivalIndex);
    const count = simulator.simulate(c, simulator.calendar.startDay + arrivalIndex, rng, rows);
    for (let i = 0; i < count; i++) yield rows[i];
  }
}

/** The murmur3 finaliser: spreads (seed, customer) over 32 bits so neighbours get unrelated streams. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function customerSeed(key: number, customer: number): number {
  return fmix32((customer ^ fmix32((key ^ 0x5bd1e995) >>> 0)) >>> 0);
}

// ---------------------------------------------------------------------------------------------
// The calendar: demand by day, and the arrival distribution.

class Calendar {
  /** Month (0-11) of each day of the period. */
  readonly month: Uint8Array;
  /** Store-wide demand multiplier of each day (month, Black Friday, late December, weekday). */
  readonly demand: Float64Array;
  readonly maxDemand: number;
  /** Cumulative share of arrivals up to and including each day (the last is 1). */
  private readonly arrivalCdf: Float64Array;

  constructor(
    readonly startDay: number,
    readonly days: number,
  ) {
    this.month = new Uint8Array(days);
    this.demand = new Float64Array(days);
    this.arrivalCdf = new Float64Array(days);
    const blackFridays = new Set<number>();
    const firstYear = Number(ymdFromDay(startDay).slice(0, 4));
    const lastYear = Number(ymdFromDay(startDay + days - 1).slice(0, 4));
    for (let y = firstYear; y <= lastYear; y++) blackFridays.add(blackFriday(y));

    let maxDemand = 0;
    let cumulative = 0;
    const dailyGrowth = Math.log(STORY.acquisitionGrowthPerYear) / 365;
    for (let i = 0; i < days; i++) {
      const day = startDay + i;
      const ymd = ymdFromDay(day);
      const month = Number(ymd.slice(5, 7)) - 1;
      const dom = Number(ymd.slice(8, 10));
      this.month[i] = month;
      let demand = MONTH_DEMAND[month] * WEEKDAY_DEMAND[weekday(day)];
      // Black Friday is a Friday, so the four days from it are Friday to Cyber Monday.
      if (
        blackFridays.has(day) ||
        blackFridays.has(day - 1) ||
        blackFridays.has(day - 2) ||
        blackFridays.has(day - 3)
      ) {
        demand *= BLACK_FRIDAY_BOOST;
      }
      if (month === 11 && dom >= 22) demand *= LATE_DECEMBER_FACTOR;
      this.demand[i] = demand;
      if (demand > maxDemand) maxDemand = demand;
      cumulative += demand * Math.exp(dailyGrowth * i);
      this.arrivalCdf[i] = cumulative;
    }
    for (let i = 0; i < days; i++) this.arrivalCdf[i] /= cumulative;
    this.arrivalCdf[days - 1] = 1;
    this.maxDemand = maxDemand;
  }

  /** First day index whose cumulative arrival share exceeds u, searching forward from `from`. */
  arrivalIndexAtOrAfter(u: number, from: number): number {
    let i = from;
    while (i < this.days - 1 && this.arrivalCdf[i] <= u) i++;
    return i;
  }
}

/** 0 = Sunday: 1970-01-01 (day 0) was a Thursday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The day after the fourth Thursday of November. */
function blackFriday(year: number): number {
  const november1 = dayFromYmd(year, 11, 1);
  const firstThursday = november1 + ((4 - weekday(november1) + 7) % 7);
  return firstThursday + 21 + 1;
}

// ---------------------------------------------------------------------------------------------
// The catalog, resolved to indices and precomputed choice tables for the hot loop.

interface CompiledFollowUp {
  readonly product: number;
  readonly together: number;
  readonly later: number;
  readonly meanDelayDays: number;
}

interface CompiledCatalog {
  readonly products: readonly Product[];
  readonly kind: Uint8Array;
  readonly cycleDays: Float64Array;
  /** Other consumables of the same family, per product. */
  readonly substitutes: readonly (readonly number[])[];
  readonly followUps: readonly (readonly CompiledFollowUp[])[];
  /** Upgrade target per product (-1 none), its probability and mean delay. */
  readonly upgradeTo: Int32Array;
  readonly upgradeProbability: Float64Array;
  readonly upgradeMeanDelay: Float64Array;
  /** Season multiplier of product j in month m at [m * n + j]. */
  readonly seasonFactor: Float64Array;
  /** Cumulative choice weights for month m and spend bucket b at [(m * B + b) * n + j]. */
  readonly choiceCdf: Float64Array;
}

function compileCatalog(catalog: readonly Product[]): CompiledCatalog {
  const n = catalog.length;
  if (n === 0) throw new RegularsError('INVALID_ARGUMENT', 'the catalog has no products');
  const index = new Map<string, number>();
  catalog.forEach((p, i) => {
    if (index.has(p.sku)) throw new RegularsError('INVALID_ARGUMENT', `duplicate SKU ${p.sku} in the catalog`);
    if (!(p.price >= 0) || !(p.popularity >= 0))
      throw new RegularsError('INVALID_ARGUMENT', `bad price or popularity for ${p.sku}`);
    if (p.kind === 'consumable' && !(p.cycleDays > 0))
      throw new RegularsError('INVALID_ARGUMENT', `consumable ${p.sku} needs cycleDays > 0`);
    index.set(p.sku, i);
  });
  const resolve = (sku: string, from: string): number => {
    const i = index.get(sku);
    if (i === undefined) throw new RegularsError('INVALID_ARGUMENT', `${from} refers to unknown SKU ${sku}`);
    return i;
  };

  const kind = new Uint8Array(n);
  const cycleDays = new Float64Array(n);
  const upgradeTo = new Int32Array(n).fill(-1);
  const upgradeProbability = new Float64Array(n);
  const upgradeMeanDelay = new Float64Array(n);
  const followUps: CompiledFollowUp[][] = [];
  const substitutes: number[][] = [];
  for (let j = 0; j < n; j++) {
    const p = catalog[j];
    followUps.push([]);
    substitutes.push([]);
    if (p.kind === 'consumable') {
      kind[j] = KIND_CONSUMABLE;
      cycleDays[j] = p.cycleDays;
      if (p.family !== '') {
        catalog.forEach((q, k) => {
          if (k !== j && q.kind === 'consumable' && q.family === p.family) substitutes[j].push(k);
        });
      }
    } else if (p.kind === 'durable') {
      kind[j] = KIND_DURABLE;
      for (const f of p.followUps) {
        followUps[j].push({
          product: resolve(f.sku, p.sku),
          together: f.together,
          later: f.later,
          meanDelayDays: f.meanDelayDays,
        });
      }
      if (p.upgrade) {
        const target = resolve(p.upgrade.sku, p.sku);
        if (catalog[target].kind !== 'durable')
          throw new RegularsError('INVALID_ARGUMENT', `${p.sku} upgrades to ${p.upgrade.sku}, which is not durable`);
        upgradeTo[j] = target;
        upgradeProbability[j] = p.upgrade.probability;
        upgradeMeanDelay[j] = p.upgrade.meanDelayDays;
      }
    } else {
      kind[j] = KIND_ACCESSORY;
    }
  }

  const seasonFactor = new Float64Array(12 * n);
  for (let m = 0; m < 12; m++)
    for (let j = 0; j < n; j++) seasonFactor[m * n + j] = SEASON_PROFILES[catalog[j].season][m];

  const tilts = STORY.spendBuckets.priceTilt;
  const buckets = tilts.length;
  const choiceCdf = new Float64Array(12 * buckets * n);
  for (let m = 0; m < 12; m++) {
    for (let b = 0; b < buckets; b++) {
      let cumulative = 0;
      const base = (m * buckets + b) * n;
      for (let j = 0; j < n; j++) {
        const p = catalog[j];
        cumulative +=
          p.popularity * seasonFactor[m * n + j] * (Math.max(p.price, 0.01) / TILT_REFERENCE_PRICE) ** tilts[b];
        choiceCdf[base + j] = cumulative;
      }
      if (!(cumulative > 0))
        throw new RegularsError('INVALID_ARGUMENT', 'every product in the catalog has popularity 0');
    }
  }
  return {
    products: catalog,
    kind,
    cycleDays,
    substitutes,
    followUps,
    upgradeTo,
    upgradeProbability,
    upgradeMeanDelay,
    seasonFactor,
    choiceCdf,
  };
}

function spendBucket(spend: number): number {
  const edges = STORY.spendBuckets.edges;
  let b = 0;
  while (b < edges.length && spend >= edges[b]) b++;
  return b;
}

// ---------------------------------------------------------------------------------------------
// One customer's life. Scratch state lives on the simulator and is reset per customer, so the
// hot loop allocates only the rows it yields.

class CustomerSimulator {
  private readonly n: number;
  private readonly buckets: number;
  private readonly endDay: number;
  private readonly birthFirstDay: number;
  private readonly birthSpan: number;
  /** Birthday text by offset, filled on first use: Date-based formatting is slow in a hot loop. */
  private readonly birthdayText: string[] = [];
  private orderNumber = 0;

  // The customer being simulated.
  private rng: Rng = createRng(0);
  private purchaseRate = 0;
  private dropout = 0;
  private spend = 0;
  private bucket = 0;
  private pace = 1;
  private consent = false;

  /** Refill routines: product indices, and the day each is next due. */
  private readonly routines: Int32Array;
  private routineCount = 0;
  private readonly routineDue: Float64Array;
  /** 1 while the product is one of the customer's routines. */
  private readonly hasRoutine: Uint8Array;
  /** 1 while the customer owns the durable or accessory. */
  private readonly owns: Uint8Array;
  /** Planned purchases: follow-ups of a durable and upgrades (day, product). */
  private eventDay = new Int32Array(16);
  private eventProduct = new Int32Array(16);
  private eventCount = 0;
  /** Next browsing order (continuous time in days; Infinity when none falls in the period). */
  private nextBrowse = Number.POSITIVE_INFINITY;

  /** The basket being built: products and units; basketMark[j] === basketSerial when j is in it. */
  private readonly basket: Int32Array;
  private readonly units: Int32Array;
  private basketSize = 0;
  private readonly basketMark: Int32Array;
  /** Rows written for the current customer. */
  private rowCount = 0;
  private basketSerial = 0;

  constructor(
    private readonly catalog: CompiledCatalog,
    readonly calendar: Calendar,
  ) {
    this.n = catalog.products.length;
    this.buckets = STORY.spendBuckets.priceTilt.length;
    this.endDay = calendar.startDay + calendar.days;
    this.routines = new Int32Array(this.n);
    this.routineDue = new Float64Array(this.n);
    this.basket = new Int32Array(this.n);
    this.units = new Int32Array(this.n);
    this.hasRoutine = new Uint8Array(this.n);
    this.owns = new Uint8Array(this.n);
    this.basketMark = new Int32Array(this.n);
    this.birthFirstDay = dayFromYmd(STORY.birthYears.from, 1, 1);
    this.birthSpan = dayFromYmd(STORY.birthYears.to, 12, 31) - this.birthFirstDay + 1;
  }

  /** Writes the customer's rows into out[0 ..] and returns how many. */
  simulate(customer: number, arrivalDay: number, rng: Rng, out: GeneratedOrderRow[]): number {
    this.rng = rng;
    this.reset();
    // The customer's traits: the BG/NBD pair (rate, dropout), spend level and pace.
    this.purchaseRate = randomGamma(rng, STORY.purchaseRate.shape, 1 / STORY.purchaseRate.rate);
    this.dropout = randomBeta(rng, STORY.dropout.a, STORY.dropout.b);
    this.spend = randomGamma(rng, STORY.spendLevel.shape, 1 / STORY.spendLevel.rate);
    this.bucket = spendBucket(this.spend);
    this.pace = Math.exp(STORY.paceSigma * randomNormal(rng));
    this.consent = rng.next() < STORY.consent.initial;
    let birthday = '';
    if (rng.next() < STORY.birthdayKnown) {
      // The mean of two uniforms: a triangular spread that puts most customers in their 30s-50s.
      const offset = Math.floor(((rng.next() + rng.next()) / 2) * this.birthSpan);
      birthday = this.birthdayText[offset] ??= ymdFromDay(this.birthFirstDay + offset);
    }
    const customerId = generatedCustomerId(customer);
    const number = customerId.slice('cus_'.length);
    const email = `c${number}@example.com`;

    // The first order is a browsing order on the arrival day; the browsing clock starts after it.
    let day = arrivalDay;
    let browsing = true;
    let first = true;
    this.nextBrowse = this.drawBrowse(arrivalDay + 1);
    for (;;) {
      this.basketSerial++;
      this.basketSize = 0;
      const horizon = day + STORY.bundleDays;
      if (browsing || Math.floor(this.nextBrowse) <= horizon) {
        this.addBrowsingItems(day);
        if (!browsing) this.nextBrowse = this.drawBrowse(day + 1);
      }
      this.takeDue(horizon);

      if (this.basketSize > 0) {
        this.addTogetherItems();
        const u = rng.next();
        const status: GeneratedOrderStatus =
          u < STORY.cancelledRate ? 'cancelled' : u < STORY.cancelledRate + STORY.refundedRate ? 'refunded' : 'paid';
        if (!first) {
          // Consent changes at checkout (a box ticked or unticked), so it holds for this order.
          if (this.consent) this.consent = rng.next() >= STORY.consent.optOut;
          else this.consent = rng.next() < STORY.consent.optIn;
        }
        this.emit(out, customerId, email, birthday, day, status);
        this.applyOrder(day, status);
        first = false;
        let leave = this.dropout;
        if (status === 'refunded') leave += (1 - leave) * STORY.refundDropoutBoost;
        if (rng.next() < leave) return this.rowCount;
      }

      // The next order: the earliest of a due refill, a planned follow-up and a browsing order.
      let next = Math.floor(this.nextBrowse);
      browsing = true;
      for (let i = 0; i < this.routineCount; i++) {
        const due = this.routineDue[this.routines[i]];
        if (due < next) {
          next = due;
          browsing = false;
        }
      }
      for (let i = 0; i < this.eventCount; i++) {
        if (this.eventDay[i] < next) {
          next = this.eventDay[i];
          browsing = false;
        }
      }
      if (!(next < this.endDay)) return this.rowCount;
      // A browsing order on the same day as a refill is the same order.
      if (!browsing && Math.floor(this.nextBrowse) === next) browsing = true;
      if (browsing) this.nextBrowse = this.drawBrowse(next + 1);
      day = next;
    }
  }

  private reset(): void {
    for (let i = 0; i < this.routineCount; i++) this.hasRoutine[this.routines[i]] = 0;
    this.routineCount = 0;
    this.owns.fill(0);
    this.eventCount = 0;
    this.rowCount = 0;
  }

  /**
   * Time of the next browsing order at or after `from`: a Poisson process with rate
   * lambda x demand(day), drawn by thinning (Lewis & Shedler 1979) against the peak demand.
   */
  private drawBrowse(from: number): number {
    const calendar = this.calendar;
    const peakRate = this.purchaseRate * calendar.maxDemand;
    if (!(peakRate > 0)) return Number.POSITIVE_INFINITY;
    let t = from;
    for (;;) {
      t += randomExponential(this.rng, peakRate);
      if (t >= this.endDay) return Number.POSITIVE_INFINITY;
      if (this.rng.next() * calendar.maxDemand < calendar.demand[Math.floor(t) - calendar.startDay]) return t;
    }
  }

  /** Something new: 1 + Poisson(0.9 x spend) products the customer has no routine for and does not own. */
  private addBrowsingItems(day: number): void {
    const rng = this.rng;
    const n = this.n;
    const month = this.calendar.month[day - this.calendar.startDay];
    const base = (month * this.buckets + this.bucket) * n;
    const cdf = this.catalog.choiceCdf;
    const total = cdf[base + n - 1];
    const items = 1 + Math.min(MAX_EXTRA_ITEMS, randomPoisson(rng, STORY.extraItemsPerSpend * this.spend));
    for (let k = 0; k < items; k++) {
      for (let attempt = 0; attempt < PICK_TRIES; attempt++) {
        const r = rng.next() * total;
        let j = 0;
        while (j < n - 1 && cdf[base + j] <= r) j++;
        if (this.basketMark[j] === this.basketSerial || this.hasRoutine[j] === 1 || this.owns[j] === 1) continue;
        this.addItem(j);
        break;
      }
    }
  }

  /** Refills and planned purchases due by `horizon` join the order. */
  private takeDue(horizon: number): void {
    for (let i = this.routineCount - 1; i >= 0; i--) {
      const j = this.routines[i];
      if (this.routineDue[j] <= horizon && this.basketMark[j] !== this.basketSerial) this.addItem(j);
    }
    for (let i = this.eventCount - 1; i >= 0; i--) {
      if (this.eventDay[i] > horizon) continue;
      const j = this.eventProduct[i];
      // Swap-remove: the order of pending events does not matter.
      const last = --this.eventCount;
      this.eventDay[i] = this.eventDay[last];
      this.eventProduct[i] = this.eventProduct[last];
      // A planned purchase of something already owned or already in the basket is dropped.
      if (this.owns[j] === 1 || this.basketMark[j] === this.basketSerial) continue;
      this.addItem(j);
    }
  }

  /** Cross-sells bought with a new durable in the same order. */
  private addTogetherItems(): void {
    const count = this.basketSize;
    for (let i = 0; i < count; i++) {
      const j = this.basket[i];
      if (this.catalog.kind[j] !== KIND_DURABLE) continue;
      for (const f of this.catalog.followUps[j]) {
        if (
          this.basketMark[f.product] !== this.basketSerial &&
          this.owns[f.product] === 0 &&
          this.rng.next() < f.together
        ) {
          this.addItem(f.product);
        }
      }
    }
  }

  private addItem(j: number): void {
    let units = 1;
    const kind = this.catalog.kind[j];
    if (kind === KIND_CONSUMABLE)
      units += Math.min(MAX_EXTRA_UNITS, randomPoisson(this.rng, STORY.extraUnitsPerSpend * this.spend));
    this.basketMark[j] = this.basketSerial;
    this.basket[this.basketSize] = j;
    this.units[this.basketSize] = units;
    this.basketSize++;
  }

  private emit(
    out: GeneratedOrderRow[],
    customerId: string,
    email: string,
    birthday: string,
    day: number,
    status: GeneratedOrderStatus,
  ): void {
    const rng = this.rng;
    const hour = randomWeightedIndex(rng, HOUR_WEIGHTS, HOUR_TOTAL);
    const time = `${PAD2[hour]}:${PAD2[randomInt(rng, 60)]}:${PAD2[randomInt(rng, 60)]}`;
    this.orderNumber++;
    const orderId = `ord_${String(this.orderNumber).padStart(9, '0')}`;
    const products = this.catalog.products;
    for (let i = 0; i < this.basketSize; i++) {
      const p = products[this.basket[i]];
      out[this.rowCount++] = {
        orderId,
        customerId,
        email,
        day,
        time,
        sku: p.sku,
        productName: p.name,
        category: p.category,
        quantity: this.units[i],
        price: p.price,
        currency: 'USD',
        status,
        acceptsMarketing: this.consent,
        birthday,
      };
    }
  }

  /** What an order changes: routines rescheduled or started, durables owned, follow-ups planned. */
  private applyOrder(day: number, status: GeneratedOrderStatus): void {
    const rng = this.rng;
    const catalog = this.catalog;
    for (let i = 0; i < this.basketSize; i++) {
      const j = this.basket[i];
      const kind = catalog.kind[j];
      if (status === 'cancelled') {
        // The customer still needs it: a routine item is ordered again within the week.
        if (kind === KIND_CONSUMABLE && this.hasRoutine[j] === 1) this.routineDue[j] = day + 1 + randomInt(rng, 7);
        continue;
      }
      if (status === 'refunded') {
        // Unhappy with it: the routine ends (and dropout rises, see simulate).
        if (kind === KIND_CONSUMABLE && this.hasRoutine[j] === 1) this.endRoutine(j);
        continue;
      }
      if (kind === KIND_CONSUMABLE) {
        if (this.hasRoutine[j] === 1 || rng.next() < STORY.routineAdoption) this.scheduleRefill(j, day);
      } else if (kind === KIND_ACCESSORY) {
        // One scale is enough: an owned accessory is neither browsed for nor bought as a follow-up.
        this.owns[j] = 1;
      } else if (this.owns[j] === 0) {
        this.owns[j] = 1;
        for (const f of catalog.followUps[j]) {
          if (this.basketMark[f.product] === this.basketSerial) continue;
          if (rng.next() < f.later)
            this.plan(day + 1 + Math.round(randomExponential(rng, 1 / f.meanDelayDays)), f.product);
        }
        const target = catalog.upgradeTo[j];
        if (target >= 0 && rng.next() < catalog.upgradeProbability[j]) {
          const delay = Math.round(randomGamma(rng, 4, catalog.upgradeMeanDelay[j] / 4));
          this.plan(day + Math.max(MIN_UPGRADE_DELAY, delay), target);
        }
      }
    }
  }

  /**
   * The next refill of product j bought on `day`: cycle x the customer's pace x refill noise.
   * The routine may lapse (bought elsewhere; likelier out of the product's season) or move to
   * another product of the same family.
   */
  private scheduleRefill(j: number, day: number): void {
    const rng = this.rng;
    const catalog = this.catalog;
    let target = j;
    const substitutes = catalog.substitutes[j];
    if (substitutes.length > 0 && rng.next() < STORY.familySwitch)
      target = substitutes[randomInt(rng, substitutes.length)];
    const cycle = catalog.cycleDays[target] * this.pace * Math.exp(STORY.refillSigma * randomNormal(rng));
    const due = day + Math.max(MIN_REFILL_DAYS, Math.round(cycle));
    const index = due - this.calendar.startDay;
    const season = index < this.calendar.days ? catalog.seasonFactor[this.calendar.month[index] * this.n + target] : 1;
    const keep = rng.next() < STORY.refillLoyalty * Math.min(1, season);
    this.endRoutine(j);
    // Switching into a product that is already a routine keeps that routine's own schedule.
    if (!keep || this.hasRoutine[target] === 1) return;
    this.hasRoutine[target] = 1;
    this.routines[this.routineCount++] = target;
    this.routineDue[target] = due;
  }

  private endRoutine(j: number): void {
    if (this.hasRoutine[j] === 0) return;
    this.hasRoutine[j] = 0;
    for (let i = 0; i < this.routineCount; i++) {
      if (this.routines[i] === j) {
        this.routines[i] = this.routines[--this.routineCount];
        return;
      }
    }
  }

  private plan(day: number, product: number): void {
    if (this.eventCount === this.eventDay.length) {
      // Rarely needed: a customer would have to own many durables at once.
      const day2 = new Int32Array(this.eventCount * 2);
      const product2 = new Int32Array(this.eventCount * 2);
      day2.set(this.eventDay);
      product2.set(this.eventProduct);
      this.eventDay = day2;
      this.eventProduct = product2;
    }
    this.eventDay[this.eventCount] = day;
    this.eventProduct[this.eventCount] = product;
    this.eventCount++;
  }
}
