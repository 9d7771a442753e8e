import { describe, expect, it } from 'vitest';
import { normalizeAddress } from './suppression.js';

describe('normalizeAddress', () => {
  it('trims emails and lower-cases them whole', () => {
    expect(normalizeAddress('email', '  Alice.Martin@Example.COM ')).toBe('alice.martin@example.com');
  });

  it('drops separators from phone numbers but keeps the plus', () => {
    expect(normalizeAddress('sms', '+44 (0)7700-900.123')).toBe('+4407700900123');
    expect(normalizeAddress('whatsapp', ' +1 555 0100 ')).toBe('+15550100');
  });

  it('only trims other channels', () => {
    expect(normalizeAddress('push', ' Device-Token-AbC ')).toBe('Device-Token-AbC');
  });
});
