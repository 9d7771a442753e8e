export type { OutboxMessageTable } from './outbox-message.table.js';
export {
  DELIVERY_SETTING,
  type DeliverySettings,
  holdoutShareFor,
  parseDeliverySettings,
} from './delivery-settings.js';
export { instantOfWallClock, type QuietHours, resolveTimeZone } from './quiet-hours.js';
export { isHeldOut } from './holdout.js';
export {
  DELIVERY_CHANNELS,
  type DeliveryChannel,
  idempotencyKey,
  type MessagePurpose,
  type PlannedMessage,
} from './planned-message.js';
export { outboxBacklog } from './outbox-status.service.js';
export { planMessages } from './plan-messages.service.js';
export { changeDeliverySettings, readDeliverySettings } from './delivery-settings.service.js';
export { deliveryChangesFromFlags, type DeliverySettingsFlags } from './delivery-settings-changes.js';
export { deliverySettingsRoutes } from './delivery-settings.route.js';
export { registerWorkerCommand } from './worker.command.js';
export { runDeliveryWorker } from './delivery-worker.service.js';
export { createEmailChannel, suppressionList } from './deliver-email.service.js';
export { forecastSends, type SendForecast } from './forecast-sends.service.js';
export { outboxLogRoutes } from './outbox-log.route.js';
export type { DeliveryChannelPort } from './delivery-ports.js';
