import { allColumns } from '../../platform/database/all-columns.js';
import type { Generated, Insertable, Selectable } from 'kysely';

export interface OrderTable {
  store_id: string;
  id: string;
  external_id: string;
  customer_id: string;
  /** As the source wrote it; order_day is the calendar day taken from this text. */
  ordered_at: string;
  order_day: number;
  currency: string;
  subtotal_minor: number;
  discount_minor: number;
  shipping_minor: number;
  total_minor: number;
  refunded_minor: number;
  status: string;
  cancelled_at: string | null;
  /** UTC instant in one fixed format (YYYY-MM-DDTHH:MM:SS.sssZ), so text order is time order. */
  source_updated_at: string | null;
  created_at: string;
  updated_at: string;
  /** Refunds past total_minor, which refunded_minor leaves out (0 normally; the column defaults to it). */
  over_refunded_minor: Generated<number>;
  /** The order's name as the shop shows it ("#1042"); null when the source gave none. */
  name: string | null;
}

export type OrderRow = Selectable<OrderTable>;
export type NewOrderRow = Insertable<OrderTable>;

/** Every column, in table order (checked against OrderRow). */
export const ORDER_COLUMNS = allColumns<OrderRow>()(
  'store_id',
  'id',
  'external_id',
  'customer_id',
  'ordered_at',
  'order_day',
  'currency',
  'subtotal_minor',
  'discount_minor',
  'shipping_minor',
  'total_minor',
  'refunded_minor',
  'status',
  'cancelled_at',
  'source_updated_at',
  'created_at',
  'updated_at',
  'over_refunded_minor',
  'name',
);
