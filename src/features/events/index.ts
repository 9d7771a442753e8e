export { CUSTOMER_EVENT_COLUMNS, type CustomerEventRow, type CustomerEventTable } from './customer-event.table.js';
export {
  CUSTOMER_EVENT_KINDS,
  type CustomerEvent,
  type CustomerEventInput,
  type CustomerEventKind,
} from './customer-event.js';
export {
  customerEventFromRow,
  recordDerivedEvent,
  recordDerivedEvents,
  replaceDerivedEvent,
  replaceDerivedEventPayload,
} from './customer-event.repository.js';
export { eventRoutes } from './events.route.js';
export {
  checkOrderDeliveredPayload,
  deliveredOrderId,
  isOrderDelivered,
  ORDER_DELIVERED,
  orderDeliveredPayload,
  type DeliverySource,
} from './order-delivered.js';
