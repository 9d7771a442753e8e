import type { Selectable } from 'kysely';

export interface MembershipPlanTable {
  store_id: string;
  /** 'mpl_...' */
  id: string;
  /** Lower case; unique per store. */
  code: string;
  name: string;
  fee_minor: number;
  currency: string;
  period_months: number;
  /** JSON MembershipPerks. */
  perks: string;
  renewal_reminder_days: number;
  created_at: string;
}

export interface MembershipTable {
  store_id: string;
  /** 'mbr_...' */
  id: string;
  plan_id: string;
  /** 'cus_...' */
  customer_id: string;
  /** 'active' | 'past_due' | 'cancelled' | 'expired'. */
  status: string;
  anchor_at: string;
  period_index: number;
  current_period_start: string;
  current_period_end: string;
  cancelled_at: string | null;
  ended_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface MembershipStatusHistoryTable {
  store_id: string;
  membership_id: string;
  seq: number;
  event: string;
  event_id: string | null;
  from_status: string | null;
  to_status: string;
  period_end: string;
  occurred_at: string;
  recorded_at: string;
}

/** The reason a membership was cancelled with (the history entry `seq`), for the churn-reason report. */
export interface MembershipCancelReasonTable {
  store_id: string;
  membership_id: string;
  seq: number;
  /** One of the subscriptions' CHANGE_REASONS. */
  reason: string;
  note: string | null;
  cancelled_at: string;
}

export type MembershipPlanRow = Selectable<MembershipPlanTable>;
export type MembershipRow = Selectable<MembershipTable>;
export type MembershipStatusHistoryRow = Selectable<MembershipStatusHistoryTable>;
