export type { WebhookAttemptTable, WebhookEndpointTable, WebhookMessageTable } from './webhook-endpoint.table.js';
export {
  emitWebhookEvent,
  emitWebhookEvents,
  wantsWebhookEvents,
  type WebhookEvent,
} from './emit-webhook-event.service.js';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-event.js';
export { webhookDeliveryJob } from './webhooks.job.js';
export { registerOutgoingWebhooksCommand } from './webhooks.command.js';
export { webhookEndpointRoutes } from './webhook-endpoints.route.js';
export {
  customerCreatedEvent,
  customersCreatedEvents,
  derivedWebhookEvents,
  messageSentEvents,
  orderRecordedEvents,
  pointsChangedEvent,
} from './event-payloads.js';
