import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../analytics/ingest/lossless-json.js';
import { receiveShopifyWebhook } from './receive-shopify-webhook.service.js';
import { abandonedCartFlow } from '../flows/abandoned-cart/abandoned-cart.planner.js';
import { postPurchaseFlow } from '../flows/post-purchase/post-purchase.planner.js';
import { flowContext } from '../flows/engine/flow-context.fixtures.js';
import { linksFor } from '../flows/engine/plan-flows.service.js';
import { findAllProductHandles } from '../products/index.js';
import { builtInTemplatesDir, loadTemplate, renderMessage } from '../messaging/templates.adapter.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { createHmac } from 'node:crypto';

// Shopify's documented example payloads (test/fixtures/shopify-webhooks/SOURCES.md), through the
// receiver as Shopify delivers them, then planned by the flows and rendered with the built-in templates.
const SECRET = 'flow_secret';
const RECOVERY_URL =
  'https://checkout.local/548380009/checkouts/bd5a8aa1ecd019dd3520ff791ee3a24c/recover?key=example-secret-token';

function fixture(name: string, edit: (payload: Record<string, unknown>) => void = () => {}): Buffer {
  const text = readFileSync(
    join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'shopify-webhooks', name),
    'utf8',
  );
  const payload = parseJsonLossless(text) as Record<string, unknown>;
  edit(payload);
  return Buffer.from(JSON.stringify(payload).replace(/"(\d{16,})"/g, '$1'));
}

/** The checkout's reminder is due 3 hours (the default delay) after its last update, 00:20Z. */
const WINDOW = { from: '2024-03-02T00:00:00.000Z', to: '2024-03-02T04:00:00.000Z' };
const settings = abandonedCartFlow.parseSettings({}, 'flows/abandoned-cart.json');

describe.each(dialects)('Shopify checkouts and orders in the flows on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  async function shop() {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Checkout Coffee', shopifySecret: SECRET });
    let n = 0;
    const deliver = (topic: string, body: Buffer) =>
      receiveShopifyWebhook(db, {
        storeId: store.id,
        topic,
        eventId: `flow-${++n}`,
        hmac: createHmac('sha256', SECRET).update(body).digest('base64'),
        rawBody: body,
      });
    return { db, storeId: store.id, deliver };
  }

  it('reminds about an abandoned Shopify checkout with its recovery URL; the completing order stops it', async () => {
    const { db, storeId, deliver } = await shop();
    await deliver('checkouts/create', fixture('checkouts-create.json'));
    await deliver('checkouts/update', fixture('checkouts-update.json'));
    await deliver('checkouts/create', fixture('checkouts-create-no-contact.json'));

    const candidates = await abandonedCartFlow.plan(flowContext(db, storeId, 'abandoned-cart', WINDOW), settings);
    // One reminder: the checkout's latest version, due at 00:20Z + 3 h; the contactless one is not messaged.
    expect(candidates).toHaveLength(1);
    const [reminder] = candidates;
    expect(reminder.externalId).toBe('115310627314723954');
    expect(reminder.sendAt).toBe('2024-03-02T03:20:00.000Z');
    expect(reminder.stopOnOrderAfter).toBe('2024-03-02T00:20:00.000Z');
    const template = await loadTemplate(builtInTemplatesDir(), 'abandoned-cart');
    const rendered = await renderMessage(
      template,
      {
        ...reminder.data,
        shop: template.sample!.shop,
        customer: { first_name: 'John' },
        unsubscribe_url: 'u',
        preferences_url: 'p',
      },
      { strict: true },
    );
    expect(rendered.text).toContain(RECOVERY_URL);
    expect(rendered.html).toContain(RECOVERY_URL.replaceAll('&', '&amp;'));
    expect(rendered.text).toContain('IPod Nano - 8GB, Silicone Case');

    // The order that completes it (orders/create with its checkout_token) stops it, even if it is
    // placed after the reminder's time in a view that has not planned it yet.
    await deliver(
      'orders/create',
      fixture('orders-create.json', (o) => {
        o.created_at = '2024-03-01T23:30:00-05:00';
      }),
    );
    expect(await abandonedCartFlow.plan(flowContext(db, storeId, 'abandoned-cart', WINDOW), settings)).toEqual([]);
  });

  it('matches the completing order by checkout_id when it names no token', async () => {
    const { db, storeId, deliver } = await shop();
    await deliver('checkouts/create', fixture('checkouts-create.json'));
    await deliver(
      'orders/create',
      fixture('orders-create.json', (o) => {
        o.checkout_token = null;
        o.checkout_id = 981820079255243537n.toString();
      }),
    );
    expect(await abandonedCartFlow.plan(flowContext(db, storeId, 'abandoned-cart', WINDOW), settings)).toEqual([]);
  });

  it('calls the order by its name and links products by handle, else the shop’s home page', async () => {
    const { db, storeId, deliver } = await shop();
    await deliver('products/create', fixture('products-create.json'));
    await deliver('orders/create', fixture('orders-create.json'));
    const handles = await findAllProductHandles(db, storeId);
    const links = linksFor(
      storeId,
      'post-purchase',
      {
        name: 'Checkout Coffee',
        url: 'https://shop.example',
        supportEmail: null,
        address: null,
        locale: null,
        origins: [],
      } as never,
      null,
      Buffer.from('secret'),
      handles,
    );
    expect(links.product('IPOD2008PINK')).toBe('https://shop.example/products/ipod-nano');
    // No handle known for the case: the home page, never a guessed /products/CASE-SIL-BLK.
    expect(links.product('CASE-SIL-BLK')).toBe('https://shop.example/');

    const candidates = await postPurchaseFlow.plan(
      flowContext(db, storeId, 'post-purchase', { from: '2024-03-01T00:00:00.000Z', to: '2024-03-20T00:00:00.000Z' }),
      postPurchaseFlow.parseSettings({}, 'flows/post-purchase.json'),
    );
    expect(candidates).toHaveLength(1);
    expect(candidates[0].reason).toContain('#1001');
    expect(candidates[0].reason).not.toContain('820982911946154508');
    const template = await loadTemplate(builtInTemplatesDir(), candidates[0].template);
    const rendered = await renderMessage(
      template,
      {
        ...candidates[0].data,
        shop: template.sample!.shop,
        customer: { first_name: 'John' },
        unsubscribe_url: 'u',
        preferences_url: 'p',
      },
      { strict: true },
    );
    expect(rendered.subject + rendered.text).toContain('#1001');
    expect(rendered.subject + rendered.text + rendered.html).not.toContain('820982911946154508');
  });
});
