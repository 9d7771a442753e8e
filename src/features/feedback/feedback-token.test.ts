import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseFeedbackToken, signFeedbackToken, verifyFeedbackToken } from './feedback-token.js';

const scope = {
  storeId: 'sto_01abc',
  customerId: 'cus_01xyz',
  flow: 'review-request',
  question: 'rating',
  answer: '5',
  subject: 'BEANS-1KG',
};

describe('feedback tokens', () => {
  it('round-trip their scope under the store secret, and nothing else verifies', () => {
    const secret = randomBytes(32);
    const token = signFeedbackToken(secret, scope);
    expect(token).toMatch(/^f1\.01abc\.01xyz\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{32}$/);
    expect(verifyFeedbackToken(secret, token)).toEqual(scope);
    expect(verifyFeedbackToken(randomBytes(32), token)).toBeNull();
    // Another answer with the same signature: refused.
    const [v, s, c, , mac] = token.split('.');
    const otherFields = Buffer.from(JSON.stringify(['review-request', 'rating', '1', 'BEANS-1KG'])).toString(
      'base64url',
    );
    expect(verifyFeedbackToken(secret, [v, s, c, otherFields, mac].join('.'))).toBeNull();
    expect(parseFeedbackToken('f1.x')).toBeNull();
    expect(parseFeedbackToken(`${token}x`)).toBeNull();
  });
});
