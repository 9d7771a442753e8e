import { float32Column, float64Column, int32Column, int8Column } from './growable.js';
import type { OrderLog } from './order-log.js';
import { StringIndex } from './string-index.js';

/**
 * One row of an export, already parsed and validated: the shape every ingest parser produces.
 * The builder reads `email`, `productName` (when there is a sku) and `category` only when it
 * meets a new customer or product, so a parser may supply them as lazy getters.
 */
export interface OrderLine {
  /** '' when the source has no order id: the row is then an order of its own. */
  readonly orderId: string;
  readonly customerId: string;
  readonly day: number;
  /** Value of this line (price x quantity, or a row-level amount); NaN when the source has none. */
  readonly lineAmount: number;
  /** Order-level total (first non-empty row of the order wins); NaN when this row has none. */
  readonly orderTotal: number;
  readonly sku: string;
  readonly productName: string;
  readonly category: string;
  readonly quantity: number;
  readonly email: string;
  /** 1 yes, 0 no, -1 not stated on this row. */
  readonly acceptsMarketing: number;
  /** Day number of the customer's birthday, or NO_DAY. */
  readonly birthday: number;
}

/** Marks an unknown day in Int32 columns. */
export const NO_DAY = -2147483648;

export type ExclusionReason = 'cancelled' | 'refunded';
const CANCELLED = 1;
const REFUNDED = 2;

/** Result of adding a line: the order's index, or why the line conflicts with its order. */
export type AddLineResult =
  | { readonly ok: true; readonly order: number }
  | { readonly ok: false; readonly code: 'ORDER_CUSTOMER_CONFLICT'; readonly reason: string };

export interface OrderLogBuilderOptions {
  /** Expected number of rows, to size the columns once (they still grow past it). */
  readonly expectedRows?: number;
  /** Keep emails and birthdays (default true); the retention report does not need them. */
  readonly contacts?: boolean;
}

/**
 * Accumulates parsed rows into an OrderLog. Rows sharing an order id are one order (the first
 * row's customer and day hold); the order amount is its order-level total when the source gives
 * one, else the sum of its line amounts. Cancelled and refunded orders are counted, then left out.
 *
 * Memory matters at ten million rows: columns are sized from the expected row count, and
 * `build()` compacts them in place and hands out views instead of copies.
 */
export class OrderLogBuilder {
  private readonly contacts: boolean;

  private readonly customerIndex: StringIndex;
  private readonly customerEmails: string[] = [];
  private readonly customerBirthdays;
  private readonly consent;
  private readonly consentDay;
  private lastCustomerId = '';
  private lastCustomer = -1;

  private readonly productIndex = new Map<string, number>();
  private readonly productSkus: string[] = [];
  private readonly productNames: string[] = [];
  private readonly productCategories: string[] = [];

  /** Order ids seen, and the order each one names; dropped by build(). */
  private orderIdIndex: StringIndex | null;
  private readonly orderOfId;
  private readonly orderCustomer;
  private readonly orderDay;
  /** Order-level totals, allocated only once a source gives one. */
  private orderTotal: ReturnType<typeof float64Column> | null = null;
  private readonly orderLineSum;
  private readonly orderExcluded;
  private lastOrderId = '';
  private lastOrder = -1;

  private readonly itemOrder;
  private readonly itemProduct;
  private readonly itemQuantity;
  private readonly itemAmount;

  constructor(options: OrderLogBuilderOptions = {}) {
    this.contacts = options.contacts ?? true;
    const rows = Math.ceil((options.expectedRows ?? 1000) * 1.05);
    // Orders and customers per row vary by store; these hints only save the first regrowths.
    const orders = Math.ceil(rows * 0.65);
    const customers = Math.ceil(rows * 0.3);
    this.customerIndex = new StringIndex(customers);
    this.orderIdIndex = new StringIndex(orders);
    this.customerBirthdays = int32Column(this.contacts ? customers : 0);
    this.consent = int8Column(customers);
    this.consentDay = int32Column(customers);
    this.orderOfId = int32Column(orders);
    this.orderCustomer = int32Column(orders);
    this.orderDay = int32Column(orders);
    this.orderLineSum = float64Column(orders);
    this.orderExcluded = int8Column(orders);
    this.itemOrder = int32Column(rows);
    this.itemProduct = int32Column(rows);
    this.itemQuantity = float32Column(rows);
    this.itemAmount = float64Column(rows);
  }

  addLine(line: OrderLine): AddLineResult {
    const customer = this.customer(line);
    let order: number;
    // Fast path: rows of one order are almost always adjacent.
    if (line.orderId !== '' && line.orderId === this.lastOrderId) order = this.lastOrder;
    else if (line.orderId !== '') {
      const known = this.orderIdIndex!.intern(line.orderId);
      if (known < this.orderOfId.length) order = this.orderOfId.data[known];
      else {
        order = -1;
        this.orderOfId.push(this.orderDay.length);
      }
    } else order = -1;

    if (order >= 0) {
      if (this.orderCustomer.data[order] !== customer) {
        return {
          ok: false,
          code: 'ORDER_CUSTOMER_CONFLICT',
          reason: `order ${line.orderId} already belongs to customer ${this.customerIndex.keys[this.orderCustomer.data[order]]}`,
        };
      }
      if (!Number.isNaN(line.orderTotal)) {
        const totals = this.totals();
        if (Number.isNaN(totals.data[order])) totals.data[order] = line.orderTotal;
      }
    } else {
      order = this.orderDay.length;
      // totals() back-fills the earlier orders, so it runs before this order is added.
      if (this.orderTotal !== null || !Number.isNaN(line.orderTotal)) this.totals().push(line.orderTotal);
      this.orderCustomer.push(customer);
      this.orderDay.push(line.day);
      this.orderLineSum.push(0);
      this.orderExcluded.push(0);
    }
    this.lastOrderId = line.orderId;
    this.lastOrder = order;

    if (!Number.isNaN(line.lineAmount)) this.orderLineSum.data[order] += line.lineAmount;
    if (line.sku !== '' || line.productName !== '') {
      this.itemOrder.push(order);
      this.itemProduct.push(this.product(line));
      this.itemQuantity.push(line.quantity);
      this.itemAmount.push(Number.isNaN(line.lineAmount) ? 0 : line.lineAmount);
    }
    return { ok: true, order };
  }

  /** Marks an order as not a purchase; it is counted under `reason` and left out of the log. */
  excludeOrder(order: number, reason: ExclusionReason): void {
    this.orderExcluded.data[order] = reason === 'cancelled' ? CANCELLED : REFUNDED;
  }

  /** The log; the builder must not be used afterwards (the log shares its memory). */
  build(): { log: OrderLog; excluded: { cancelled: number; refunded: number } } {
    this.orderIdIndex = null; // the ids were only needed to group rows: let them go first
    const n = this.orderDay.length;
    const excluded = this.orderExcluded.data;
    const customer = this.orderCustomer.data;
    const day = this.orderDay.data;
    const amount = this.orderLineSum.data; // becomes the order amount, in place
    const totals = this.orderTotal?.data ?? null;
    // keepIndex reuses orderOfId's memory when it is big enough: it is no longer needed either.
    const keepIndex = this.orderOfId.data.length >= n ? this.orderOfId.data : new Int32Array(n);
    let kept = 0;
    let cancelled = 0;
    let refunded = 0;
    for (let o = 0; o < n; o++) {
      const value = totals !== null && !Number.isNaN(totals[o]) ? totals[o] : amount[o];
      // A negative order (a return or credit note, such as the 'C' invoices of many ERPs) is
      // not a purchase: it is counted with the refunds.
      const ex = excluded[o] !== 0 ? excluded[o] : value < 0 ? REFUNDED : 0;
      if (ex === CANCELLED) cancelled++;
      else if (ex === REFUNDED) refunded++;
      if (ex !== 0) {
        keepIndex[o] = -1;
        continue;
      }
      // Compaction in place: the write position never passes the read position.
      customer[kept] = customer[o];
      day[kept] = day[o];
      amount[kept] = value;
      keepIndex[o] = kept++;
    }
    const items = this.groupItems(keepIndex, kept);
    const nCustomers = this.customerIndex.size;
    return {
      log: {
        customerIds: this.customerIndex.keys,
        customerEmails: this.contacts ? this.customerEmails : null,
        customerAcceptsMarketing: this.consent.data.subarray(0, nCustomers),
        customerBirthdays: this.contacts ? this.customerBirthdays.view() : null,
        productSkus: this.productSkus,
        productNames: this.productNames,
        productCategories: this.productCategories,
        orderCount: kept,
        orderCustomer: customer.subarray(0, kept),
        orderDay: day.subarray(0, kept),
        orderAmount: amount.subarray(0, kept),
        ...items,
      },
      excluded: { cancelled, refunded },
    };
  }

  /**
   * Line items grouped by kept order (CSR offsets). Rows of an order nearly always arrive
   * together and orders in sequence, so the items are usually in order already: then grouping
   * is an in-place compaction; otherwise a counting sort into new arrays.
   */
  private groupItems(keepIndex: Int32Array, kept: number) {
    const total = this.itemOrder.length;
    const itemOrder = this.itemOrder.data;
    const itemStart = new Int32Array(kept + 1);
    let sorted = true;
    for (let i = 0; i < total; i++) {
      const k = keepIndex[itemOrder[i]];
      if (k >= 0) itemStart[k + 1]++;
      if (i > 0 && itemOrder[i] < itemOrder[i - 1]) sorted = false;
    }
    for (let k = 0; k < kept; k++) itemStart[k + 1] += itemStart[k];
    const product = this.itemProduct.data;
    const quantity = this.itemQuantity.data;
    const value = this.itemAmount.data;
    const nItems = itemStart[kept];
    if (sorted) {
      let at = 0;
      for (let i = 0; i < total; i++) {
        if (keepIndex[itemOrder[i]] < 0) continue;
        product[at] = product[i];
        quantity[at] = quantity[i];
        value[at] = value[i];
        at++;
      }
      return {
        itemStart,
        itemProduct: product.subarray(0, nItems),
        itemQuantity: quantity.subarray(0, nItems),
        itemAmount: value.subarray(0, nItems),
      };
    }
    const cursor = itemStart.slice(0, kept);
    const itemProduct = new Int32Array(nItems);
    const itemQuantity = new Float32Array(nItems);
    const itemAmount = new Float64Array(nItems);
    for (let i = 0; i < total; i++) {
      const k = keepIndex[itemOrder[i]];
      if (k < 0) continue;
      const at = cursor[k]++;
      itemProduct[at] = product[i];
      itemQuantity[at] = quantity[i];
      itemAmount[at] = value[i];
    }
    return { itemStart, itemProduct, itemQuantity, itemAmount };
  }

  private totals() {
    if (this.orderTotal === null) {
      // The first order-level total: earlier orders had none (NaN).
      this.orderTotal = float64Column(this.orderDay.data.length);
      for (let o = 0; o < this.orderDay.length; o++) this.orderTotal.push(Number.NaN);
    }
    return this.orderTotal;
  }

  private customer(line: OrderLine): number {
    // Fast path: rows of one customer's order (and often their orders) are adjacent.
    let c: number;
    let isNew = false;
    if (line.customerId === this.lastCustomerId) c = this.lastCustomer;
    else {
      const known = this.customerIndex.size;
      c = this.customerIndex.intern(line.customerId);
      isNew = c === known;
    }
    if (isNew) {
      this.consent.push(-1);
      this.consentDay.push(NO_DAY);
      if (this.contacts) {
        this.customerEmails.push(line.email);
        this.customerBirthdays.push(line.birthday);
      }
    } else if (this.contacts) {
      // Read the email only when it is missing: parsers may decode it lazily.
      if (this.customerEmails[c] === '' && line.email !== '') this.customerEmails[c] = line.email;
      if (line.birthday !== NO_DAY && this.customerBirthdays.data[c] === NO_DAY)
        this.customerBirthdays.data[c] = line.birthday;
    }
    this.lastCustomerId = line.customerId;
    this.lastCustomer = c;
    // Consent is the customer's latest statement (by order day; on equal days the later row).
    if (line.acceptsMarketing >= 0 && line.day >= this.consentDay.data[c]) {
      this.consent.data[c] = line.acceptsMarketing;
      this.consentDay.data[c] = line.day;
    }
    return c;
  }

  private product(line: OrderLine): number {
    const key = line.sku !== '' ? line.sku : line.productName;
    let p = this.productIndex.get(key);
    if (p === undefined) {
      p = this.productSkus.length;
      this.productIndex.set(key, p);
      this.productSkus.push(key);
      const name = line.productName;
      this.productNames.push(name !== '' ? name : key);
      this.productCategories.push(line.category);
    }
    return p;
  }
}

/** An OrderLine with every optional field empty, for parsers to fill in. */
export function emptyOrderLine(): { -readonly [K in keyof OrderLine]: OrderLine[K] } {
  return {
    orderId: '',
    customerId: '',
    day: 0,
    lineAmount: Number.NaN,
    orderTotal: Number.NaN,
    sku: '',
    productName: '',
    category: '',
    quantity: 1,
    email: '',
    acceptsMarketing: -1,
    birthday: NO_DAY,
  };
}

/** Convenience for tests and small inputs: a log from a few partial rows. */
export function orderLogFrom(lines: readonly (Partial<OrderLine> & { customerId: string; day: number })[]): OrderLog {
  const builder = new OrderLogBuilder();
  for (const l of lines) {
    const result = builder.addLine({ ...emptyOrderLine(), ...l });
    if (!result.ok) throw new Error(result.reason);
  }
  return builder.build().log;
}
