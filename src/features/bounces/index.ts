export type { BounceEventTable } from './bounce-event.table.js';
export { bounceWebhookRoutes } from './bounce-webhooks.route.js';
export { bounceRoutes } from './bounces.route.js';
export { registerBouncesCommand } from './bounces.command.js';
export type { SnsFetcher } from './receive-bounce-webhook.service.js';
