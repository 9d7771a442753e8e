import { describe, expect, it } from 'vitest';
import { capLedger, outranks } from './cap-ledger.js';
import type { OutboxMessage } from './outbox-message.js';
import type { CapRow } from './outbox.repository.js';

const NOW = '2026-05-10T12:00:00.000Z';

function message(id: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id,
    storeId: 'st',
    customerId: 'c1',
    flow: 'campaign',
    triggerKey: id,
    idempotencyKey: id,
    channel: 'email',
    consentChannel: 'email',
    purpose: 'marketing',
    priority: 50,
    template: 't',
    data: {},
    plannedSendAt: NOW,
    sendAt: NOW,
    status: 'planned',
    reason: null,
    attempts: 0,
    leaseOwner: 'w',
    leaseUntil: null,
    lastAttemptAt: null,
    sentAt: null,
    providerMessageId: null,
    stopOnOrderAfter: null,
    topic: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

const due = (m: OutboxMessage): CapRow => ({
  id: m.id,
  customerId: m.customerId,
  consentChannel: m.consentChannel,
  kind: 'due',
  priority: m.priority,
  sendAt: m.sendAt,
  lastAttemptAt: m.lastAttemptAt,
});

describe('the cap ledger of a batch', () => {
  it('ranks rivals by priority, then the earlier send_at, then the smaller id', () => {
    expect(outranks(message('b', { priority: 60 }), message('a'))).toBe(true);
    expect(outranks(message('b', { sendAt: '2026-05-10T11:00:00.000Z' }), message('a'))).toBe(true);
    expect(outranks(message('a'), message('b'))).toBe(true);
    expect(outranks(message('b'), message('a'))).toBe(false);
  });

  it("counts the batch's earlier decisions as though they were committed: a send is recent, a decided message no longer due", () => {
    const high = message('m1', { priority: 90 });
    const low = message('m2', { priority: 20 });
    const ledger = capLedger([due(high), due(low)]);
    expect(ledger.weigh(low)).toEqual({ recent: [], dueAhead: 1 });
    expect(ledger.weigh(high)).toEqual({ recent: [], dueAhead: 0 });
    ledger.decided(high, NOW);
    expect(ledger.weigh(low)).toEqual({ recent: [NOW], dueAhead: 0 });
    expect(ledger.sentInBatch(low)).toBe(NOW);
    // Another customer and another channel are untouched.
    expect(ledger.weigh(message('m3', { customerId: 'c2' }))).toEqual({ recent: [], dueAhead: 0 });
    expect(ledger.sentInBatch(message('m4', { consentChannel: 'sms' }))).toBeNull();
  });

  it('a held-back message gives up its rank without counting as a send', () => {
    const high = message('m1', { priority: 90 });
    const low = message('m2', { priority: 20 });
    const ledger = capLedger([due(high), due(low)]);
    ledger.decided(high, null);
    expect(ledger.weigh(low)).toEqual({ recent: [], dueAhead: 0 });
    expect(ledger.sentInBatch(low)).toBeNull();
  });

  it('a message being sent again is not its own rival, and once held back no longer counts', () => {
    const earlier = '2026-05-10T11:59:00.000Z';
    const again = message('m1', { status: 'sending', lastAttemptAt: earlier });
    const other = message('m2');
    const ledger = capLedger([{ ...due(again), kind: 'sent' }, due(other)]);
    expect(ledger.weigh(again).recent).toEqual([]);
    expect(ledger.weigh(other).recent).toEqual([earlier]);
    ledger.decided(again, null);
    expect(ledger.weigh(other).recent).toEqual([]);
  });

  it('neither caps nor counts transactional messages', () => {
    const receipt = message('m1', { purpose: 'transactional' });
    const ledger = capLedger([]);
    ledger.decided(receipt, NOW);
    expect(ledger.weigh(message('m2'))).toEqual({ recent: [], dueAhead: 0 });
  });
});
