/**
 * Orders in columnar form: the one input of every analytics function, built by the ingest
 * parsers (CLI) or by SQL (server). Columnar typed arrays keep 10M line items within memory
 * budgets and let the hot loops run without allocating.
 *
 * Conventions (architecture.md):
 * - a day is an integer day number: days since 1970-01-01 of the store's own calendar
 *   (the calendar date the source wrote, never converted to UTC first);
 * - amounts are floats in major currency units (analytics may use floats; storage uses minor units).
 */
export interface OrderLog {
  /** External customer ids (strings end to end); index = customer number used below. */
  readonly customerIds: readonly string[];
  /** Email per customer ('' when unknown); null when the reader was told not to keep contacts. */
  readonly customerEmails: readonly string[] | null;
  /** Marketing consent per customer from their latest order: 1 yes, 0 no, -1 unknown. */
  readonly customerAcceptsMarketing: Int8Array;
  /** Birthday per customer as a day number, or NO_DAY when unknown; null like customerEmails. */
  readonly customerBirthdays: Int32Array | null;

  /** Product dictionary: index = product number used by line items. */
  readonly productSkus: readonly string[];
  readonly productNames: readonly string[];
  readonly productCategories: readonly string[];

  /** Orders that count as purchases (cancelled / fully refunded ones are excluded at ingest). */
  readonly orderCount: number;
  readonly orderCustomer: Int32Array;
  readonly orderDay: Int32Array;
  readonly orderAmount: Float64Array;

  /** Line items, grouped by order: items of order o are itemStart[o] .. itemStart[o+1]-1. */
  readonly itemStart: Int32Array;
  readonly itemProduct: Int32Array;
  readonly itemQuantity: Float32Array;
  readonly itemAmount: Float64Array;
}

/** Orders of each customer in date order: the orders of customer c are order[start[c] .. start[c+1]-1]. */
export interface CustomerOrders {
  readonly start: Int32Array;
  readonly order: Int32Array;
}
