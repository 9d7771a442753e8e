import type { Insertable, Selectable } from 'kysely';

export interface ChallengeTable {
  store_id: string;
  id: string;
  customer_id: string;
  kind: string;
  target_orders: number;
  target_days: number | null;
  target_category: string | null;
  /** Store calendar day numbers, inclusive. */
  window_start_day: number;
  deadline_day: number;
  bonus_points: number;
  progress: number;
  status: string;
  /** YYYY-MM-DD of the Monday of the issuing week. */
  issued_week: string;
  /** JSON object. */
  basis: string;
  issued_at: string;
  completed_at: string | null;
  expired_at: string | null;
}

export type ChallengeRow = Selectable<ChallengeTable>;
export type NewChallengeRow = Insertable<ChallengeTable>;
