import type { Selectable } from 'kysely';

/**
 * A store's Overview as last computed, kept in the database so that opening the console reads one
 * row instead of every order, on every server process and after a restart.
 */
export interface OverviewSnapshotTable {
  store_id: string;
  /** The orders' version and the metrics run it was computed from (overview-orders.query.ts). */
  version: string;
  /** JSON: the Overview (report, CLV distribution, currency, locale) as GET /v1/console/overview answers it. */
  body: string;
  /** How long computing it took, in ms. */
  compute_ms: number;
  computed_at: string;
}

export type OverviewSnapshotRow = Selectable<OverviewSnapshotTable>;
