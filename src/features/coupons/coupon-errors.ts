/**
 * The errors a refused reservation or redemption throws: the same codes validate answers as
 * reasons (a refused use is an error because the checkout asked to count it), with what the
 * checkout needs to explain it.
 */
import { type Coupon, type CouponRejection, normalizeCouponCode } from './coupon.js';
import { RegularsError } from '../../platform/errors.js';

export function couponNotFound(storeId: string, code: string): RegularsError {
  return new RegularsError('COUPON_NOT_FOUND', `store ${storeId} has no coupon ${normalizeCouponCode(code)}`, {
    storeId,
    code: normalizeCouponCode(code),
  });
}

export function couponRefusal(
  reason: CouponRejection | 'COUPON_NOT_COMBINABLE',
  coupon: Coupon,
  customerId: string | null,
): RegularsError {
  const code = coupon.code;
  switch (reason) {
    case 'COUPON_LIMIT_REACHED':
      return new RegularsError(reason, `coupon ${code} has reached its usage limit of ${coupon.usageLimit}`, {
        code,
        usageLimit: coupon.usageLimit,
      });
    case 'COUPON_CUSTOMER_LIMIT_REACHED':
      return new RegularsError(
        reason,
        `customer ${customerId} has used coupon ${code} ${coupon.perCustomerLimit} times, its limit`,
        {
          code,
          customerId,
          perCustomerLimit: coupon.perCustomerLimit,
        },
      );
    case 'COUPON_EXPIRED':
      return new RegularsError(reason, `coupon ${code} expired at ${coupon.validUntil}`, {
        code,
        validUntil: coupon.validUntil,
      });
    case 'COUPON_NOT_YET_VALID':
      return new RegularsError(reason, `coupon ${code} is valid from ${coupon.validFrom}`, {
        code,
        validFrom: coupon.validFrom,
      });
    case 'COUPON_NOT_ELIGIBLE':
      return new RegularsError(reason, `customer ${customerId ?? '(guest)'} may not use coupon ${code}`, {
        code,
        customerId,
      });
    case 'COUPON_NOT_COMBINABLE':
      return new RegularsError(
        reason,
        `coupon ${code} cannot be combined with the other coupons of this cart or order`,
        { code },
      );
    case 'COUPON_BELOW_MINIMUM':
      return new RegularsError(
        reason,
        `the cart is below coupon ${code}'s minimum subtotal of ${coupon.minSubtotalMinor}`,
        { code, minSubtotalMinor: coupon.minSubtotalMinor },
      );
    case 'COUPON_CURRENCY_MISMATCH':
      return new RegularsError(reason, `coupon ${code} is in ${coupon.currency}`, { code, currency: coupon.currency });
    case 'COUPON_NO_MATCHING_ITEMS':
      return new RegularsError(reason, `no line of the cart is in coupon ${code}'s scope`, {
        code,
        scope: coupon.scope,
      });
  }
}
