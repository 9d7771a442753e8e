import type { Kysely } from 'kysely';
import { RegularsError } from '../../../platform/errors.js';
import { dayOfInstant } from './flow-time.js';
import { exposuresOf, type FlowPerformance, flowPerformanceReport } from './flow-performance-report.js';
import { storeCurrency } from '../../orders/index.js';
import { utcInstant } from '../../../platform/database/field-checks.js';
import { flowMessageFacts, flowOrderFacts, type FlowMessageRange } from './flow-performance.query.js';
import type { Database } from '../../../platform/database/database.table.js';

export const DEFAULT_ATTRIBUTION_DAYS = 5;
export const MAX_ATTRIBUTION_DAYS = 90;

export interface FlowPerformanceOptions {
  /** The attribution window in days after each exposure (default 5). */
  readonly windowDays?: number;
  /** Only messages planned to send from this instant (ISO 8601 with offset). */
  readonly since?: string;
  /** ... and before this one. */
  readonly until?: string;
  /** The report's instant: later orders and exposures are not counted (default: now). */
  readonly asOf?: string;
  /** The store's currency, listed first (the orders' own currencies are used regardless); default: the one most of its orders use. */
  readonly currency?: string | null;
}

const DAY_MS = 86_400_000;

/**
 * How a flow (or a campaign: its flow is its own name) performs against its holdout
 * (docs/flows.md "Measuring a flow"): the flow's messages in one read, the exposed customers'
 * purchases from the first exposure to the last one's window end in a second, the arithmetic in
 * pure code (flow-performance-report.ts, lift.ts). A flow with no messages reports zeros.
 */
export async function flowPerformance(
  db: Kysely<Database>,
  storeId: string,
  flow: string,
  options: FlowPerformanceOptions = {},
): Promise<FlowPerformance> {
  const windowDays = options.windowDays ?? DEFAULT_ATTRIBUTION_DAYS;
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > MAX_ATTRIBUTION_DAYS) {
    throw new RegularsError(
      'VALIDATION_FAILED',
      `windowDays must be a whole number of days from 1 to ${MAX_ATTRIBUTION_DAYS}, not ${windowDays}`,
      { path: '/windowDays' },
    );
  }
  const range: FlowMessageRange = {
    flow,
    since: options.since === undefined ? null : utcInstant(options.since, 'since'),
    until: options.until === undefined ? null : utcInstant(options.until, 'until'),
  };
  const asOf = options.asOf === undefined ? new Date().toISOString() : utcInstant(options.asOf, 'asOf');
  const messages = await flowMessageFacts(db, storeId, range);
  const exposures = exposuresOf(messages, Date.parse(asOf));
  let orders: Awaited<ReturnType<typeof flowOrderFacts>> = [];
  if (exposures.length > 0) {
    let first = Infinity;
    let last = -Infinity;
    for (const e of exposures) {
      if (e.at < first) first = e.at;
      if (e.at > last) last = e.at;
    }
    // An order's day is its local calendar day, up to a day off its UTC day: a day's margin each side.
    const fromDay = dayOfInstant(new Date(first).toISOString()) - 1;
    const toDay = dayOfInstant(new Date(last + windowDays * DAY_MS).toISOString()) + 1;
    orders = await flowOrderFacts(db, storeId, range, fromDay, toDay);
  }
  return flowPerformanceReport({
    flow,
    windowDays,
    since: range.since,
    until: range.until,
    asOf,
    storeCurrency: options.currency === undefined ? await storeCurrency(db, storeId) : options.currency,
    messages,
    orders,
  });
}
