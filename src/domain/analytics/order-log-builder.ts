import { GrowableFloat64, GrowableInt32 } from './growable.js';
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

/** Result of adding a line: the order's index, or why the line conflicts with its order. */
export type AddLineResult = { readonly ok: true; readonly order: number } | { readonly ok: false; readonly code: 'ORDER_CUSTOMER_CONFLICT'; readonly reason: string };


/**
 * Accumulates parsed rows into an OrderLog. Rows sharing an order id are one order (the first
 * row's customer and day hold); the order amount is its order-level total when the source gives
 * one, else the sum of its line amounts. Cancelled and refunded orders are counted, then left out.
 */
export class OrderLogBuilder {
  private readonly customerIndex = new StringIndex();
  private readonly customerEmails: string[] = [];
  private readonly customerBirthdays = new GrowableInt32();
  private lastCustomerId = '';
  private lastCustomer = -1;
  private readonly consent = new GrowableInt32();
  private readonly consentDay = new GrowableInt32();

  private readonly productIndex = new Map<string, number>();
  private readonly productSkus: string[] = [];
  private readonly productNames: string[] = [];
  private readonly productCategories: string[] = [];

  /** Order ids seen, and the order each one names. */
  private readonly orderIdIndex = new StringIndex();
  private readonly orderOfId = new GrowableInt32();
  private readonly orderIds: string[] = [];
  private readonly orderCustomer = new GrowableInt32();
  private readonly orderDay = new GrowableInt32();
  private readonly orderTotal = new GrowableFloat64();
  private readonly orderLineSum = new GrowableFloat64();
  private readonly orderExcluded = new GrowableInt32();
  private lastOrderId = '';
  private lastOrder = -1;

  private readonly itemOrder = new GrowableInt32();
  private readonly itemProduct = new GrowableInt32();
  private readonly itemQuantity = new GrowableFloat64();
  private readonly itemAmount = new GrowableFloat64();

  addLine(line: OrderLine): AddLineResult {
    const customer = this.customer(line);
    let order: number;
    // Fast path: rows of one order are almost always adjacent.
    if (line.orderId !== '' && line.orderId === this.lastOrderId) order = this.lastOrder;
    else if (line.orderId !== '') {
      const known = this.orderIdIndex.intern(line.orderId);
      if (known < this.orderOfId.length) order = this.orderOfId.data[known];
      else {
        order = -1;
        this.orderOfId.push(this.orderIds.length);
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
      if (Number.isNaN(this.orderTotal.data[order]) && !Number.isNaN(line.orderTotal)) this.orderTotal.data[order] = line.orderTotal;
    } else {
      order = this.orderIds.length;
      this.orderIds.push(line.orderId);
      this.orderCustomer.push(customer);
      this.orderDay.push(line.day);
      this.orderTotal.push(line.orderTotal);
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
    this.orderExcluded.data[order] = reason === 'cancelled' ? 1 : 2;
  }

  get orderCountSoFar(): number {
    return this.orderIds.length;
  }

  build(): { log: OrderLog; excluded: { cancelled: number; refunded: number } } {
    const n = this.orderIds.length;
    const keepIndex = new Int32Array(n);
    let kept = 0;
    let cancelled = 0;
    let refunded = 0;
    for (let o = 0; o < n; o++) {
      // A negative order (a return or credit note, such as the 'C' invoices of many ERPs) is
      // not a purchase: it is counted with the refunds.
      if (this.orderExcluded.data[o] === 0 && this.amountOf(o) < 0) this.orderExcluded.data[o] = 2;
      const ex = this.orderExcluded.data[o];
      if (ex === 1) cancelled++;
      else if (ex === 2) refunded++;
      keepIndex[o] = ex === 0 ? kept++ : -1;
    }
    const orderIds: string[] = new Array(kept);
    const orderCustomer = new Int32Array(kept);
    const orderDay = new Int32Array(kept);
    const orderAmount = new Float64Array(kept);
    for (let o = 0; o < n; o++) {
      const k = keepIndex[o];
      if (k < 0) continue;
      orderIds[k] = this.orderIds[o];
      orderCustomer[k] = this.orderCustomer.data[o];
      orderDay[k] = this.orderDay.data[o];
      orderAmount[k] = this.amountOf(o);
    }

    // Items grouped by order (counting sort), keeping file order within an order.
    const itemStart = new Int32Array(kept + 1);
    const nItemsAll = this.itemOrder.length;
    for (let i = 0; i < nItemsAll; i++) {
      const k = keepIndex[this.itemOrder.data[i]];
      if (k >= 0) itemStart[k + 1]++;
    }
    for (let k = 0; k < kept; k++) itemStart[k + 1] += itemStart[k];
    const nItems = itemStart[kept];
    const cursor = itemStart.slice(0, kept);
    const itemProduct = new Int32Array(nItems);
    const itemQuantity = new Float64Array(nItems);
    const itemAmount = new Float64Array(nItems);
    for (let i = 0; i < nItemsAll; i++) {
      const k = keepIndex[this.itemOrder.data[i]];
      if (k < 0) continue;
      const at = cursor[k]++;
      itemProduct[at] = this.itemProduct.data[i];
      itemQuantity[at] = this.itemQuantity.data[i];
      itemAmount[at] = this.itemAmount.data[i];
    }

    const nCustomers = this.customerIndex.size;
    const customerAcceptsMarketing = new Int8Array(nCustomers);
    for (let c = 0; c < nCustomers; c++) customerAcceptsMarketing[c] = this.consent.data[c];

    return {
      log: {
        customerIds: this.customerIndex.keys,
        customerEmails: this.customerEmails,
        customerAcceptsMarketing,
        customerBirthdays: this.customerBirthdays.toArray(),
        productSkus: this.productSkus,
        productNames: this.productNames,
        productCategories: this.productCategories,
        orderCount: kept,
        orderIds,
        orderCustomer,
        orderDay,
        orderAmount,
        itemStart,
        itemProduct,
        itemQuantity,
        itemAmount,
      },
      excluded: { cancelled, refunded },
    };
  }

  /** The order-level total when the source gave one, else the sum of the line amounts. */
  private amountOf(order: number): number {
    const total = this.orderTotal.data[order];
    return Number.isNaN(total) ? this.orderLineSum.data[order] : total;
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
      this.customerEmails.push(line.email);
      this.customerBirthdays.push(line.birthday);
      this.consent.push(-1);
      this.consentDay.push(NO_DAY);
    } else {
      // Read the email only when it is missing: parsers may decode it lazily.
      if (this.customerEmails[c] === '' && line.email !== '') this.customerEmails[c] = line.email;
      if (line.birthday !== NO_DAY && this.customerBirthdays.data[c] === NO_DAY) this.customerBirthdays.data[c] = line.birthday;
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
      this.productNames.push(line.productName !== '' ? line.productName : key);
      this.productCategories.push(line.category);
    }
    return p;
  }
}

/** Convenience for tests and small inputs: a log from a few partial rows. */
export function orderLogFrom(lines: readonly (Partial<OrderLine> & { customerId: string; day: number })[]): OrderLog {
  const builder = new OrderLogBuilder();
  for (const l of lines) {
    const result = builder.addLine({
      orderId: '',
      lineAmount: Number.NaN,
      orderTotal: Number.NaN,
      sku: '',
      productName: '',
      category: '',
      quantity: 1,
      email: '',
      acceptsMarketing: -1,
      birthday: NO_DAY,
      ...l,
    });
    if (!result.ok) throw new Error(result.reason);
  }
  return builder.build().log;
}

