import { instantOfWallClock } from '../../delivery/index.js';
import { SettingsReader } from '../engine/flow-settings.js';

/**
 * Abandoned cart (micro-moment 5): a customer who started a checkout or changed a cart and
 * then neither ordered nor touched the cart again for `delayHours` is asked what went wrong, with
 * one-click reasons, before any discount is offered (so the store learns whether price was the
 * problem instead of training customers to abandon carts for coupons).
 *
 * The event payload the flow reads (POST /v1/events), every field optional:
 * - `cart_url`: an http(s) link that restores the cart (else the shop's /cart page);
 * - `items[]`: `{ sku?, title? }`, the cart's lines (the title, else the SKU, is shown);
 * - `completed_at`: set when an order completed the checkout (Shopify checkouts: the order's
 *   checkout_token): the cart is no longer abandoned, whoever placed the order.
 *
 * Shopify's checkouts/create and checkouts/update become such an event, one per checkout, replaced
 * by each newer version, with abandoned_checkout_url as `cart_url` (docs/shopify.md).
 */
export const CART_EVENT_KINDS = ['checkout_started', 'cart_updated'] as const;

export interface CartReason {
  /** The answer recorded by the feedback link ('price'). */
  readonly code: string;
  /** What the customer clicks ("The price was not right for me"). */
  readonly label: string;
}

export interface AbandonedCartSettings {
  readonly delayHours: number;
  readonly maxAgeHours: number;
  readonly reasons: readonly CartReason[];
}

export const DEFAULT_CART_REASONS: readonly CartReason[] = [
  { code: 'price', label: 'The price was not right for me' },
  { code: 'shipping', label: 'Shipping costs were higher than expected' },
  { code: 'just_looking', label: 'I was just looking' },
  { code: 'undecided', label: 'I could not decide' },
  { code: 'broken', label: 'Something did not work' },
];

const REASON_CODE = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const MAX_REASONS = 8;

export function parseAbandonedCartSettings(
  raw: Readonly<Record<string, unknown>>,
  where: string,
): AbandonedCartSettings {
  const reader = new SettingsReader(raw, where);
  const delayHours = reader.number('delayHours', 3, 0.25, 168);
  const maxAgeHours = reader.number('maxAgeHours', 48, 1, 24 * 30);
  if (maxAgeHours < delayHours) throw reader.fail('maxAgeHours', `must be at least delayHours (${delayHours})`);
  const reasons = readReasons(reader, raw.reasons);
  reader.done();
  return { delayHours, maxAgeHours, reasons };
}

function readReasons(reader: SettingsReader, value: unknown): readonly CartReason[] {
  reader.json('reasons');
  if (value === undefined) return DEFAULT_CART_REASONS;
  const hint = `must be a list of 1 to ${MAX_REASONS} { "code": "price", "label": "The price was not right for me" }, codes lower-case letters, digits, '_' or '-' and unique`;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_REASONS) throw reader.fail('reasons', hint);
  const codes = new Set<string>();
  return value.map((item: unknown) => {
    const { code, label, ...rest } = (item ?? {}) as Record<string, unknown>;
    const valid =
      typeof item === 'object' &&
      item !== null &&
      !Array.isArray(item) &&
      Object.keys(rest).length === 0 &&
      typeof code === 'string' &&
      REASON_CODE.test(code) &&
      !codes.has(code) &&
      typeof label === 'string' &&
      label.trim() !== '' &&
      label.length <= 200;
    if (!valid) throw reader.fail('reasons', hint);
    codes.add(code as string);
    return { code: code as string, label: (label as string).trim() };
  });
}

/** A cart or checkout event as the query reads it. */
export interface CartEventFact {
  readonly id: string;
  readonly customerId: string;
  readonly externalId: string;
  readonly kind: string;
  /** ISO instant (stored as UTC). */
  readonly occurredAt: string;
  /** When Regulars recorded it (ms), when known: a shop may post an event hours after it happened. */
  readonly recordedAtMs: number | null;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** A purchase of one of the customers, at its instant (ms). */
export interface PurchaseFact {
  readonly customerId: string;
  readonly atMs: number;
}

export interface CartItem {
  readonly sku: string | null;
  readonly title: string;
}

/** What the planner sends for one abandoned cart. */
export interface AbandonedCart {
  readonly event: CartEventFact;
  readonly sendAt: string;
  /** Sent later than occurredAt + delayHours because the event was recorded late. */
  readonly late: boolean;
  readonly cartUrl: string | null;
  readonly items: readonly CartItem[];
}

const HOUR_MS = 3_600_000;
/** Lines shown in the message: a cart of 40 items is summarised, not listed. */
export const MAX_CART_ITEMS = 10;

/**
 * The carts to ask about in the window. An event is due `delayHours` after it happened, or when it
 * was recorded if that is later (a shop that posts events in batches): its send instant is
 * max(occurredAt + delay, recordedAt), planned by the window that holds it, so a late event is
 * still asked about (once: the trigger key is the event's id), and an event recorded more than
 * `maxAgeHours` after it happened is stale and skipped. It is abandoned when the customer neither bought nor touched a cart again
 * after it and up to that instant (a later cart event is its own, newer trigger).
 */
export function abandonedCarts(
  events: readonly CartEventFact[],
  purchases: readonly PurchaseFact[],
  window: { readonly from: string; readonly to: string },
  settings: AbandonedCartSettings,
): AbandonedCart[] {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const eventTimes = groupTimes(events.map((e) => ({ customerId: e.customerId, atMs: Date.parse(e.occurredAt) })));
  const purchaseTimes = groupTimes(purchases);
  const carts: AbandonedCart[] = [];
  for (const event of events) {
    const occurred = Date.parse(event.occurredAt);
    if (Number.isNaN(occurred) || isCompleted(event.payload)) continue;
    const due = occurred + settings.delayHours * HOUR_MS;
    // Recorded after the window ends (a backtest over events imported later): taken as recorded
    // when it happened, so history replays as if it had arrived in time.
    const recorded =
      event.recordedAtMs !== null && event.recordedAtMs > occurred && event.recordedAtMs < to
        ? event.recordedAtMs
        : occurred;
    const sendAt = Math.max(due, recorded);
    if (sendAt < from || sendAt >= to || sendAt - occurred > settings.maxAgeHours * HOUR_MS) continue;
    // A purchase after the send instant is the worker's to see (stopOnOrderAfter).
    const touchedAgain = (eventTimes.get(event.customerId) ?? []).some((t) => t.atMs > occurred && t.atMs <= sendAt);
    const bought = (purchaseTimes.get(event.customerId) ?? []).some((t) => t.atMs > occurred && t.atMs <= sendAt);
    if (touchedAgain || bought) continue;
    carts.push({ event, sendAt: new Date(sendAt).toISOString(), late: sendAt > due, ...cartContents(event.payload) });
  }
  return carts;
}

/** A checkout that an order completed (its payload's completed_at): never a cart to remind about. */
export function isCompleted(payload: Readonly<Record<string, unknown>>): boolean {
  return typeof payload.completed_at === 'string' && payload.completed_at !== '';
}

function groupTimes(rows: readonly { customerId: string; atMs: number }[]): Map<string, { atMs: number }[]> {
  const byCustomer = new Map<string, { atMs: number }[]>();
  for (const row of rows) {
    const list = byCustomer.get(row.customerId);
    if (list) list.push(row);
    else byCustomer.set(row.customerId, [row]);
  }
  return byCustomer;
}

/**
 * The cart's link and lines from the payload, coping with whatever a shop sends: a link that is not
 * http(s) is dropped (it goes into an email), an item without a title shows its SKU, items without
 * either are skipped.
 */
export function cartContents(payload: Readonly<Record<string, unknown>>): {
  cartUrl: string | null;
  items: CartItem[];
} {
  const url = payload.cart_url;
  const cartUrl = typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : null;
  const items: CartItem[] = [];
  if (Array.isArray(payload.items)) {
    for (const raw of payload.items as unknown[]) {
      if (raw === null || typeof raw !== 'object') continue;
      const { sku, title } = raw as Record<string, unknown>;
      const skuText =
        typeof sku === 'string' && sku.trim() !== '' ? sku.trim() : typeof sku === 'number' ? String(sku) : null;
      const titleText = typeof title === 'string' && title.trim() !== '' ? title.trim() : skuText;
      if (titleText === null) continue;
      items.push({ sku: skuText, title: titleText.slice(0, 200) });
      if (items.length === MAX_CART_ITEMS) break;
    }
  }
  return { cartUrl, items };
}

/**
 * An order's instant from orders.ordered_at, which keeps the source's text: with an offset it is
 * exact; a naive local time is read in the store's zone (Date.parse would read the server's).
 */
export function orderedAtMs(orderedAt: string, storeZone: string): number {
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(orderedAt.trim())) return Date.parse(orderedAt);
  const wall = Date.parse(`${orderedAt.trim()}Z`);
  return Number.isNaN(wall) ? Number.NaN : instantOfWallClock(wall, storeZone);
}

/** "checkout started on 2026-03-01 10:12 UTC with 2 items (House blend, Grinder); no order or cart change in the 3 hours after". */
export function abandonedCartReason(cart: AbandonedCart, settings: AbandonedCartSettings): string {
  const what = cart.event.kind === 'checkout_started' ? 'checkout started' : 'cart updated';
  const when = `${cart.event.occurredAt.slice(0, 10)} ${cart.event.occurredAt.slice(11, 16)} UTC`;
  const items =
    cart.items.length === 0
      ? 'items not given'
      : `${cart.items.length} item${cart.items.length === 1 ? '' : 's'} (${cart.items
          .slice(0, 3)
          .map((i) => i.title)
          .join(', ')}${cart.items.length > 3 ? ', ...' : ''})`;
  const quiet = `no order or cart change in the ${settings.delayHours} hour${settings.delayHours === 1 ? '' : 's'} after`;
  const late = cart.late
    ? `; the event was recorded late, so it is asked about on recording (${cart.sendAt.slice(0, 16).replace('T', ' ')} UTC)`
    : '';
  return `${what} on ${when} with ${items}; ${quiet}${late}`;
}
