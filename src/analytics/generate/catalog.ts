/**
 * The demo store's catalog: a specialty coffee and kitchen shop. The catalog carries the parts of
 * the "true story" that belong to products (docs/generator.md): how long a consumable lasts, which
 * accessories follow a durable and how often, which durable a customer upgrades to, and when in
 * the year a product sells. The store simulator reads nothing else about products.
 */

/**
 * - consumable: used up and rebought on a product-specific cycle (beans, filters, descaler);
 * - durable: bought once, followed by its accessories and, for some customers, an upgrade;
 * - accessory: bought once or now and then, with no cycle of its own.
 */
export type ProductKind = 'consumable' | 'durable' | 'accessory';

/**
 * When in the year a product sells (see SEASON_PROFILES): cold brew in summer, tea and drinking
 * chocolate in winter, machines, mugs and gift boxes as Christmas presents.
 */
export type SeasonProfile = 'flat' | 'summer' | 'winter' | 'gift';

/** A product bought after (or with) a durable: one cross-sell pair of the story. */
export interface FollowUp {
  readonly sku: string;
  /** Chance that the follow-up is in the same order as the durable (bought together). */
  readonly together: number;
  /** Otherwise, the chance that it is bought in a later order ... */
  readonly later: number;
  /** ... about this many days after the durable (1 + an exponential delay with this mean). */
  readonly meanDelayDays: number;
}

/** The better durable that some owners buy months later (an upgrade offer's target). */
export interface Upgrade {
  readonly sku: string;
  /** Chance that an owner upgrades at all (if still a customer by then). */
  readonly probability: number;
  /** Mean delay; drawn from a Gamma with shape 4, so few upgrade in the first months. */
  readonly meanDelayDays: number;
}

interface ProductBase {
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  /** List price in major units (USD), two decimals. */
  readonly price: number;
  /** Relative weight when a customer picks something new to buy (before season and spend tilt). */
  readonly popularity: number;
  readonly season: SeasonProfile;
}

export interface ConsumableProduct extends ProductBase {
  readonly kind: 'consumable';
  /** Days one unit lasts a typical customer; each customer's own pace scales it (per-customer jitter). */
  readonly cycleDays: number;
  /** Consumables of one family replace each other (House Blend -> Espresso Roast); '' for none. */
  readonly family: string;
}

export interface DurableProduct extends ProductBase {
  readonly kind: 'durable';
  readonly followUps: readonly FollowUp[];
  readonly upgrade: Upgrade | null;
}

export interface AccessoryProduct extends ProductBase {
  readonly kind: 'accessory';
}

export type Product = ConsumableProduct | DurableProduct | AccessoryProduct;

/** Month multipliers (January first) for each season profile; each averages about 1. */
export const SEASON_PROFILES: Readonly<Record<SeasonProfile, readonly number[]>> = {
  flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  summer: [0.4, 0.4, 0.6, 0.9, 1.3, 1.8, 2.0, 1.8, 1.1, 0.7, 0.5, 0.5],
  winter: [1.5, 1.4, 1.1, 0.9, 0.7, 0.6, 0.6, 0.6, 0.8, 1.1, 1.4, 1.6],
  gift: [0.6, 0.7, 0.8, 0.8, 1.0, 1.0, 0.8, 0.8, 0.9, 1.0, 2.0, 2.6],
};

const consumable = (
  sku: string,
  name: string,
  category: string,
  price: number,
  cycleDays: number,
  popularity: number,
  family = '',
  season: SeasonProfile = 'flat',
): ConsumableProduct => ({ kind: 'consumable', sku, name, category, price, cycleDays, popularity, family, season });

const durable = (
  sku: string,
  name: string,
  category: string,
  price: number,
  popularity: number,
  followUps: FollowUp[],
  upgrade: Upgrade | null = null,
  season: SeasonProfile = 'gift',
): DurableProduct => ({ kind: 'durable', sku, name, category, price, popularity, followUps, upgrade, season });

const accessory = (
  sku: string,
  name: string,
  category: string,
  price: number,
  popularity: number,
  season: SeasonProfile = 'flat',
): AccessoryProduct => ({ kind: 'accessory', sku, name, category, price, popularity, season });

const follow = (sku: string, together: number, later: number, meanDelayDays: number): FollowUp => ({
  sku,
  together,
  later,
  meanDelayDays,
});

/**
 * 63 products. Names are real-shop names on purpose, including a comma ("Gooseneck Kettle, 1L")
 * and an inch mark ('5" Dial'), so every CSV path quotes and escapes them.
 */
export const CATALOG: readonly Product[] = [
  // Coffee: the shop's bread and butter, rebought every 3-8 weeks.
  consumable('BN-HOUSE-250', 'House Blend Whole Bean 250g', 'Coffee Beans', 11.5, 21, 6, 'beans'),
  consumable('BN-HOUSE-500', 'House Blend Whole Bean 500g', 'Coffee Beans', 19.0, 30, 10, 'beans'),
  consumable('BN-HOUSE-1K', 'House Blend Whole Bean 1kg', 'Coffee Beans', 34.0, 60, 4, 'beans'),
  consumable('BN-ESPR-500', 'Espresso Roast Whole Bean 500g', 'Coffee Beans', 20.5, 30, 7, 'beans'),
  consumable('BN-ESPR-1K', 'Espresso Roast Whole Bean 1kg', 'Coffee Beans', 37.0, 60, 3, 'beans'),
  consumable('BN-DECAF-250', 'Swiss Water Decaf 250g', 'Coffee Beans', 13.5, 45, 2, 'beans'),
  consumable('BN-ETH-250', 'Ethiopia Yirgacheffe Single Origin 250g', 'Coffee Beans', 16.5, 21, 3, 'beans'),
  consumable('BN-COL-250', 'Colombia Huila Single Origin 250g', 'Coffee Beans', 15.0, 21, 3, 'beans'),
  consumable('BN-KEN-250', 'Kenya AA Single Origin 250g', 'Coffee Beans', 18.0, 21, 1.5, 'beans'),
  consumable('BN-GEISHA-100', 'Panama Geisha Reserve 100g', 'Coffee Beans', 32.0, 30, 0.4, 'beans'),
  consumable('GR-HOUSE-500', 'House Blend Ground 500g', 'Coffee Beans', 19.0, 30, 4, 'ground'),
  consumable('CB-PACK-12', 'Cold Brew Packs (12)', 'Coffee Beans', 24.0, 30, 2, 'cold-brew', 'summer'),
  consumable('CAP-ESPR-50', 'Espresso Capsules (50)', 'Coffee Beans', 22.0, 30, 3, 'capsules'),
  // Tea and chocolate: slower cycles, winter drinks.
  consumable('TEA-EARL-100', 'Earl Grey Loose Leaf 100g', 'Tea', 11.0, 45, 1.5, 'tea', 'winter'),
  consumable('TEA-SENCHA-100', 'Sencha Green Tea 100g', 'Tea', 12.5, 45, 1.2, 'tea'),
  consumable('TEA-CHAI-200', 'Masala Chai 200g', 'Tea', 14.0, 45, 1.2, 'tea', 'winter'),
  consumable('TEA-CHAM-50', 'Chamomile Flowers 50g', 'Tea', 9.5, 60, 0.8, 'tea', 'winter'),
  consumable('CHOC-500', 'Drinking Chocolate 500g', 'Milk & Syrups', 15.0, 45, 1, '', 'winter'),
  // Filters: tied to a brewer (no family: V60 papers do not fit a Chemex).
  consumable('FLT-V60-100', 'V60 Paper Filters 02 (100)', 'Filters', 7.5, 60, 2),
  consumable('FLT-CHX-100', 'Chemex Bonded Filters (100)', 'Filters', 12.0, 90, 1),
  consumable('FLT-BASKET-200', 'Basket Filters 8-12 Cup (200)', 'Filters', 6.5, 90, 1.5),
  consumable('FLT-AERO-350', 'AeroPress Paper Filters (350)', 'Filters', 6.0, 180, 0.8),
  consumable('FLT-WATER-3', 'Water Filter Cartridges (3)', 'Filters', 24.0, 90, 0.8),
  // Care: the slow cycles that replenishment reminders are easiest to get wrong for.
  consumable('CLN-DESCALE', 'Descaler (2 doses)', 'Cleaning & Care', 14.0, 90, 1.2),
  consumable('CLN-TABS-100', 'Espresso Cleaning Tablets (100)', 'Cleaning & Care', 16.0, 120, 0.6),
  consumable('CLN-PELLET', 'Grinder Cleaning Pellets 430g', 'Cleaning & Care', 13.0, 90, 0.5),
  consumable('CLN-MILK', 'Milk System Cleaner 500ml', 'Cleaning & Care', 12.0, 60, 0.4),
  // Milk and syrups.
  consumable('SYR-VAN', 'Vanilla Syrup 750ml', 'Milk & Syrups', 9.5, 45, 1.2, 'syrup'),
  consumable('SYR-CAR', 'Caramel Syrup 750ml', 'Milk & Syrups', 9.5, 45, 1, 'syrup'),
  consumable('SYR-HAZ', 'Hazelnut Syrup 750ml', 'Milk & Syrups', 9.5, 45, 0.8, 'syrup'),
  consumable('OAT-BARISTA-6', 'Barista Oat Milk 6 x 1L', 'Milk & Syrups', 21.0, 14, 1.5),

  // Durables: bought once; accessories follow, and some owners upgrade months later.
  durable(
    'GRD-HAND',
    'Hand Grinder',
    'Grinders',
    89.0,
    1.2,
    [follow('ACC-BRUSH', 0.2, 0.15, 20), follow('ACC-CANISTER', 0.15, 0.2, 25), follow('BN-HOUSE-500', 0.35, 0.15, 10)],
    { sku: 'GRD-BURR', probability: 0.15, meanDelayDays: 240 },
  ),
  durable(
    'GRD-BURR',
    'Conical Burr Grinder',
    'Grinders',
    129.0,
    2,
    [
      follow('BN-HOUSE-500', 0.35, 0.15, 10),
      follow('ACC-BRUSH', 0.25, 0.15, 15),
      follow('ACC-CANISTER', 0.15, 0.2, 20),
      follow('CLN-PELLET', 0.1, 0.25, 45),
      follow('ACC-SCALE', 0.1, 0.2, 30),
    ],
    { sku: 'GRD-FLAT', probability: 0.12, meanDelayDays: 300 },
  ),
  durable('GRD-FLAT', 'Precision Flat Burr Grinder', 'Grinders', 399.0, 0.3, [
    follow('ACC-DOSING', 0.3, 0.2, 20),
    follow('CLN-PELLET', 0.1, 0.25, 45),
  ]),
  durable(
    'BRW-V60',
    'V60 Ceramic Dripper 02',
    'Brewers',
    29.0,
    2.5,
    [
      follow('FLT-V60-100', 0.6, 0.25, 14),
      follow('ACC-SERVER', 0.2, 0.15, 20),
      follow('ACC-SCALE', 0.15, 0.2, 30),
      follow('KTL-GOOSE', 0.1, 0.15, 30),
    ],
    null,
    'flat',
  ),
  durable('BRW-CHEMEX', 'Chemex 8-Cup Glass Coffeemaker', 'Brewers', 52.0, 1.2, [
    follow('FLT-CHX-100', 0.65, 0.25, 14),
    follow('ACC-SCALE', 0.15, 0.2, 30),
    follow('KTL-GOOSE', 0.1, 0.15, 30),
  ]),
  durable('BRW-AERO', 'AeroPress Original', 'Brewers', 39.95, 1.8, [
    follow('FLT-AERO-350', 0.3, 0.3, 60),
    follow('ACC-AERO-DISC', 0.15, 0.2, 30),
    follow('ACC-TUMBLER', 0.15, 0.1, 30),
  ]),
  durable('BRW-FRENCH', 'French Press 1L', 'Brewers', 34.0, 1.5, [
    follow('GR-HOUSE-500', 0.25, 0.15, 10),
    follow('ACC-FP-MESH', 0.05, 0.25, 120),
  ]),
  durable(
    'BRW-DRIP',
    'Programmable Drip Brewer 10-Cup',
    'Brewers',
    129.0,
    1.2,
    [
      follow('FLT-BASKET-200', 0.55, 0.25, 20),
      follow('CLN-DESCALE', 0.15, 0.35, 75),
      follow('GR-HOUSE-500', 0.2, 0.15, 10),
    ],
    { sku: 'BRW-DRIP-PRO', probability: 0.1, meanDelayDays: 360 },
  ),
  durable('BRW-DRIP-PRO', 'SCA-Certified Drip Brewer', 'Brewers', 299.0, 0.3, [
    follow('FLT-BASKET-200', 0.4, 0.25, 20),
    follow('CLN-DESCALE', 0.15, 0.35, 75),
  ]),
  durable(
    'BRW-COLD',
    'Cold Brew Maker 1.5L',
    'Brewers',
    45.0,
    0.8,
    [follow('CB-PACK-12', 0.3, 0.3, 30)],
    null,
    'summer',
  ),
  durable(
    'ESP-HOME',
    'Home Espresso Machine',
    'Espresso Machines',
    549.0,
    0.9,
    [
      follow('BN-ESPR-500', 0.4, 0.2, 14),
      follow('ACC-TAMPER', 0.3, 0.25, 21),
      follow('ACC-PITCHER', 0.35, 0.25, 21),
      follow('ACC-KNOCK', 0.15, 0.2, 30),
      follow('ACC-THERMO', 0.1, 0.15, 30),
      follow('CLN-TABS-100', 0.1, 0.3, 60),
      follow('CLN-DESCALE', 0.1, 0.3, 90),
      follow('FLT-WATER-3', 0.15, 0.2, 60),
    ],
    { sku: 'ESP-DUAL', probability: 0.08, meanDelayDays: 420 },
  ),
  durable('ESP-DUAL', 'Dual Boiler Espresso Machine', 'Espresso Machines', 1699.0, 0.1, [
    follow('ACC-TAMPER', 0.2, 0.2, 21),
    follow('ACC-DOSING', 0.25, 0.2, 21),
    follow('CLN-TABS-100', 0.2, 0.3, 60),
    follow('CLN-MILK', 0.15, 0.3, 45),
  ]),
  durable('KTL-GOOSE', 'Gooseneck Kettle, 1L', 'Kettles', 69.0, 1.2, [follow('ACC-SCALE', 0.1, 0.1, 30)], {
    sku: 'KTL-GOOSE-EL',
    probability: 0.15,
    meanDelayDays: 270,
  }),
  durable('KTL-GOOSE-EL', 'Electric Gooseneck Kettle, Variable Temperature', 'Kettles', 149.0, 0.6, [
    follow('CLN-DESCALE', 0.1, 0.25, 90),
  ]),
  durable('MLK-FROTH', 'Electric Milk Frother', 'Milk & Syrups', 69.0, 1, [
    follow('OAT-BARISTA-6', 0.25, 0.3, 10),
    follow('SYR-VAN', 0.2, 0.25, 20),
    follow('CHOC-500', 0.15, 0.2, 30),
    follow('CLN-MILK', 0.05, 0.2, 60),
  ]),

  // Accessories: bought once or now and then; several are the cross-sells above.
  accessory('ACC-SCALE', 'Coffee Scale with Timer', 'Accessories', 45.0, 1.2),
  accessory('ACC-CANISTER', 'Airtight Bean Canister', 'Accessories', 28.0, 1.2),
  accessory('ACC-SERVER', 'Glass Server 600ml', 'Accessories', 24.0, 0.6),
  accessory('ACC-TAMPER', 'Calibrated Tamper 58mm', 'Accessories', 39.0, 0.3),
  accessory('ACC-PITCHER', 'Milk Pitcher 600ml', 'Accessories', 22.0, 0.4),
  accessory('ACC-KNOCK', 'Knock Box', 'Accessories', 29.0, 0.3),
  accessory('ACC-THERMO', 'Milk Thermometer 5" Dial', 'Accessories', 14.0, 0.3),
  accessory('ACC-AERO-DISC', 'Stainless Filter Disc for AeroPress', 'Accessories', 15.0, 0.3),
  accessory('ACC-FP-MESH', 'French Press Replacement Mesh', 'Accessories', 9.0, 0.2),
  accessory('ACC-BRUSH', 'Grinder Brush', 'Accessories', 8.0, 0.5),
  accessory('ACC-DOSING', 'Dosing Cup 58mm', 'Accessories', 19.0, 0.2),
  accessory('ACC-CLOTH', 'Barista Cloths (3)', 'Accessories', 12.0, 0.5),
  accessory('ACC-MUG-2', 'Stoneware Mug, Set of 2', 'Drinkware', 26.0, 1.5, 'gift'),
  accessory('ACC-TUMBLER', 'Insulated Travel Tumbler 12oz', 'Drinkware', 30.0, 1.2, 'gift'),
  accessory('ACC-GLASS-2', 'Double-Wall Espresso Glasses (2)', 'Drinkware', 21.0, 0.6, 'gift'),
  accessory('GFT-BOX', "Coffee Lover's Gift Box", 'Gifts', 59.0, 0.8, 'gift'),
  accessory('GFT-TASTING', 'Single Origin Tasting Flight (4 x 100g)', 'Gifts', 39.0, 0.6, 'gift'),
];
