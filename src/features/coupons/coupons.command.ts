import { type Command, Option } from 'commander';
import type { Coupon, CouponInput, CouponKind, CouponScope } from './coupon.js';
import { RegularsError } from '../../platform/errors.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { nonNegativeInteger, positiveInteger } from '../../platform/cli/shared-options.js';
import { printJson } from '../../platform/cli/command-output.js';

/** The store layer plus the coupon use cases, loaded only when a coupons command runs. */
async function loadCouponLayer() {
  const [layer, coupons] = await Promise.all([loadStoreLayer(), import('./coupons.service.js')]);
  return { ...layer, ...coupons };
}

/** Repeatable options collect their values into a list. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** 'SKU MUG, category coffee': what a scope names. */
function describeScope(scope: CouponScope): string {
  return [...scope.skus.map((sku) => `SKU ${sku}`), ...scope.categories.map((category) => `category ${category}`)].join(
    ' or ',
  );
}

/**
 * '10% off', '500 EUR minor units off', 'free shipping' or 'one free SKU MUG', then the scope, the
 * minimum, uses (and held reservations), limits, window, who may use it and whether it combines.
 */
function describeTerms(coupon: Coupon): string {
  const worth =
    coupon.kind === 'percent'
      ? `${coupon.value}% off`
      : coupon.kind === 'amount'
        ? `${coupon.value} ${coupon.currency} minor units off`
        : coupon.kind === 'free_shipping'
          ? 'free shipping'
          : `one free ${describeScope(coupon.scope ?? { skus: [], categories: [] })}`;
  const parts = [worth];
  if (coupon.scope !== null && coupon.kind !== 'free_product') parts.push(`on ${describeScope(coupon.scope)}`);
  if (coupon.minSubtotalMinor > 0) parts.push(`from ${coupon.minSubtotalMinor} ${coupon.currency} minor units`);
  parts.push(
    `used ${coupon.uses}${coupon.held > 0 ? ` (+${coupon.held} reserved)` : ''}${coupon.usageLimit === null ? '' : ` of ${coupon.usageLimit}`}`,
  );
  if (coupon.perCustomerLimit !== null) parts.push(`${coupon.perCustomerLimit} per customer`);
  if (coupon.validFrom !== null) parts.push(`from ${coupon.validFrom}`);
  if (coupon.validUntil !== null) parts.push(`until ${coupon.validUntil}`);
  if (coupon.customerId !== null) parts.push(`only customer ${coupon.customerId}`);
  if (coupon.eligibleTiers.length > 0) parts.push(`tiers ${coupon.eligibleTiers.join(', ')}`);
  if (coupon.eligibleSegments.length > 0) parts.push(`segments ${coupon.eligibleSegments.join(', ')}`);
  if (coupon.combinable) parts.push('combinable');
  return parts.join(', ');
}

interface CreateFlags extends DatabaseFlags {
  store: string;
  code?: string;
  kind: 'percent' | 'amount' | 'free-shipping' | 'free-product';
  value?: number;
  minSubtotal: number;
  currency?: string;
  usageLimit?: number;
  perCustomerLimit?: number;
  validFrom?: string;
  validUntil?: string;
  count?: number;
  scopeSku: string[];
  scopeCategory: string[];
  sku: string[];
  tier: string[];
  segment: string[];
  combinable: boolean;
  customer?: string;
  json: boolean;
}

function couponInput(flags: CreateFlags): CouponInput {
  const kind: CouponKind =
    flags.kind === 'free-shipping' ? 'free_shipping' : flags.kind === 'free-product' ? 'free_product' : flags.kind;
  const skus = [...flags.sku, ...flags.scopeSku];
  if (kind === 'free_product' && skus.length === 0 && flags.scopeCategory.length === 0) {
    throw new RegularsError(
      'INVALID_ARGUMENT',
      '--sku SKU is required for a free-product coupon (the product given free)',
      { option: '--sku' },
    );
  }
  if ((kind === 'percent' || kind === 'amount') && flags.value === undefined) {
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `--value is required for a ${kind} coupon (${kind === 'percent' ? 'whole percent, 1 to 100' : 'minor units'})`,
      {
        option: '--value',
      },
    );
  }
  if (flags.count === undefined && flags.code === undefined) {
    throw new RegularsError(
      'INVALID_ARGUMENT',
      'give --code CODE, or --count N to generate N random codes (--code is then their prefix)',
      { option: '--code' },
    );
  }
  return {
    code: flags.code ?? '',
    kind,
    value: flags.value ?? 0,
    minSubtotalMinor: flags.minSubtotal,
    currency: flags.currency ?? null,
    usageLimit: flags.usageLimit ?? null,
    perCustomerLimit: flags.perCustomerLimit ?? null,
    validFrom: flags.validFrom ?? null,
    validUntil: flags.validUntil ?? null,
    scope: skus.length === 0 && flags.scopeCategory.length === 0 ? null : { skus, categories: flags.scopeCategory },
    customerId: flags.customer ?? null,
    eligibleTiers: flags.tier,
    eligibleSegments: flags.segment,
    combinable: flags.combinable,
  };
}

export function registerCouponsCommand(program: Command): void {
  const coupons = program
    .command('coupons')
    .description('create coupon codes (one, or many random ones) and list them with their uses');

  addDatabaseOption(
    coupons
      .command('create')
      .description('create a coupon, or with --count N, N coupons with unique random codes')
      .requiredOption('--store <id>', 'the store the coupon belongs to')
      .option(
        '--code <code>',
        'the code (3-64 of A-Z 0-9 - _, any case; stored upper case); with --count, the prefix of the random codes',
      )
      .addOption(
        new Option('--kind <kind>', 'what the coupon gives')
          .choices(['percent', 'amount', 'free-shipping', 'free-product'])
          .makeOptionMandatory(),
      )
      .option('--value <n>', 'percent: whole percent (1-100); amount: minor units (500 = 5.00)', nonNegativeInteger)
      .option('--min-subtotal <n>', 'minimum cart subtotal, minor units', nonNegativeInteger, 0)
      .option('--currency <code>', 'ISO 4217 code; required with an amount or a minimum subtotal')
      .option('--usage-limit <n>', 'redemptions allowed in total (each generated code has its own)', positiveInteger)
      .option('--per-customer-limit <n>', 'redemptions allowed per customer', positiveInteger)
      .option('--valid-from <instant>', 'ISO 8601 with offset, e.g. 2025-06-01T00:00:00Z')
      .option('--valid-until <instant>', 'ISO 8601 with offset; the coupon stops applying at this instant')
      .option('--count <n>', 'generate N coupons with unique unguessable codes (60 random bits each)', positiveInteger)
      .option(
        '--sku <sku>',
        'free-product: the SKU given free (repeat for a choice; the cheapest in the cart is free)',
        collect,
        [],
      )
      .option('--scope-sku <sku>', 'apply only to cart lines of this SKU (repeatable)', collect, [])
      .option('--scope-category <category>', 'apply only to cart lines of this category (repeatable)', collect, [])
      .option('--tier <name>', 'only customers in this tier (repeatable: any of them)', collect, [])
      .option(
        '--segment <name>',
        'only customers in this RFM segment, e.g. Champions (repeatable: any of them)',
        collect,
        [],
      )
      .option('--customer <id>', "only this customer (the store's external customer id)")
      .option('--combinable', 'may be used together with other combinable coupons on one cart', false)
      .option('--json', 'print the coupon (with --count, the list) as JSON', false),
  ).action(async (flags: CreateFlags) => {
    const input = couponInput(flags);
    const { withDatabase, createCoupon, createCouponBatch } = await loadCouponLayer();
    await withDatabase(flags, async (db) => {
      if (flags.count === undefined) {
        const coupon = await createCoupon(db, flags.store, input);
        if (flags.json) printJson(coupon);
        else process.stdout.write(`created coupon ${coupon.code} (${coupon.id}): ${describeTerms(coupon)}\n`);
        return;
      }
      const created = await createCouponBatch(db, flags.store, input, flags.count);
      // Text output is the codes alone, one a line, ready to pipe into a mailing or a file.
      if (flags.json) printJson(created);
      else process.stdout.write(`${created.map((c) => c.code).join('\n')}\n`);
    });
  });

  addDatabaseOption(
    coupons
      .command('list')
      .description("list the store's coupons with their terms and uses")
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print the list as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const { withDatabase, listCoupons, getStore } = await loadCouponLayer();
    await withDatabase(flags, async (db) => {
      // An unknown store is an error, not an empty list: a mistyped id should not look like "no coupons".
      await getStore(db, flags.store);
      const listing = await listCoupons(db, flags.store);
      if (flags.json) {
        printJson(listing);
        return;
      }
      if (listing.length === 0) {
        process.stdout.write(
          `no coupons yet; create one with: regulars coupons create --store ${flags.store} --code CODE --kind percent --value 10\n`,
        );
        return;
      }
      process.stdout.write(`${listing.map((c) => `${c.code}  ${c.id}  ${describeTerms(c)}`).join('\n')}\n`);
    });
  });
}
