export type { Order, OrderInput, OrderLineInput, OrderStatus } from './order.js';
export { capRefunds } from './order.js';
export type { OrderLineRow, OrderLineTable } from './order-line.table.js';
export { createOrderIntake } from './order-intake.service.js';
export { ORDER_COLUMNS, type OrderRow, type OrderTable } from './order.table.js';
export { storeCurrency } from './store-currency.query.js';
export { type OrderRewardHandler, type ScheduledJob, whenUsed } from './order-handler.js';
export {
  findOrderByExternalId,
  lockOrderByExternalId,
  orderFromRow,
  ordersWithLines,
  purchaseAfter,
  purchasesAfter,
  updateOrderRefund,
  upsertOrderByExternalId,
} from './order.repository.js';
export { importOrderFile } from './import-order-file.service.js';
export { readOrderExport } from './order-export.reader.js';
export { orderRoutes } from './orders.route.js';
export { registerImportCommand } from './import.command.js';
export { type RecordedBatchOrder, recordOrderBatch } from './record-order-batch.service.js';
export type { IncomingOrder } from './record-order.service.js';
export { upsertCustomersBatch } from './order-batch.repository.js';
