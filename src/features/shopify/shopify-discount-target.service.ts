import type { Kysely } from 'kysely';
import type { Coupon } from '../coupons/index.js';
import type { ShopDiscountConnection, ShopDiscountTarget } from '../shop-discounts/index.js';
import { type Config, loadConfig } from '../../platform/config.js';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import type { AdminGraphql } from './shopify-admin.adapter.js';
import { findInstallation } from './shopify-app.repository.js';
import { installedShopifyAdmin } from './shopify-app.service.js';
import { isOwnDiscount, shopifyDiscountFor } from './shopify-discount.js';

// Shapes from https://shopify.dev/docs/api/admin-graphql/2025-10/queries/codeDiscountNodeByCode and
// the create mutations (DiscountCodeBasicCreatePayload, DiscountCodeFreeShippingCreatePayload:
// codeDiscountNode and userErrors { field code message }).
const BY_CODE = `query codeDiscountNodeByCode($code: String!) {
  codeDiscountNodeByCode(code: $code) {
    id
    codeDiscount {
      ... on DiscountCodeBasic { title }
      ... on DiscountCodeFreeShipping { title }
      ... on DiscountCodeBxgy { title }
      ... on DiscountCodeApp { title }
    }
  }
}`;

const CREATE = {
  discountCodeBasicCreate: `mutation discountCodeBasicCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
    codeDiscountNode { id }
    userErrors { field code message }
  }
}`,
  discountCodeFreeShippingCreate: `mutation discountCodeFreeShippingCreate($freeShippingCodeDiscount: DiscountCodeFreeShippingInput!) {
  discountCodeFreeShippingCreate(freeShippingCodeDiscount: $freeShippingCodeDiscount) {
    codeDiscountNode { id }
    userErrors { field code message }
  }
}`,
} as const;

interface ByCodeAnswer {
  codeDiscountNodeByCode: { id: string; codeDiscount: { title?: string } | null } | null;
}

interface UserError {
  field: string[] | null;
  code: string | null;
  message: string;
}

type CreateAnswer = Record<string, { codeDiscountNode: { id: string } | null; userErrors: UserError[] }>;

function shopifyConnection(admin: AdminGraphql): ShopDiscountConnection {
  return {
    async push(coupon: Coupon, now: string) {
      const plan = shopifyDiscountFor(coupon, now);
      if (!plan.ok)
        throw new RegularsError('SHOP_DISCOUNT_UNSUPPORTED', plan.reason, { couponId: coupon.id, code: coupon.code });
      // Looked up first: an attempt that created the discount and crashed before recording it is
      // found here, so a retry never makes a second one.
      const found = (await admin.request<ByCodeAnswer>(BY_CODE, { code: coupon.code })).codeDiscountNodeByCode;
      if (found) {
        if (isOwnDiscount(found.codeDiscount?.title ?? null, coupon)) return { remoteId: found.id, created: false };
        throw new RegularsError(
          'SHOP_DISCOUNT_CODE_TAKEN',
          `the shop already has a discount with the code ${coupon.code} (${found.id}, "${found.codeDiscount?.title ?? ''}") that Regulars did not make`,
          { couponId: coupon.id, remoteId: found.id },
        );
      }
      const { field, variables } = plan.mutation;
      const answer = (await admin.request<CreateAnswer>(CREATE[field], variables))[field];
      if (!answer || answer.userErrors.length > 0 || !answer.codeDiscountNode)
        throw new RegularsError(
          'SHOP_DISCOUNT_REFUSED',
          `${field} refused ${coupon.code}: ${(answer?.userErrors ?? []).map((e) => `${(e.field ?? []).join('.')} ${e.message}`.trim()).join('; ') || 'no discount returned'}`,
          { couponId: coupon.id, userErrors: answer?.userErrors ?? [] },
        );
      return { remoteId: answer.codeDiscountNode.id, created: true };
    },
  };
}

/**
 * Shopify as a shop the discount queue pushes to: a store is connected when it has the Regulars app
 * installed (docs/shopify.md); its stored token is used through the one Admin API client.
 * `config` is read when a store is connected (the job runs in `regulars serve`, which loads it).
 */
export function shopifyDiscountTarget(config: () => Config = loadConfig): ShopDiscountTarget {
  return {
    platform: 'shopify',
    async connect(db: Kysely<Database>, storeId: string) {
      // The installation first: a store without the app is not connected, whatever the server's
      // configuration says (a bad one fails the installed stores' pushes, visibly, and no other's).
      const installation = await findInstallation(db, storeId);
      if (installation?.status !== 'installed') return null;
      const admin = await installedShopifyAdmin(db, config().shopify, storeId);
      return admin ? shopifyConnection(admin) : null;
    },
  };
}
