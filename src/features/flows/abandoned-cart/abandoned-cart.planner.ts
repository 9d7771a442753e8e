import {
  abandonedCartReason,
  abandonedCarts,
  type AbandonedCartSettings,
  parseAbandonedCartSettings,
} from './abandoned-cart.js';
import { plusMs } from '../engine/flow-time.js';
import { cartFacts } from './abandoned-cart.query.js';
import type { FlowCandidate, FlowPlanner } from '../engine/flow-planner.js';

const HOUR_MS = 3_600_000;

/**
 * Abandoned cart: "did something go wrong?" with one-click reasons, no coupon (docs/flows.md).
 * Each reason link records the answer as the customer's 'cart_reason' feedback about the event.
 */
export const abandonedCartFlow: FlowPlanner<AbandonedCartSettings> = {
  kind: 'abandoned-cart',
  summary:
    'Asks what went wrong (one-click reasons, no discount) when a cart or checkout is left for delayHours (default 3)',
  purpose: 'marketing',
  priority: 65,
  templates: ['abandoned-cart'],
  parseSettings: parseAbandonedCartSettings,
  async plan(ctx, settings) {
    const since = plusMs(ctx.window.from, -settings.maxAgeHours * HOUR_MS);
    const facts = await cartFacts(ctx.db, ctx.storeId, since, ctx.window.to, ctx.timeZone);
    return abandonedCarts(facts.events, facts.purchases, ctx.window, settings).map((cart): FlowCandidate => ({
      customerId: cart.event.customerId,
      externalId: cart.event.externalId,
      triggerKey: `cart:${cart.event.id}`,
      sendAt: cart.sendAt,
      reason: abandonedCartReason(cart, settings),
      template: 'abandoned-cart',
      data: {
        cart: {
          url: cart.cartUrl ?? ctx.links.shop('/cart'),
          items: cart.items.map((item) => ({ sku: item.sku, title: item.title })),
        },
        reasons: settings.reasons.map((r) => ({
          code: r.code,
          label: r.label,
          url: ctx.links.feedback(cart.event.customerId, 'cart_reason', r.code, cart.event.id),
        })),
      },
      stopOnOrderAfter: cart.event.occurredAt,
    }));
  },
};
