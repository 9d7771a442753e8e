import type { Selectable } from 'kysely';

/**
 * A customer's choices of what marketing they receive (preferences.ts): one row per customer,
 * absent until they first choose. The proof of consent stays in consent_records; these are finer
 * choices within a consent already given.
 */
export interface CustomerPreferenceTable {
  store_id: string;
  customer_id: string;
  /** JSON list of the topics the customer turned off ('["newsletter"]'). */
  topics_off: string;
  /** 'as_sent' | 'weekly' | 'monthly' */
  frequency: string;
  /** ISO instant until which no marketing is sent; null when not snoozed. */
  snoozed_until: string | null;
  updated_at: string;
}

export type CustomerPreferenceRow = Selectable<CustomerPreferenceTable>;
