export type { OutboxMessageTable } from './outbox-message.table.js';
export {
  DELIVERY_SETTING,
  type DeliverySettings,
  holdoutShareFor,
  parseDeliverySettings,
} from './delivery-settings.js';
export { instantOfWallClock, resolveTimeZone } from './quiet-hours.js';
export { isHeldOut } from './holdout.js';
export {
  DELIVERY_CHANNELS,
  type DeliveryChannel,
  idempotencyKey,
  type MessagePurpose,
  type PlannedMessage,
} from './planned-message.js';
export { planMessages } from './plan-messages.service.js';
export { registerWorkerCommand } from './worker.command.js';
