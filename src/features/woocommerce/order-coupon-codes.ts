import { array, child, invalid, object, optionalString } from './payload-fields.js';

/**
 * The coupon codes an order used at WooCommerce's checkout: the order's `coupon_lines[].code`
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#order-coupon-lines-properties; webhooks
 * deliver the REST API's order). A line without a code as text is VALIDATION_FAILED with its path.
 */
export function orderCouponCodes(payload: unknown): string[] {
  const order = object(payload, '');
  if (order.coupon_lines === undefined || order.coupon_lines === null) return [];
  const at = '/coupon_lines';
  return array(order.coupon_lines, at).map((line, i) => {
    const codeAt = child(child(at, i), 'code');
    const code = optionalString(object(line, child(at, i)).code, codeAt);
    if (code === null || code.trim() === '') throw invalid(codeAt, 'a coupon line needs its code');
    return code;
  });
}
