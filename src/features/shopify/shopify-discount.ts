/**
 * A Regulars coupon as a Shopify code discount, in pure code: the mutation that creates it and its
 * input, per the GraphQL Admin API 2025-10 (the version pinned in shopify-app.ts):
 * - https://shopify.dev/docs/api/admin-graphql/2025-10/mutations/discountCodeBasicCreate
 *   (DiscountCodeBasicInput: percentage or fixed amount off the order);
 * - https://shopify.dev/docs/api/admin-graphql/2025-10/mutations/discountCodeFreeShippingCreate
 *   (DiscountCodeFreeShippingInput);
 * - https://shopify.dev/changelog/discount-eligibility-management (2025-10: `context` replaces
 *   `customerSelection` for who may use a code).
 * Terms Shopify cannot hold are refused here, by name, rather than pushed looser than Regulars
 * counts them: a code the shop accepts must never be one Regulars would refuse.
 */
import type { Coupon } from '../coupons/index.js';
import { termShopsCannotHold } from '../shop-discounts/index.js';
import { decimalText as decimalOf } from '../../platform/currency-codes.js';

export type ShopifyDiscountMutation =
  | { readonly field: 'discountCodeBasicCreate'; readonly variables: { basicCodeDiscount: Record<string, unknown> } }
  | {
      readonly field: 'discountCodeFreeShippingCreate';
      readonly variables: { freeShippingCodeDiscount: Record<string, unknown> };
    };

export type ShopifyDiscountPlan =
  { readonly ok: true; readonly mutation: ShopifyDiscountMutation } | { readonly ok: false; readonly reason: string };

/**
 * The discount's title in the shop's admin. It names the coupon's id, which is how a push retried
 * after a crash recognises the discount it made before (codeDiscountNodeByCode answers the title).
 */
export function shopifyDiscountTitle(coupon: Pick<Coupon, 'id' | 'code'>): string {
  return `Regulars ${coupon.code} (${coupon.id})`;
}

/** Whether a discount found in the shop by the coupon's code is the one Regulars made for it. */
export function isOwnDiscount(title: string | null, coupon: Pick<Coupon, 'id'>): boolean {
  return title !== null && title.endsWith(`(${coupon.id})`);
}

/** Shopify's customer id (digits) as its GraphQL id; null for a key that is not one (a guest's email). */
function customerGid(customerId: string | null): string | null {
  return customerId !== null && /^\d+$/.test(customerId) ? `gid://shopify/Customer/${customerId}` : null;
}

function unsupported(coupon: Coupon): string | null {
  const common = termShopsCannotHold(coupon, 'Shopify');
  if (common !== null) return common;
  if (coupon.perCustomerLimit !== null && coupon.perCustomerLimit > 1)
    return `Shopify limits a code to once per customer or not at all, not ${coupon.perCustomerLimit} times`;
  if (coupon.customerId !== null && customerGid(coupon.customerId) === null)
    return `the coupon is bound to ${JSON.stringify(coupon.customerId)}, which is not a Shopify customer id (a guest), so Shopify could not restrict it to them`;
  return null;
}

/**
 * The mutation that creates the coupon in Shopify, or why it cannot be. `now` starts a coupon
 * without a start (Shopify needs startsAt).
 */
export function shopifyDiscountFor(coupon: Coupon, now: string): ShopifyDiscountPlan {
  const reason = unsupported(coupon);
  if (reason !== null) return { ok: false, reason };
  const gid = customerGid(coupon.customerId);
  const common = {
    title: shopifyDiscountTitle(coupon),
    code: coupon.code,
    startsAt: coupon.validFrom ?? now,
    // Regulars' validUntil is exclusive; Shopify's endsAt is the instant the discount stops.
    endsAt: coupon.validUntil,
    context: gid === null ? { all: 'ALL' } : { customers: { add: [gid] } },
    minimumRequirement:
      coupon.minSubtotalMinor > 0
        ? { subtotal: { greaterThanOrEqualToSubtotal: decimalOf(coupon.minSubtotalMinor, coupon.currency!) } }
        : null,
    usageLimit: coupon.usageLimit,
    appliesOncePerCustomer: coupon.perCustomerLimit === 1,
  };
  if (coupon.kind === 'free_shipping')
    return {
      ok: true,
      mutation: {
        field: 'discountCodeFreeShippingCreate',
        variables: {
          freeShippingCodeDiscount: {
            ...common,
            destination: { all: true },
            combinesWith: { orderDiscounts: coupon.combinable, productDiscounts: coupon.combinable },
          },
        },
      },
    };
  const value =
    coupon.kind === 'percent'
      ? { percentage: coupon.value / 100 }
      : { discountAmount: { amount: decimalOf(coupon.value, coupon.currency!), appliesOnEachItem: false } };
  return {
    ok: true,
    mutation: {
      field: 'discountCodeBasicCreate',
      variables: {
        basicCodeDiscount: {
          ...common,
          customerGets: { value, items: { all: true } },
          combinesWith: {
            orderDiscounts: coupon.combinable,
            productDiscounts: coupon.combinable,
            shippingDiscounts: coupon.combinable,
          },
        },
      },
    },
  };
}
