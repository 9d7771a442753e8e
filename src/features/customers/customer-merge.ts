import type { Customer } from './customer.js';
import type { CustomerTable } from './customer.table.js';
import { normalizeEmail, normalizePhone } from './customer-match.js';

/**
 * The kept customer's profile after a merge: its own values win, the removed customer's fill the
 * fields it lacks; tags are the union, attributes the removed one's overlaid with the kept one's.
 */
export function mergedProfile(into: Customer, from: Customer): Partial<CustomerTable> {
  const email = into.email ?? from.email;
  const phone = into.phone ?? from.phone;
  return {
    email,
    email_key: normalizeEmail(email),
    phone,
    phone_key: normalizePhone(phone),
    first_name: into.firstName ?? from.firstName,
    last_name: into.lastName ?? from.lastName,
    birthday: into.birthday ?? from.birthday,
    time_zone: into.timeZone ?? from.timeZone,
    locale: into.locale ?? from.locale,
    tags: JSON.stringify([...new Set([...into.tags, ...from.tags])]),
    attributes: JSON.stringify({ ...from.attributes, ...into.attributes }),
  };
}
