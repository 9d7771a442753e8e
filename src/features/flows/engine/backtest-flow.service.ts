import type { Kysely } from 'kysely';
import { dayFromIso, ymdFromDay } from '../../../analytics/day.js';
import type { Database } from '../../../platform/database/database.table.js';
import { RegularsError } from '../../../platform/errors.js';
import { readSetting } from '../../../platform/stores/store-settings.repository.js';
import { DELIVERY_SETTING, forecastSends, parseDeliverySettings } from '../../delivery/index.js';
import { chooseDefinition, type FlowSources } from './manage-flows.service.js';
import { runFlows } from './plan-flows.service.js';

/** A backtest covers at most this many days: each day is planned on its own, and the answer lists every message. */
export const BACKTEST_MAX_DAYS = 90;
/** The answer lists at most this many messages (the totals count them all). */
export const BACKTEST_MAX_ROWS = 2_000;

export type BacktestOutcome = 'send' | 'postpone' | 'skip' | 'held_out';

/** One message the flow would have planned, and what would have happened to it. */
export interface BacktestRow {
  /** The store's own id for the customer. */
  readonly customerId: string;
  /** Regulars' id ('cus_...'), for the customer's page. */
  readonly customerRef: string;
  readonly sendAt: string;
  readonly template: string;
  /** Why the flow chose the customer ("usually orders every 21 days; 45 days since ..."). */
  readonly reason: string;
  readonly outcome: BacktestOutcome;
  /** Why it was held back: 'no_consent: ...', 'frequency_cap: ...', 'quiet_hours: ...', 'holdout: ...'; null when sent. */
  readonly why: string | null;
  /** A postponed message: when it would have gone out. */
  readonly until: string | null;
}

export interface FlowBacktest {
  readonly flow: string;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly days: number;
  readonly timeZone: string;
  readonly totals: {
    readonly planned: number;
    readonly send: number;
    readonly postpone: number;
    readonly skip: number;
    readonly heldOut: number;
  };
  /** Skipped and postponed messages by the reason's code ('no_consent', 'frequency_cap', ...). */
  readonly byReason: Readonly<Record<string, number>>;
  readonly rows: readonly BacktestRow[];
  /** More messages than BACKTEST_MAX_ROWS: the rows are the first ones, the totals count all. */
  readonly truncated: boolean;
}

/** The calendar date of an instant in a zone, 'YYYY-MM-DD'. */
function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

/**
 * What a flow would have sent over `days` past days, to whom and why, computed from the stored
 * data and written nowhere (docs/flows.md "Backtesting in the console"). The planning is the flow
 * engine's own dry run (runFlows: each day planned as of that day, holdout by the same hash); each
 * message not held out then goes through the delivery worker's own send decision as of its send
 * instant (forecastSends: consent, suppression, frequency cap, quiet hours, stopped by order).
 * The days run from `firstDay` (default: `days` days before the store's today, so the last is
 * yesterday). A flow's settings are its stored ones, enabled or not.
 */
export async function backtestFlow(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  sources: FlowSources,
  request: {
    readonly days: number;
    readonly firstDay?: string | null;
    readonly now: string;
    readonly publicUrl: string | null;
  },
): Promise<FlowBacktest> {
  const { days } = request;
  if (!Number.isInteger(days) || days < 1 || days > BACKTEST_MAX_DAYS)
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `days must be a whole number from 1 to ${BACKTEST_MAX_DAYS}, not ${days}: a backtest plans each day on its own`,
      { field: 'days', min: 1, max: BACKTEST_MAX_DAYS },
    );
  await chooseDefinition(db, storeId, name, { ...sources, files: undefined });
  const settings = parseDeliverySettings(await readSetting(db, storeId, DELIVERY_SETTING));
  const timeZone = settings.timeZone ?? 'UTC';
  let first: number;
  if (request.firstDay === undefined || request.firstDay === null) {
    first = dayFromIso(localDate(request.now, timeZone)) - days;
  } else {
    first = /^\d{4}-\d{2}-\d{2}$/.test(request.firstDay) ? dayFromIso(request.firstDay) : Number.NaN;
    if (Number.isNaN(first))
      throw new RegularsError('INVALID_ARGUMENT', `firstDay must be a date YYYY-MM-DD, not ${request.firstDay}`, {
        field: 'firstDay',
      });
  }
  const run = await runFlows(
    db,
    storeId,
    { now: request.now, dryRun: true, asOfDay: ymdFromDay(first), days, flows: [name], publicUrl: request.publicUrl },
    sources.registry,
    sources.builtIns,
  );
  const sending = run.messages.filter((m) => !m.entry.holdout);
  const forecasts = await forecastSends(
    db,
    storeId,
    sending.map((m) => m.message),
    settings,
  );
  const forecastOf = new Map(sending.map((m, i) => [m, forecasts[i]]));
  const totals = { planned: run.messages.length, send: 0, postpone: 0, skip: 0, heldOut: 0 };
  const byReason: Record<string, number> = {};
  const rows: BacktestRow[] = [];
  for (const m of run.messages) {
    const forecast = forecastOf.get(m);
    let row: BacktestRow;
    const base = {
      customerId: m.entry.customerId,
      customerRef: m.message.customerId,
      sendAt: m.entry.sendAt,
      template: m.message.template,
      reason: m.entry.reason,
    };
    if (forecast === undefined) {
      totals.heldOut++;
      row = {
        ...base,
        outcome: 'held_out',
        why: "holdout: in the flow's holdout, recorded as would have received",
        until: null,
      };
    } else if (forecast.action === 'send') {
      totals.send++;
      row = { ...base, outcome: 'send', why: null, until: null };
    } else {
      const code = forecast.reason.split(':')[0];
      byReason[code] = (byReason[code] ?? 0) + 1;
      if (forecast.action === 'skip') totals.skip++;
      else totals.postpone++;
      row = {
        ...base,
        outcome: forecast.action,
        why: forecast.reason,
        until: forecast.action === 'postpone' ? forecast.until : null,
      };
    }
    if (rows.length < BACKTEST_MAX_ROWS) rows.push(row);
  }
  return {
    flow: name,
    firstDay: ymdFromDay(first),
    lastDay: ymdFromDay(first + days - 1),
    days,
    timeZone,
    totals,
    byReason,
    rows,
    truncated: run.messages.length > rows.length,
  };
}
