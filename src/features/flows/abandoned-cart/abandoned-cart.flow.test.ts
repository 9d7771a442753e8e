import { describe, expect, it } from 'vitest';
import { abandonedCartFlow } from './abandoned-cart.planner.js';
import { recordOrder } from '../../orders/record-order.service.js';
import { builtInTemplatesDir, loadTemplate, renderMessage } from '../../messaging/templates.adapter.js';
import { recordCustomerEvent } from '../../events/customer-event.repository.js';
import { upsertCustomerByExternalId } from '../../customers/customer.repository.js';
import { createStore } from '../../../platform/stores/store.repository.js';
import { recordedAtOfEventId } from './abandoned-cart.query.js';
import { dayWindow, flowContext, testOrder } from '../engine/flow-context.fixtures.js';
import { dialects, useTestDatabase } from '../../../../test/support/test-database.js';

const settings = abandonedCartFlow.parseSettings({}, 'flows/abandoned-cart.json');

function order(externalId: string, customer: string, orderedAt: string, status: 'paid' | 'cancelled' = 'paid') {
  return testOrder({
    id: externalId,
    customer,
    at: orderedAt,
    status,
    lines: [{ sku: 'BEAN-1', title: 'House blend', priceMinor: 1000 }],
  });
}

describe.each(dialects)('abandoned-cart flow on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  async function store() {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Carts' });
    const customer = async (externalId: string) =>
      (
        await upsertCustomerByExternalId(db, store.id, {
          externalId,
          email: `${externalId}@example.com`,
          firstName: externalId,
        })
      ).id;
    const event = (
      customerId: string,
      kind: 'checkout_started' | 'cart_updated',
      occurredAt: string,
      payload: Record<string, unknown> = {},
    ) => recordCustomerEvent(db, store.id, customerId, { kind, occurredAt, payload });
    return { db, storeId: store.id, customer, event };
  }

  it('asks the customers who left a cart, with one-click reasons and no coupon; skips those who bought or came back', async () => {
    const { db, storeId, customer, event } = await store();
    const alice = await customer('alice');
    const bob = await customer('bob');
    const carol = await customer('carol');
    const dan = await customer('dan');
    const erin = await customer('erin');
    const left = await event(alice, 'checkout_started', '2026-03-01T11:00:00+01:00', {
      cart_url: 'https://shop.example/cart/recover/c9f2',
      items: [{ sku: 'BEAN-1', title: 'House blend, 500 g' }, { sku: 'GRINDER' }],
    });
    // Bob bought an hour later (his order's offset differs from the event's).
    await event(bob, 'cart_updated', '2026-03-01T09:00:00Z');
    await recordOrder(db, storeId, order('o-bob', 'bob', '2026-03-01T05:00:00-05:00'));
    // Carol came back and changed the cart: only her later event counts.
    await event(carol, 'cart_updated', '2026-03-01T08:00:00Z');
    const carolLater = await event(carol, 'cart_updated', '2026-03-01T09:30:00Z', { items: 'not a list' });
    // Dan's order was cancelled: not a purchase.
    await event(dan, 'checkout_started', '2026-03-01T12:00:00Z');
    await recordOrder(db, storeId, order('o-dan', 'dan', '2026-03-01T12:30:00Z', 'cancelled'));
    // Erin's cart is due tomorrow; a product view is not a cart.
    await event(erin, 'cart_updated', '2026-03-01T22:00:00Z');
    await recordCustomerEvent(db, storeId, erin, {
      kind: 'product_viewed',
      occurredAt: '2026-03-01T08:00:00Z',
      payload: {},
    });

    const candidates = await abandonedCartFlow.plan(
      flowContext(db, storeId, 'abandoned-cart', dayWindow('2026-03-01')),
      settings,
    );
    const byCustomer = new Map(candidates.map((c) => [c.externalId, c]));
    expect([...byCustomer.keys()].sort()).toEqual(['alice', 'carol', 'dan']);

    const a = byCustomer.get('alice')!;
    expect(a).toMatchObject({
      customerId: alice,
      triggerKey: `cart:${left.id}`,
      sendAt: '2026-03-01T13:00:00.000Z',
      template: 'abandoned-cart',
      stopOnOrderAfter: '2026-03-01T10:00:00.000Z',
      reason:
        'checkout started on 2026-03-01 10:00 UTC with 2 items (House blend, 500 g, GRINDER); no order or cart change in the 3 hours after',
    });
    expect(a.gift).toBeUndefined();
    expect(a.data).toEqual({
      cart: {
        url: 'https://shop.example/cart/recover/c9f2',
        items: [
          { sku: 'BEAN-1', title: 'House blend, 500 g' },
          { sku: 'GRINDER', title: 'GRINDER' },
        ],
      },
      reasons: settings.reasons.map((r) => ({
        code: r.code,
        label: r.label,
        url: `https://regulars.example/feedback?c=${alice}&q=cart_reason&a=${r.code}&s=${left.id}`,
      })),
    });
    // Without a cart link or items: the shop's cart page and an empty list.
    expect(byCustomer.get('carol')).toMatchObject({
      triggerKey: `cart:${carolLater.id}`,
      sendAt: '2026-03-01T12:30:00.000Z',
      data: { cart: { url: 'https://shop.example/cart', items: [] } },
    });

    // The data renders with the built-in template, strictly.
    const template = await loadTemplate(builtInTemplatesDir(), 'abandoned-cart');
    const common = {
      shop: template.sample!.shop,
      customer: template.sample!.customer,
      unsubscribe_url: 'u',
      preferences_url: 'p',
    };
    for (const c of candidates) {
      const rendered = await renderMessage(template, { ...common, ...c.data }, { strict: true });
      expect(rendered.text).toContain('I was just looking');
    }
    const rendered = await renderMessage(template, { ...common, ...a.data }, { strict: true });
    expect(rendered.text).toContain('House blend, 500 g, GRINDER');
    expect(rendered.text).toContain(`a=price&s=${left.id}`);

    // Erin's cart goes out in the next window; nothing is planned twice over consecutive windows.
    const next = await abandonedCartFlow.plan(
      flowContext(db, storeId, 'abandoned-cart', dayWindow('2026-03-02')),
      settings,
    );
    expect(next.map((c) => [c.externalId, c.sendAt])).toEqual([['erin', '2026-03-02T01:00:00.000Z']]);
    // Custom reasons and delay.
    const custom = abandonedCartFlow.parseSettings(
      { delayHours: 1, reasons: [{ code: 'size', label: 'Not my size' }] },
      'f',
    );
    const early = await abandonedCartFlow.plan(
      flowContext(db, storeId, 'abandoned-cart', { from: '2026-03-01T09:00:00.000Z', to: '2026-03-01T12:00:00.000Z' }),
      custom,
    );
    // With a one-hour delay Carol's first cart counts too: she came back 90 minutes later.
    expect(early.map((c) => [c.externalId, c.sendAt])).toEqual([
      ['carol', '2026-03-01T09:00:00.000Z'],
      ['carol', '2026-03-01T10:30:00.000Z'],
      ['alice', '2026-03-01T11:00:00.000Z'],
    ]);
    expect(early[2].data.reasons).toEqual([
      {
        code: 'size',
        label: 'Not my size',
        url: `https://regulars.example/feedback?c=${alice}&q=cart_reason&a=size&s=${left.id}`,
      },
    ]);
  });

  it('only counts what was known before the window ends (as-of), and reads the recording time from the id', async () => {
    const { db, storeId, customer, event } = await store();
    const frank = await customer('frank');
    const recorded = await event(frank, 'checkout_started', '2026-03-01T10:00:00Z');
    // newId's clock is the real one: this event was recorded now, long after 2026-03-01 in a replay.
    expect(Math.abs(recordedAtOfEventId(recorded.id)! - Date.now())).toBeLessThan(60_000);
    expect(recordedAtOfEventId('evt_5f0e3c2a1b0d9e8f7a6b5c4d3e')).toBeGreaterThan(0);
    expect(recordedAtOfEventId('evt_x')).toBeNull();
    // A purchase after the window's end is not known in a replay: the cart is still asked about.
    await recordOrder(db, storeId, order('o-frank', 'frank', '2026-03-02T10:00:00Z'));
    const candidates = await abandonedCartFlow.plan(
      flowContext(db, storeId, 'abandoned-cart', dayWindow('2026-03-01')),
      settings,
    );
    expect(candidates.map((c) => c.externalId)).toEqual(['frank']);
    // A window ending before the event: nothing.
    expect(
      await abandonedCartFlow.plan(
        flowContext(db, storeId, 'abandoned-cart', {
          from: '2026-03-01T00:00:00.000Z',
          to: '2026-03-01T09:59:00.000Z',
        }),
        settings,
      ),
    ).toEqual([]);
  });

  it('asks about an event recorded late when it arrives, within maxAgeHours', async () => {
    const { db, storeId, customer } = await store();
    const gina = await customer('gina');
    // Recorded (by its id's clock) at 20:00, though it happened at 02:00: due at 05:00, known at 20:00.
    const id = eventIdAt(Date.parse('2026-03-01T20:00:00Z'));
    await db
      .insertInto('customer_events')
      .values({
        store_id: storeId,
        id,
        customer_id: gina,
        kind: 'cart_updated',
        occurred_at: '2026-03-01T02:00:00.000Z',
        payload: '{}',
      })
      .execute();
    const late = await abandonedCartFlow.plan(
      flowContext(db, storeId, 'abandoned-cart', { from: '2026-03-01T12:00:00.000Z', to: '2026-03-02T00:00:00.000Z' }),
      settings,
    );
    expect(late.map((c) => [c.triggerKey, c.sendAt])).toEqual([[`cart:${id}`, '2026-03-01T20:00:00.000Z']]);
    expect(late[0].reason).toContain('recorded late');
    // Live, the earlier window's run could not see it. Run again now (a replay after the recording),
    // it takes the event as on time: the same trigger key, so the outbox keeps one message.
    const replay = await abandonedCartFlow.plan(
      flowContext(db, storeId, 'abandoned-cart', { from: '2026-03-01T00:00:00.000Z', to: '2026-03-01T12:00:00.000Z' }),
      settings,
    );
    expect(replay.map((c) => [c.triggerKey, c.sendAt])).toEqual([[`cart:${id}`, '2026-03-01T05:00:00.000Z']]);
    // Stale: recorded more than maxAgeHours after it happened.
    const stale = abandonedCartFlow.parseSettings({ maxAgeHours: 12 }, 'f');
    expect(
      await abandonedCartFlow.plan(
        flowContext(db, storeId, 'abandoned-cart', {
          from: '2026-03-01T12:00:00.000Z',
          to: '2026-03-02T00:00:00.000Z',
        }),
        stale,
      ),
    ).toEqual([]);
  });
});

/** An 'evt_' id as newId makes it at `ms` (its first 10 characters are the clock). */
function eventIdAt(ms: number): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let time = '';
  for (let i = 0, t = ms; i < 10; i++, t = Math.floor(t / 32)) time = alphabet[t % 32] + time;
  return `evt_${time}0000000000000001`;
}
