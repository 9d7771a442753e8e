import type { Kysely } from 'kysely';
import { parseJsonLossless } from '../../analytics/ingest/lossless-json.js';
import type { ShopifyAppConfig } from '../../platform/config.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { RegularsError } from '../../platform/errors.js';
import { checkInput, jsonMayHoldNul } from '../../platform/http/input-checks.js';
import { newId } from '../../platform/ids.js';
import { array, child, id, object, optionalId, optionalString } from './payload-fields.js';
import {
  type CustomerKeys,
  eraseCustomers,
  eraseShop,
  exportCustomers,
  findCustomersOf,
} from './privacy.repository.js';
import type { ShopifyAppTopic } from './shopify-app.js';
import { findInstallation, findInstallationByShop, markUninstalled } from './shopify-app.repository.js';
import { verifyShopifyHmac } from './verify-hmac.js';
import { claimWebhookDelivery } from './webhook-delivery.repository.js';

export interface ReceiveAppWebhookInput {
  /** From the URL (/webhooks/shopify/{storeId}); null on the app-wide compliance URL, where the shop names the store. */
  readonly storeId: string | null;
  readonly topic: ShopifyAppTopic;
  /** X-Shopify-Shop-Domain. */
  readonly shopDomain: string | null;
  readonly webhookId: string | null;
  readonly eventId: string | null;
  readonly hmac: string | undefined;
  readonly rawBody: Buffer;
  readonly now: Date;
}

export interface AppWebhookResult {
  readonly outcome: 'processed' | 'duplicate' | 'ignored';
  readonly topic: ShopifyAppTopic;
  readonly storeId: string | null;
  readonly reason?: string;
  /** customers/data_request: the export made ('dsr_...'). */
  readonly dataRequestId?: string;
  /** customers/redact: the customers erased ('cus_...'). */
  readonly customerIds?: readonly string[];
  /** Rows changed or deleted, by table (customers/redact, shop/redact). */
  readonly tables?: Readonly<Record<string, number>>;
}

/**
 * The app's own webhooks (docs/shopify.md): app/uninstalled and the three compliance topics. They
 * are signed with the app's client secret (not a store's secret), verified over the raw bytes
 * before anything reads them; a bad signature is 401, as Shopify requires of compliance endpoints.
 * A shop no store is connected to answers 200 'ignored': Regulars holds nothing about it.
 */
export async function receiveShopifyAppWebhook(
  db: Kysely<Database>,
  config: ShopifyAppConfig,
  input: ReceiveAppWebhookInput,
): Promise<AppWebhookResult> {
  if (!config.clientSecret)
    throw new RegularsError(
      'WEBHOOK_NOT_CONFIGURED',
      'this server has no REGULARS_SHOPIFY_CLIENT_SECRET to verify the app’s webhooks with',
      { topic: input.topic },
    );
  if (!verifyShopifyHmac(input.rawBody, config.clientSecret, input.hmac))
    throw new RegularsError(
      'INVALID_SIGNATURE',
      input.hmac
        ? "X-Shopify-Hmac-Sha256 does not match the body signed with the app's client secret"
        : 'the X-Shopify-Hmac-Sha256 header is missing',
      {},
    );
  const payload = object(parseJsonLossless(input.rawBody.toString('utf8')), '');
  checkInput(payload, 'body', { mayHoldNul: jsonMayHoldNul(input.rawBody) });
  // app/uninstalled's body is the Shop resource (its myshopify_domain); the compliance ones carry shop_domain.
  const shop =
    optionalString(payload.shop_domain, '/shop_domain') ??
    optionalString(payload.myshopify_domain, '/myshopify_domain') ??
    input.shopDomain;
  const installation = input.storeId
    ? await findInstallation(db, input.storeId)
    : shop
      ? await findInstallationByShop(db, shop.toLowerCase())
      : null;
  if (!installation || (shop !== null && installation.shopDomain !== shop.toLowerCase())) {
    return {
      outcome: 'ignored',
      topic: input.topic,
      storeId: null,
      reason: `no store is connected to ${shop ?? 'this shop'}: Regulars holds nothing about it`,
    };
  }
  const storeId = installation.storeId;
  const now = input.now.toISOString();
  return inTransaction(db, async (trx) => {
    const ids = [
      ...(input.eventId ? [`event:${input.topic}:${input.eventId}`] : []),
      ...(input.webhookId ? [`webhook:${input.webhookId}`] : []),
    ];
    for (const deliveryId of ids)
      if (!(await claimWebhookDelivery(trx, storeId, deliveryId, input.topic)))
        return { outcome: 'duplicate', topic: input.topic, storeId };
    switch (input.topic) {
      case 'app/uninstalled':
        await markUninstalled(trx, storeId, 'uninstalled', now);
        return { outcome: 'processed', topic: input.topic, storeId };
      case 'customers/data_request': {
        const keys = customerKeys(payload, 'orders_requested');
        const requestId = optionalId(object(payload.data_request ?? {}, '/data_request').id, '/data_request/id') ?? '';
        const customerIds = await findCustomersOf(trx, storeId, keys);
        const dataRequestId = newId('dsr');
        const exported = {
          shop: installation.shopDomain,
          dataRequestId: requestId,
          shopifyCustomerId: keys.shopifyCustomerId,
          ordersRequested: keys.orderIds,
          exportedAt: now,
          customerIds,
          tables: await exportCustomers(trx, storeId, customerIds),
        };
        await trx
          .insertInto('shopify_data_requests')
          .values({
            store_id: storeId,
            id: dataRequestId,
            request_id: requestId,
            shopify_customer_id: keys.shopifyCustomerId ?? '',
            customer_id: customerIds[0] ?? null,
            export: JSON.stringify(exported),
            requested_at: now,
          })
          .execute();
        return { outcome: 'processed', topic: input.topic, storeId, dataRequestId, customerIds };
      }
      case 'customers/redact': {
        const keys = customerKeys(payload, 'orders_to_redact');
        const customerIds = await findCustomersOf(trx, storeId, keys);
        const tables = await eraseCustomers(trx, storeId, customerIds, keys, now);
        return { outcome: 'processed', topic: input.topic, storeId, customerIds, tables };
      }
      case 'shop/redact': {
        const tables = await eraseShop(trx, storeId);
        await markUninstalled(trx, storeId, 'redacted', now);
        return { outcome: 'processed', topic: input.topic, storeId, tables };
      }
    }
  });
}

/** The customer a compliance payload names: { customer: { id, email, phone }, orders_...: [ids] }. */
function customerKeys(payload: Record<string, unknown>, ordersField: string): CustomerKeys {
  const customer = object(payload.customer, '/customer');
  const orders =
    payload[ordersField] === undefined || payload[ordersField] === null
      ? []
      : array(payload[ordersField], `/${ordersField}`);
  return {
    shopifyCustomerId: optionalId(customer.id, '/customer/id'),
    email: optionalString(customer.email, '/customer/email'),
    phone: optionalString(customer.phone, '/customer/phone'),
    orderIds: orders.map((value, i) => id(value, child(`/${ordersField}`, i))),
  };
}
