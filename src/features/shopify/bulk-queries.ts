/**
 * What the backfill asks Shopify's Admin GraphQL API, pinned to one API version (shopify.dev,
 * "GraphQL Admin API reference", 2025-10: bulkOperationRunQuery, currentBulkOperation, node,
 * Customer, Order, LineItem, Refund). Pinning keeps the result's shape the one the mappers and
 * the fake Shopify (fake-shopify.fixtures.ts) are written against.
 */
export { SHOPIFY_API_VERSION as SHOPIFY_ADMIN_API_VERSION } from './shopify-app.js';

/**
 * Customers with their names and both consents with their times. email and phone are deprecated
 * in favour of defaultEmailAddress/defaultPhoneNumber in this version but still answered; they are
 * the same values customers/* webhooks send.
 */
export const CUSTOMERS_BULK_QUERY = `{
  customers {
    edges {
      node {
        id
        firstName
        lastName
        email
        phone
        tags
        createdAt
        updatedAt
        emailMarketingConsent { marketingState consentUpdatedAt marketingOptInLevel }
        smsMarketingConsent { marketingState consentUpdatedAt marketingOptInLevel }
      }
    }
  }
}`;

/**
 * Orders with their line items (a connection: child lines in the result), refunds and buyer.
 * Money is read in the shop's currency (shopMoney), as the webhook mapper reads it. Without the
 * read_all_orders scope Shopify answers only the last 60 days of orders.
 */
export const ORDERS_BULK_QUERY = `{
  orders {
    edges {
      node {
        id
        name
        email
        phone
        createdAt
        processedAt
        updatedAt
        cancelledAt
        currencyCode
        displayFinancialStatus
        totalDiscountsSet { shopMoney { amount } }
        totalShippingPriceSet { shopMoney { amount } }
        totalPriceSet { shopMoney { amount } }
        customer { id }
        refunds { id createdAt totalRefundedSet { shopMoney { amount currencyCode } } }
        lineItems {
          edges {
            node {
              id
              sku
              title
              quantity
              originalUnitPriceSet { shopMoney { amount } }
              discountAllocations { allocatedAmountSet { shopMoney { amount } } }
            }
          }
        }
      }
    }
  }
}`;

/**
 * Products with their variants (a connection: child lines), for links by handle
 * (https://{shop}/products/{handle}) without waiting for products/* webhooks. Regulars knows a
 * product by its variants' SKUs, as the webhooks store them. price is the variant's price in the
 * shop's currency (Money, a decimal string).
 */
export const PRODUCTS_BULK_QUERY = `{
  products {
    edges {
      node {
        id
        handle
        title
        productType
        updatedAt
        variants {
          edges {
            node {
              id
              sku
              title
              price
            }
          }
        }
      }
    }
  }
}`;

/** groupObjects: true puts every child line right after its parent (bulk-jsonl.ts reads it so). */
export const RUN_BULK_QUERY = `mutation RunBulkQuery($query: String!) {
  bulkOperationRunQuery(query: $query, groupObjects: true) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`;

const BULK_OPERATION_FIELDS = 'id status errorCode objectCount rootObjectCount url partialDataUrl';

export const BULK_OPERATION_BY_ID = `query BulkOperation($id: ID!) {
  node(id: $id) { ... on BulkOperation { ${BULK_OPERATION_FIELDS} } }
}`;

export const CURRENT_BULK_OPERATION = `query CurrentBulkOperation {
  currentBulkOperation(type: QUERY) { ${BULK_OPERATION_FIELDS} query }
}`;

/** The shop's time zone: GraphQL answers UTC times, which the store's days are not counted in. */
export const SHOP_TIME_ZONE = `query ShopTimeZone {
  shop { ianaTimezone currencyCode }
}`;
