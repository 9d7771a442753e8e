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
