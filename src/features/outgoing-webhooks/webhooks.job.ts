import type { ScheduledJob } from '../orders/index.js';
import { deliverDueWebhooks, deliveryOwner } from './deliver-webhooks.service.js';

/**
 * The delivery of outgoing webhooks, run for each store by `regulars jobs` and `regulars serve`
 * at every pass (the scheduler's lease gives a store's run to one process; the messages' own
 * leases keep a stalled run and the next one from sending a message twice at once).
 */
export const webhookDeliveryJob: ScheduledJob = {
  name: 'outgoing-webhooks',
  everyMs: 0,
  run: (db, storeId, now) => deliverDueWebhooks(db, storeId, { now, owner: deliveryOwner() }),
};
