import { allColumns } from '../../platform/database/all-columns.js';
import type { Insertable, Selectable } from 'kysely';

export interface CustomerTable {
  store_id: string;
  id: string;
  external_id: string;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  birthday: string | null;
  time_zone: string | null;
  locale: string | null;
  /** JSON array of strings. */
  tags: string;
  /** JSON object. */
  attributes: string;
  created_at: string;
  updated_at: string;
  /** The source's version of the profile: a UTC instant (YYYY-MM-DDTHH:MM:SS.sssZ), or null. */
  source_updated_at: string | null;
  /** normalizeEmail(email): what an incoming customer is matched by. */
  email_key: string | null;
  /** normalizePhone(phone). */
  phone_key: string | null;
}

export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomerRow = Insertable<CustomerTable>;

/** Every column, in table order (checked against CustomerRow). */
export const CUSTOMER_COLUMNS = allColumns<CustomerRow>()(
  'store_id',
  'id',
  'external_id',
  'email',
  'phone',
  'first_name',
  'last_name',
  'birthday',
  'time_zone',
  'locale',
  'tags',
  'attributes',
  'created_at',
  'updated_at',
  'source_updated_at',
  'email_key',
  'phone_key',
);
