import { allColumns } from '../../platform/database/all-columns.js';
import type { Insertable, Selectable } from 'kysely';

export interface CustomerEventTable {
  store_id: string;
  id: string;
  customer_id: string;
  /** 'cart_updated', 'checkout_started', 'product_viewed', 'review_submitted', 'email_opened', 'email_clicked', 'custom', ... */
  kind: string;
  occurred_at: string;
  /** JSON object. */
  payload: string;
}

export type CustomerEventRow = Selectable<CustomerEventTable>;
export type NewCustomerEventRow = Insertable<CustomerEventTable>;

/** Every column, in table order (checked against CustomerEventRow). */
export const CUSTOMER_EVENT_COLUMNS = allColumns<CustomerEventRow>()(
  'store_id',
  'id',
  'customer_id',
  'kind',
  'occurred_at',
  'payload',
);
