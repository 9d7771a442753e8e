import { describe, expect, it } from 'vitest';
import { RegularsError } from '../../../platform/errors.js';
import {
  abandonedCartReason,
  abandonedCarts,
  type CartEventFact,
  cartContents,
  DEFAULT_CART_REASONS,
  orderedAtMs,
  parseAbandonedCartSettings,
} from './abandoned-cart.js';

const settings = parseAbandonedCartSettings({}, 'flows/abandoned-cart.json');
const day = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' };
const H = 3_600_000;

function event(overrides: Partial<CartEventFact> = {}): CartEventFact {
  return {
    id: 'evt_1',
    customerId: 'cus_a',
    externalId: 'a',
    kind: 'checkout_started',
    occurredAt: '2026-03-01T10:00:00.000Z',
    recordedAtMs: null,
    payload: {},
    ...overrides,
  };
}

function fieldOf(raw: Record<string, unknown>): string | undefined {
  try {
    parseAbandonedCartSettings(raw, 'flows/cart.json');
  } catch (error) {
    expect(error).toBeInstanceOf(RegularsError);
    expect((error as RegularsError).code).toBe('INVALID_FLOW');
    return (error as RegularsError).details.field as string;
  }
  return undefined;
}

describe('abandoned-cart settings', () => {
  it('defaults: 3 hours, carts up to 48 hours old, five reasons (price first)', () => {
    expect(settings).toEqual({ delayHours: 3, maxAgeHours: 48, reasons: DEFAULT_CART_REASONS });
    expect(settings.reasons.map((r) => r.code)).toEqual(['price', 'shipping', 'just_looking', 'undecided', 'broken']);
  });

  it('reads its own reasons and refuses wrong ones', () => {
    expect(parseAbandonedCartSettings({ reasons: [{ code: 'size', label: ' Not my size ' }] }, 'f').reasons).toEqual([
      { code: 'size', label: 'Not my size' },
    ]);
    expect(fieldOf({ reasons: [] })).toBe('settings.reasons');
    expect(fieldOf({ reasons: [{ code: 'Price!', label: 'x' }] })).toBe('settings.reasons');
    expect(
      fieldOf({
        reasons: [
          { code: 'a', label: 'x' },
          { code: 'a', label: 'y' },
        ],
      }),
    ).toBe('settings.reasons');
    expect(fieldOf({ reasons: [{ code: 'a', label: 'x', url: 'y' }] })).toBe('settings.reasons');
    expect(fieldOf({ delayHours: 0 })).toBe('settings.delayHours');
    expect(fieldOf({ delayHours: 6, maxAgeHours: 4 })).toBe('settings.maxAgeHours');
    expect(fieldOf({ coupon: {} })).toBe('settings.coupon');
  });
});

describe('abandonedCarts', () => {
  it('sends delayHours after the event, in the window that holds that instant only', () => {
    const [cart] = abandonedCarts([event()], [], day, settings);
    expect(cart.sendAt).toBe('2026-03-01T13:00:00.000Z');
    expect(cart.late).toBe(false);
    // 22:30 + 3 h is the next day: the next window plans it.
    const late = event({ occurredAt: '2026-03-01T22:30:00.000Z' });
    expect(abandonedCarts([late], [], day, settings)).toEqual([]);
    expect(
      abandonedCarts([late], [], { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' }, settings)[0]
        .sendAt,
    ).toBe('2026-03-02T01:30:00.000Z');
    // The window's end is exclusive, its start inclusive.
    expect(abandonedCarts([event({ occurredAt: '2026-02-28T21:00:00.000Z' })], [], day, settings)[0].sendAt).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    expect(abandonedCarts([event({ occurredAt: '2026-03-01T21:00:00.000Z' })], [], day, settings)).toEqual([]);
  });

  it('skips a cart the customer bought or changed again within the delay', () => {
    expect(
      abandonedCarts([event()], [{ customerId: 'cus_a', atMs: Date.parse('2026-03-01T11:00:00Z') }], day, settings),
    ).toEqual([]);
    // A purchase before the cart, or another customer's, does not count.
    expect(
      abandonedCarts(
        [event()],
        [
          { customerId: 'cus_a', atMs: Date.parse('2026-03-01T09:00:00Z') },
          { customerId: 'cus_b', atMs: Date.parse('2026-03-01T11:00:00Z') },
        ],
        day,
        settings,
      ),
    ).toHaveLength(1);
    // Two cart events an hour apart: only the second one is asked about.
    const carts = abandonedCarts(
      [event(), event({ id: 'evt_2', kind: 'cart_updated', occurredAt: '2026-03-01T11:00:00.000Z' })],
      [],
      day,
      settings,
    );
    expect(carts.map((c) => c.event.id)).toEqual(['evt_2']);
    expect(carts[0].sendAt).toBe('2026-03-01T14:00:00.000Z');
    // A cart change after the send instant does not cancel it (it is asked about in its own turn).
    expect(
      abandonedCarts([event(), event({ id: 'evt_2', occurredAt: '2026-03-01T13:30:00.000Z' })], [], day, settings).map(
        (c) => [c.event.id, c.sendAt],
      ),
    ).toEqual([
      ['evt_1', '2026-03-01T13:00:00.000Z'],
      ['evt_2', '2026-03-01T16:30:00.000Z'],
    ]);
  });

  it('asks about an event recorded late when it is recorded, up to maxAgeHours after it happened', () => {
    const recorded = Date.parse('2026-03-01T20:00:00Z');
    const [cart] = abandonedCarts(
      [event({ occurredAt: '2026-02-28T23:00:00.000Z', recordedAtMs: recorded })],
      [],
      day,
      settings,
    );
    expect(cart.sendAt).toBe('2026-03-01T20:00:00.000Z');
    expect(cart.late).toBe(true);
    expect(abandonedCartReason(cart, settings)).toContain('recorded late');
    // Recorded 58 hours after it happened: stale, skipped.
    expect(
      abandonedCarts([event({ occurredAt: '2026-02-27T10:00:00.000Z', recordedAtMs: recorded })], [], day, settings),
    ).toEqual([]);
    expect(
      abandonedCarts([event({ occurredAt: '2026-02-28T21:00:00.000Z', recordedAtMs: recorded })], [], day, {
        ...settings,
        maxAgeHours: 12,
      }),
    ).toEqual([]);
    // Recorded within the delay: on time.
    expect(
      abandonedCarts([event({ recordedAtMs: Date.parse('2026-03-01T10:05:00Z') })], [], day, settings)[0].sendAt,
    ).toBe('2026-03-01T13:00:00.000Z');
    // Recorded after the window (a backtest over events imported later): replayed as if on time.
    expect(
      abandonedCarts([event({ recordedAtMs: Date.parse('2026-11-01T00:00:00Z') })], [], day, settings)[0].sendAt,
    ).toBe('2026-03-01T13:00:00.000Z');
  });

  it('keeps each event in exactly one of consecutive windows', () => {
    const events = [0, 5, 13, 21, 22.5, 23.99].map((h, i) =>
      event({
        id: `evt_${i}`,
        customerId: `cus_${i}`,
        occurredAt: new Date(Date.parse('2026-03-01T00:00:00Z') + h * H).toISOString(),
      }),
    );
    const planned: string[] = [];
    for (let w = 0; w < 6; w++) {
      const from = new Date(Date.parse('2026-03-01T00:00:00Z') + w * 6 * H).toISOString();
      planned.push(
        ...abandonedCarts(events, [], { from, to: new Date(Date.parse(from) + 6 * H).toISOString() }, settings).map(
          (c) => c.event.id,
        ),
      );
    }
    expect(planned.sort()).toEqual(events.map((e) => e.id).sort());
  });
});

describe('cartContents', () => {
  it('reads cart_url and items[].{sku,title}, coping with what is missing or wrong', () => {
    expect(cartContents({})).toEqual({ cartUrl: null, items: [] });
    expect(cartContents({ cart_url: 'javascript:alert(1)', items: 'x' })).toEqual({ cartUrl: null, items: [] });
    expect(
      cartContents({
        cart_url: ' https://shop.example/cart/c9 ',
        items: [{ sku: 'BEAN-1', title: 'House blend' }, { sku: 'MUG' }, { title: 'Gift card' }, {}, null, 7],
      }),
    ).toEqual({
      cartUrl: 'https://shop.example/cart/c9',
      items: [
        { sku: 'BEAN-1', title: 'House blend' },
        { sku: 'MUG', title: 'MUG' },
        { sku: null, title: 'Gift card' },
      ],
    });
    expect(cartContents({ items: Array.from({ length: 30 }, (_, i) => ({ sku: `S${i}` })) }).items).toHaveLength(10);
  });
});

describe('orderedAtMs', () => {
  it('reads an offset exactly and a naive time in the store zone', () => {
    expect(orderedAtMs('2026-03-01T12:00:00+01:00', 'UTC')).toBe(Date.parse('2026-03-01T11:00:00Z'));
    expect(orderedAtMs('2026-03-01T12:00:00', 'Europe/Paris')).toBe(Date.parse('2026-03-01T11:00:00Z'));
    expect(orderedAtMs('2026-03-01T12:00:00', 'America/New_York')).toBe(Date.parse('2026-03-01T17:00:00Z'));
    expect(orderedAtMs('not a date', 'UTC')).toBeNaN();
  });
});

describe('abandonedCartReason', () => {
  it('says what, when, which items and why now', () => {
    const [cart] = abandonedCarts(
      [event({ payload: { items: [{ title: 'House blend' }, { title: 'Grinder' }] } })],
      [],
      day,
      settings,
    );
    expect(abandonedCartReason(cart, settings)).toBe(
      'checkout started on 2026-03-01 10:00 UTC with 2 items (House blend, Grinder); no order or cart change in the 3 hours after',
    );
  });
});
