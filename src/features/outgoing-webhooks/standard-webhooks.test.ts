import { describe, expect, it } from 'vitest';
import { secretKey, serializeSecret, signMessage, verifyMessage } from './standard-webhooks.js';

// The known answer of the Standard Webhooks reference library's "sign function works" test
// (github.com/standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts).
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SPEC_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const SPEC_TIMESTAMP = 1614265330;
const SPEC_BODY = '{"test": 2432232314}';
const SPEC_SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

describe('Standard Webhooks signatures', () => {
  it("signs the reference library's example to its published signature", () => {
    expect(signMessage(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).toBe(SPEC_SIGNATURE);
    // The prefix is only the secret's label: the key is the base64 after it.
    expect(signMessage(SPEC_SECRET.slice(6), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).toBe(SPEC_SIGNATURE);
  });

  it('verifies its own signature, one of several, and refuses a changed body, id, timestamp or an old attempt', () => {
    const headers = { id: SPEC_ID, timestamp: String(SPEC_TIMESTAMP), signature: SPEC_SIGNATURE };
    expect(verifyMessage(SPEC_SECRET, headers, SPEC_BODY, SPEC_TIMESTAMP + 10)).toBe(true);
    expect(
      verifyMessage(SPEC_SECRET, { ...headers, signature: `v1,AAAA ${SPEC_SIGNATURE}` }, SPEC_BODY, SPEC_TIMESTAMP),
    ).toBe(true);
    expect(verifyMessage(SPEC_SECRET, headers, '{"test": 2432232315}', SPEC_TIMESTAMP)).toBe(false);
    expect(verifyMessage(SPEC_SECRET, { ...headers, id: 'msg_other' }, SPEC_BODY, SPEC_TIMESTAMP)).toBe(false);
    expect(verifyMessage(SPEC_SECRET, { ...headers, timestamp: '1614265331' }, SPEC_BODY, SPEC_TIMESTAMP)).toBe(false);
    expect(verifyMessage(SPEC_SECRET, headers, SPEC_BODY, SPEC_TIMESTAMP + 301)).toBe(false);
    expect(verifyMessage(SPEC_SECRET, { ...headers, signature: undefined }, SPEC_BODY, SPEC_TIMESTAMP)).toBe(false);
  });

  it('serialises a key as whsec_ + base64 and reads the same key back', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const secret = serializeSecret(key);
    expect(secret).toBe('whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=');
    expect([...secretKey(secret)]).toEqual([...key]);
  });
});
