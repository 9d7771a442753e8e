import { array, child, id, object, string } from './payload-fields.js';

/**
 * The discount codes an order used at Shopify's checkout: the Order resource's
 * `discount_codes[].code` (https://shopify.dev/docs/api/admin-rest/2025-10/resources/order, the
 * body of the orders/* webhooks), with the order's id. Checked like the rest of the payload:
 * a code that is not text is VALIDATION_FAILED with its path.
 */
export function orderDiscountCodes(payload: unknown): { readonly orderId: string; readonly codes: string[] } {
  const order = object(payload, '');
  const codesAt = '/discount_codes';
  const codes =
    order.discount_codes === undefined || order.discount_codes === null
      ? []
      : array(order.discount_codes, codesAt).map((entry, i) => {
          const at = child(codesAt, i);
          return string(object(entry, at).code, child(at, 'code'));
        });
  return { orderId: id(order.id, '/id'), codes };
}
