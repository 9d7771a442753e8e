import type { Kysely } from 'kysely';
import type { FlowContext, PlanningWindow } from '../../src/app/flows/flow-planner.js';
import type { Database } from '../../src/store/tables/database.table.js';

/**
 * A FlowContext for testing one planner directly (the engine builds the real one, with signed
 * feedback links): the shop at https://shop.example, readable feedback links.
 */
export function flowContext(db: Kysely<Database>, storeId: string, flow: string, window: PlanningWindow, overrides: Partial<FlowContext> = {}): FlowContext {
  return {
    db,
    storeId,
    flow,
    window,
    activeSince: null,
    timeZone: 'UTC',
    currency: 'EUR',
    links: {
      shop: (path = '') => `https://shop.example${path}`,
      product: (sku) => `https://shop.example/products/${encodeURIComponent(sku)}`,
      feedback: (customerId, question, answer, subject) => `https://regulars.example/feedback?c=${customerId}&q=${question}&a=${answer}&s=${encodeURIComponent(subject)}`,
    },
    ...overrides,
  };
}

/** The planning window of one UTC day, 'YYYY-MM-DD'. */
export function dayWindow(day: string): PlanningWindow {
  const from = `${day}T00:00:00.000Z`;
  return { from, to: new Date(Date.parse(from) + 86_400_000).toISOString() };
}
