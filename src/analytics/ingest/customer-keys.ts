import { normalizePhone } from '../../platform/contact-keys.js';

/* How the parsers key a customer an order names without a customer id or email (docs/import.md). */

/** The customer key of an order with a phone and no email: 'phone:' and the E.164-like number; null without one. */
export function phoneCustomerKey(phone: string): string | null {
  const key = normalizePhone(phone);
  return key === null ? null : `phone:${key}`;
}

/** The customer key of an order with neither email nor phone: a guest of its own, never messaged. */
export function guestCustomerKey(orderId: string): string {
  return `guest:${orderId}`;
}
