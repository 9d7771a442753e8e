import type { SettingsReader } from './flow-settings.js';
import { minorUnitDigits } from '../../../platform/currency-codes.js';

/**
 * The incentive a message carries (a win-back coupon, a birthday gift). It is made by the engine
 * when the message is planned for a customer who is not held out, in the planning transaction:
 * a held-out customer gets nothing (they are the comparison), and a dry run makes nothing.
 */
export interface CouponGiftSettings {
  readonly type: 'percent' | 'amount' | 'free_shipping';
  /** percent: 1-100; amount: minor units; free_shipping: 0. */
  readonly value: number;
  /** For an amount or a minimum; null: the store's currency. */
  readonly currency: string | null;
  readonly minSubtotalMinor: number;
  /** Valid from the send instant for this many days: a single-use code, bound to the customer. */
  readonly validDays: number;
  /** Code prefix ('WELCOMEBACK'); null for none. */
  readonly prefix: string | null;
}

export type FlowGift =
  | { readonly kind: 'coupon'; readonly dataKey: string; readonly coupon: CouponGiftSettings }
  /** Points through the loyalty program's named action ('birthday'), once per key. */
  | { readonly kind: 'points'; readonly dataKey: string; readonly action: string; readonly key: string };

const CURRENCY = /^[A-Z]{3}$/;
const PREFIX = /^[A-Z0-9][A-Z0-9-]{0,19}$/;

/** Reads `settings.<name>` as a coupon gift: { type, value, currency?, minSubtotalMinor?, validDays?, prefix? }. */
export function readCouponGift(reader: SettingsReader, name: string, fallback: CouponGiftSettings): CouponGiftSettings {
  const nested = reader.object(name);
  if (nested === null) return fallback;
  const type = nested.oneOf('type', fallback.type, ['percent', 'amount', 'free_shipping'] as const);
  const value =
    type === 'free_shipping'
      ? nested.number('value', 0, 0, 0)
      : type === 'percent'
        ? nested.number('value', fallback.type === 'percent' ? fallback.value : 10, 1, 100, { integer: true })
        : nested.number('value', fallback.type === 'amount' ? fallback.value : 500, 1, 1e9, { integer: true });
  const gift: CouponGiftSettings = {
    type,
    value,
    currency: nested.nullableString('currency', fallback.currency, CURRENCY, 'an ISO 4217 code such as EUR'),
    minSubtotalMinor: nested.number('minSubtotalMinor', fallback.minSubtotalMinor, 0, 1e12, { integer: true }),
    validDays: nested.number('validDays', fallback.validDays, 1, 366, { integer: true }),
    prefix: nested.nullableString(
      'prefix',
      fallback.prefix,
      PREFIX,
      'upper-case letters, digits and dashes (at most 20)',
    ),
  };
  nested.done();
  return gift;
}

/** "15% off", "EUR 5.00 off", "free shipping": what the message says the code gives. */
export function couponGiftDescription(gift: CouponGiftSettings, currency: string | null): string {
  if (gift.type === 'percent') return `${gift.value}% off`;
  if (gift.type === 'free_shipping') return 'free shipping';
  const code = gift.currency ?? currency;
  if (code === null) return `${gift.value} off`;
  const digits = minorUnitDigits(code);
  return `${new Intl.NumberFormat('en', { style: 'currency', currency: code }).format(gift.value / 10 ** digits)} off`;
}
