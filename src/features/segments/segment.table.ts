import type { Insertable, Selectable } from 'kysely';

export interface SegmentTable {
  store_id: string;
  /** 'seg_...' */
  id: string;
  name: string;
  description: string | null;
  /** JSON SegmentRule. */
  rules: string;
  /** 1 built-in (read-only), 0 the store's own. */
  built_in: number;
  built_in_key: string | null;
  /** Members at the last refresh. */
  members: number;
  refreshed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SegmentMemberTable {
  store_id: string;
  segment_id: string;
  customer_id: string;
  /** UTC instant of the refresh that added the customer. */
  entered_at: string;
}

export type SegmentRow = Selectable<SegmentTable>;
export type NewSegmentRow = Insertable<SegmentTable>;
export type SegmentMemberRow = Selectable<SegmentMemberTable>;
