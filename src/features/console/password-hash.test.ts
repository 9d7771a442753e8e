import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, SCRYPT_PARAMETERS, verifyPassword } from './password-hash.adapter.js';

describe('password hashes', () => {
  it('are scrypt with their parameters and a random salt, and verify only the right password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapLe', hash)).toBe(false);
    expect(await verifyPassword('anything', 'not a hash')).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('verify old hashes after the parameters are raised, and ask for a new one', async () => {
    const weak = await hashPassword('correct horse battery staple', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('correct horse battery staple', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(weak, { N: 1024, r: 8, p: 1 })).toBe(false);
    expect(SCRYPT_PARAMETERS).toEqual({ N: 2 ** 15, r: 8, p: 3 });
  });

  it('compare a password in Unicode normal form C, as typed on any keyboard', async () => {
    const hash = await hashPassword('žlica kávé 咖啡', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('z\u030Clica ka\u0301ve\u0301 咖啡', hash)).toBe(true);
  });
});
