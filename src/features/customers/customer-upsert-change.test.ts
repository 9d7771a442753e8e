import { describe, expect, it } from 'vitest';
import { upsertWouldChange } from './customer-upsert-change.js';
import type { StoredCustomerFields } from './incoming-customers.query.js';

const STORED: StoredCustomerFields = {
  id: 'cus_1',
  external_id: 'c-1',
  email: 'ada@example.com',
  phone: null,
  first_name: 'Ada',
  last_name: null,
  birthday: null,
  time_zone: null,
  locale: null,
  tags: '[]',
  attributes: '{}',
  created_at: '2024-03-01T10:00:00.000Z',
  source_updated_at: null,
  email_key: 'ada@example.com',
  phone_key: null,
};

describe('whether the customer upsert would change a stored customer', () => {
  it('changes nothing when every given field holds the stored value and no newer version comes', () => {
    const same = { email: 'ada@example.com', email_key: 'ada@example.com', source_updated_at: null };
    expect(upsertWouldChange(STORED, same, ['email', 'email_key'])).toBe(false);
    // Fields not given are not compared: the upsert does not set them.
    expect(upsertWouldChange({ ...STORED, last_name: 'Lovelace' }, same, ['email', 'email_key'])).toBe(false);
  });

  it('changes a field given with another value, null included', () => {
    expect(upsertWouldChange(STORED, { first_name: 'Augusta', source_updated_at: null }, ['first_name'])).toBe(true);
    expect(upsertWouldChange(STORED, { first_name: null, source_updated_at: null }, ['first_name'])).toBe(true);
    expect(upsertWouldChange(STORED, { phone: '+38640123456', source_updated_at: null }, ['phone'])).toBe(true);
  });

  it('records a newer version even with the same values, and never applies an older one', () => {
    const versioned = { ...STORED, source_updated_at: '2024-03-02T10:00:00.000Z' };
    const same = (version: string | null) => ({ first_name: 'Ada', source_updated_at: version });
    expect(upsertWouldChange(STORED, same('2024-03-01T10:00:00.000Z'), ['first_name'])).toBe(true);
    expect(upsertWouldChange(versioned, same('2024-03-03T10:00:00.000Z'), ['first_name'])).toBe(true);
    expect(upsertWouldChange(versioned, same('2024-03-02T10:00:00.000Z'), ['first_name'])).toBe(false);
    expect(upsertWouldChange(versioned, same(null), ['first_name'])).toBe(false);
    const older = { first_name: 'Augusta', source_updated_at: '2024-03-01T10:00:00.000Z' };
    expect(upsertWouldChange(versioned, older, ['first_name'])).toBe(false);
    // An unversioned profile applies over a versioned one when its values differ.
    expect(upsertWouldChange(versioned, { first_name: 'Augusta', source_updated_at: null }, ['first_name'])).toBe(true);
  });

  it('changes nothing when no field is given (the upsert does nothing on a conflict)', () => {
    expect(upsertWouldChange(STORED, { source_updated_at: '2030-01-01T00:00:00.000Z' }, [])).toBe(false);
  });
});
