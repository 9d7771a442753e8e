import { allColumns } from '../../platform/database/all-columns.js';
import type { Insertable, Selectable } from 'kysely';

export interface OrderLineTable {
  store_id: string;
  order_id: string;
  line_no: number;
  sku: string | null;
  title: string;
  category: string | null;
  quantity: number;
  price_minor: number;
  total_minor: number;
}

export type OrderLineRow = Selectable<OrderLineTable>;
export type NewOrderLineRow = Insertable<OrderLineTable>;

/** Every column, in table order (checked against OrderLineRow). */
export const ORDER_LINE_COLUMNS = allColumns<OrderLineRow>()(
  'store_id',
  'order_id',
  'line_no',
  'sku',
  'title',
  'category',
  'quantity',
  'price_minor',
  'total_minor',
);
