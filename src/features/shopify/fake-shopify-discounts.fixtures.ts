import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeShopify, GraphqlCall } from './fake-shopify.fixtures.js';

/**
 * Shopify's discount codes for the fake Shopify (fake-shopify.fixtures.ts), mounted on its GraphQL
 * registry, and a fake checkout that places orders with those codes. Shapes from the GraphQL Admin
 * API 2025-10:
 * - https://shopify.dev/docs/api/admin-graphql/2025-10/queries/codeDiscountNodeByCode
 *   (DiscountCodeNode { id codeDiscount }, null when no discount has the code; case-insensitive);
 * - https://shopify.dev/docs/api/admin-graphql/2025-10/mutations/discountCodeBasicCreate and
 *   .../mutations/discountCodeFreeShippingCreate ({ codeDiscountNode { id }, userErrors
 *   [{ field, code, message }] }; a code already used by a discount is refused with code TAKEN);
 * - the order a checkout makes, as the orders/create webhook body
 *   (https://shopify.dev/docs/api/admin-rest/2025-10/resources/order): discount_codes
 *   [{ code, amount, type }] with type percentage | fixed_amount | shipping.
 */

export interface FakeDiscount {
  readonly id: string;
  readonly typename: 'DiscountCodeBasic' | 'DiscountCodeFreeShipping';
  readonly code: string;
  readonly input: Record<string, unknown>;
  usedCount: number;
}

export interface FakeShopifyDiscounts {
  /** The discounts of a shop, by upper-case code. */
  discounts(shop: string): Map<string, FakeDiscount>;
  /** The next create mutation answers these userErrors instead of creating. */
  refuseNextCreate(userErrors: { field: string[] | null; code: string | null; message: string }[]): void;
  /** The next discount call fails as a whole (a GraphQL `errors` answer), as an outage would. */
  failNextCall(message: string): void;
  /** Every create mutation received, in order. */
  readonly creates: { shop: string; field: string; input: Record<string, unknown> }[];
}

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'shopify-webhooks');

export function mountFakeShopifyDiscounts(fake: FakeShopify): FakeShopifyDiscounts {
  const byShop = new Map<string, Map<string, FakeDiscount>>();
  const discounts = (shop: string) => {
    let map = byShop.get(shop);
    if (!map) byShop.set(shop, (map = new Map()));
    return map;
  };
  let nextId = 1_057_371_000;
  let refusal: { field: string[] | null; code: string | null; message: string }[] | null = null;
  let failure: string | null = null;
  const creates: FakeShopifyDiscounts['creates'] = [];
  const failIfAsked = () => {
    if (failure === null) return;
    const message = failure;
    failure = null;
    throw new Error(message);
  };

  fake.graphql.set('codeDiscountNodeByCode', ({ shop, variables }: GraphqlCall) => {
    failIfAsked();
    const found = discounts(shop.domain).get(String(variables.code ?? '').toUpperCase());
    return {
      codeDiscountNodeByCode: found
        ? { id: found.id, codeDiscount: { __typename: found.typename, title: found.input.title ?? null } }
        : null,
    };
  });

  const create =
    (field: string, argument: string, typename: FakeDiscount['typename']) =>
    ({ shop, variables }: GraphqlCall) => {
      failIfAsked();
      const input = (variables[argument] ?? {}) as Record<string, unknown>;
      creates.push({ shop: shop.domain, field, input });
      const refuse = (errors: { field: string[] | null; code: string | null; message: string }[]) => ({
        [field]: { codeDiscountNode: null, userErrors: errors },
      });
      if (refusal) {
        const errors = refusal;
        refusal = null;
        return refuse(errors);
      }
      const code = String(input.code ?? '');
      if (code === '') return refuse([{ field: [argument, 'code'], code: 'BLANK', message: "Code can't be blank" }]);
      if (!input.title) return refuse([{ field: [argument, 'title'], code: 'BLANK', message: "Title can't be blank" }]);
      if (!input.context && !input.customerSelection)
        return refuse([{ field: [argument, 'context'], code: 'BLANK', message: "Context can't be blank" }]);
      if (discounts(shop.domain).has(code.toUpperCase()))
        return refuse([
          { field: [argument, 'code'], code: 'TAKEN', message: 'Code must be unique. Please try a different code.' },
        ]);
      const discount: FakeDiscount = {
        id: `gid://shopify/DiscountCodeNode/${nextId++}`,
        typename,
        code,
        input,
        usedCount: 0,
      };
      discounts(shop.domain).set(code.toUpperCase(), discount);
      return { [field]: { codeDiscountNode: { id: discount.id }, userErrors: [] } };
    };
  fake.graphql.set(
    'discountCodeBasicCreate',
    create('discountCodeBasicCreate', 'basicCodeDiscount', 'DiscountCodeBasic'),
  );
  fake.graphql.set(
    'discountCodeFreeShippingCreate',
    create('discountCodeFreeShippingCreate', 'freeShippingCodeDiscount', 'DiscountCodeFreeShipping'),
  );

  return {
    discounts,
    refuseNextCreate: (errors) => {
      refusal = errors;
    },
    failNextCall: (message) => {
      failure = message;
    },
    creates,
  };
}

/**
 * The fake checkout: a shopper of the shop enters `code` and pays. The code is checked as Shopify's
 * checkout would (it exists, its usage limit, its customer) and counted; the answer is the
 * orders/create body, the documented orders-create.json with this order's id, customer and codes.
 */
export function checkoutWithCode(
  discounts: FakeShopifyDiscounts,
  shop: string,
  order: { readonly id: string; readonly customerId: string; readonly code: string; readonly at: string },
): string {
  const discount = discounts.discounts(shop).get(order.code.toUpperCase());
  if (!discount) throw new Error(`the fake checkout refuses ${order.code}: no such discount code`);
  const limit = discount.input.usageLimit as number | null | undefined;
  if (limit != null && discount.usedCount >= limit)
    throw new Error(`the fake checkout refuses ${order.code}: used ${discount.usedCount} of ${limit} times`);
  const context = discount.input.context as { customers?: { add?: string[] } } | undefined;
  const only = context?.customers?.add;
  if (only && !only.includes(`gid://shopify/Customer/${order.customerId}`))
    throw new Error(`the fake checkout refuses ${order.code}: not for customer ${order.customerId}`);
  discount.usedCount += 1;
  const type = discount.typename === 'DiscountCodeFreeShipping' ? 'shipping' : 'fixed_amount';
  // The body is text so that 64-bit ids stay exact: the documented fixture with this order's values.
  return readFileSync(join(FIXTURES, 'orders-create.json'), 'utf8')
    .replace(/"id":\s*820982911946154508/, `"id": ${order.id}`)
    .replace(/"id":\s*115310627314723954/g, `"id": ${order.customerId}`)
    .replace(/"created_at":\s*"2024-03-01T23:30:00-05:00"/, `"created_at": "${order.at}"`)
    .replace(/"processed_at":\s*"2024-03-01T23:30:00-05:00"/, `"processed_at": "${order.at}"`)
    .replace(/"updated_at":\s*"2024-03-01T23:30:05-05:00"/, `"updated_at": "${order.at}"`)
    .replace(
      /"discount_codes":\s*\[[^\]]*\]/,
      `"discount_codes": [{ "code": ${JSON.stringify(discount.code)}, "amount": "10.00", "type": "${type}" }]`,
    );
}
