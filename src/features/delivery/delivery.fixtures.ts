import type { Kysely } from 'kysely';
import type { DeliveryChannelPort, DeliveryDeps, OutgoingDelivery } from './delivery-ports.js';
import type { PlannedMessage } from './planned-message.js';
import { recordConsent } from '../consent/record-consent.service.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';

/** A store and `n` customers with email addresses and granted marketing email consent. */
export async function storeWithCustomers(
  db: Kysely<Database>,
  n: number,
  options: { consent?: boolean; timeZone?: string | null } = {},
) {
  const { store } = await createStore(db, { name: 'Delivery shop' });
  const customerIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const customer = await upsertCustomerByExternalId(db, store.id, {
      externalId: `c-${i}`,
      email: `c${i}@example.com`,
      timeZone: options.timeZone ?? null,
    });
    if (options.consent !== false) {
      await recordConsent(db, store.id, customer.id, {
        channel: 'email',
        purpose: 'marketing',
        status: 'granted',
        source: 'checkout',
        recordedAt: '2026-01-01T00:00:00Z',
        ip: null,
        doubleOptInAt: null,
      });
    }
    customerIds.push(customer.id);
  }
  return { storeId: store.id, customerIds };
}

export function planned(storeId: string, customerId: string, overrides: Partial<PlannedMessage> = {}): PlannedMessage {
  return {
    storeId,
    customerId,
    flow: 'win-back',
    triggerKey: 'step-1',
    channel: 'email',
    purpose: 'marketing',
    template: 'win-back-1',
    data: {},
    sendAt: '2026-05-10T12:00:00Z',
    holdoutShare: 0,
    ...overrides,
  };
}

/** A channel that keeps what it was given (the SMTP round trip is tested with a real server elsewhere). */
export function recordingChannel(
  fail?: (delivery: OutgoingDelivery, call: number) => Error | null,
): DeliveryChannelPort & { deliveries: OutgoingDelivery[] } {
  const deliveries: OutgoingDelivery[] = [];
  let calls = 0;
  return {
    deliveries,
    async send(delivery) {
      const error = fail?.(delivery, ++calls) ?? null;
      if (error !== null) throw error;
      deliveries.push(delivery);
      return { providerMessageId: `prov-${delivery.message.id}` };
    },
  };
}

/** A clock the test moves. */
export function fakeClock(start: string) {
  let now = Date.parse(start);
  return {
    now: () => new Date(now).toISOString(),
    set: (instant: string) => void (now = Date.parse(instant)),
    advanceHours: (h: number) => void (now += h * 3_600_000),
  };
}

export function deps(
  db: Kysely<Database>,
  channel: DeliveryChannelPort,
  clock: () => string,
  workerId = 'w1',
): DeliveryDeps {
  return { db, channels: { email: channel }, workerId, clock, leaseMs: 60_000 };
}
