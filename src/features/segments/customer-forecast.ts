/**
 * One customer's expected orders over several horizons, from the store's fitted count model (the
 * one the metrics refresh kept) and the customer's history as of the refresh: the same model code
 * (analytics/count-models.ts) and the same history the refresh used for expected_orders, so the
 * 91-day figure equals the stored one.
 */
import { COUNT_MODELS } from '../../analytics/count-models.js';
import type { StoreModel } from './customer-metrics.js';

/** The horizons the console shows: a month, a quarter (about the stored 13 weeks), a year. */
export const FORECAST_HORIZON_DAYS = [30, 90, 365] as const;

/** What customer_metrics keeps of a customer's purchases, in store calendar day numbers. */
export interface PurchaseHistory {
  /** Distinct days with a purchase. */
  readonly purchaseDays: number;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly asOfDay: number;
}

export interface HorizonForecast {
  readonly days: number;
  /** Expected purchases (distinct purchase days, as the model counts them) within `days` after the as-of day. */
  readonly expectedOrders: number;
}

/** Expected orders within each horizon; the model works in weeks, as the refresh fitted it. */
export function forecastCustomer(
  model: StoreModel,
  history: PurchaseHistory,
  horizonsDays: readonly number[] = FORECAST_HORIZON_DAYS,
): { readonly pAlive: number; readonly horizons: HorizonForecast[] } {
  const count = COUNT_MODELS[model.countModel];
  const histories = {
    x: Float64Array.of(history.purchaseDays - 1),
    tx: Float64Array.of((history.lastDay - history.firstDay) / 7),
    T: Float64Array.of((history.asOfDay - history.firstDay) / 7),
  };
  const pAlive = count.pAlive(model.params, histories);
  const forecast = count.forecast(model.params, histories, pAlive);
  const out = new Float64Array(1);
  return {
    pAlive: pAlive[0],
    horizons: horizonsDays.map((days) => {
      forecast(days / 7, out);
      return { days, expectedOrders: out[0] };
    }),
  };
}
