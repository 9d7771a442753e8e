import { allColumns } from '../../platform/database/all-columns.js';
import type { Insertable, Selectable } from 'kysely';

/** Append-only: a change of consent is a new row, so the proof of every past state is kept. */
export interface ConsentRecordTable {
  store_id: string;
  id: string;
  customer_id: string;
  /** 'email', 'sms', ... */
  channel: string;
  /** 'marketing', 'transactional', ... */
  purpose: string;
  /** 'granted', 'revoked', 'pending' (double opt-in not yet confirmed), ... */
  status: string;
  /** Where the consent was given: 'checkout', 'shopify', 'api', 'import', ... */
  source: string;
  ip: string | null;
  double_opt_in_at: string | null;
  recorded_at: string;
}

export type ConsentRecordRow = Selectable<ConsentRecordTable>;
export type NewConsentRecordRow = Insertable<ConsentRecordTable>;

/** Every column, in table order (checked against ConsentRecordRow). */
export const CONSENT_RECORD_COLUMNS = allColumns<ConsentRecordRow>()(
  'store_id',
  'id',
  'customer_id',
  'channel',
  'purpose',
  'status',
  'source',
  'ip',
  'double_opt_in_at',
  'recorded_at',
);
