import { describe, expect, it } from 'vitest';
import { DEFAULT_FREQUENCY_CAP } from './frequency-cap.js';
import { DEFAULT_QUIET_HOURS } from './quiet-hours.js';
import { type SendCheck, decideSend } from './send-decision.js';

const granted = [{ channel: 'email', purpose: 'marketing', status: 'granted' }];
const base: SendCheck = {
  purpose: 'marketing',
  consentChannel: 'email',
  priority: 50,
  address: 'ann@example.com',
  consent: granted,
  suppression: null,
  recentMarketingSends: [],
  now: '2026-05-10T12:00:00.000Z',
  timeZone: 'UTC',
  quietHours: DEFAULT_QUIET_HOURS,
  frequencyCap: DEFAULT_FREQUENCY_CAP,
};

describe('decideSend', () => {
  it('sends a marketing message that passes every check', () => {
    expect(decideSend(base)).toEqual({ action: 'send' });
  });

  it('skips without an address', () => {
    expect(decideSend({ ...base, address: null })).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/^no_address/),
    });
  });

  it('needs granted marketing consent on the channel for marketing', () => {
    expect(decideSend({ ...base, consent: [] })).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/^no_consent: .* not recorded/),
    });
    expect(
      decideSend({ ...base, consent: [{ channel: 'email', purpose: 'marketing', status: 'revoked' }] }),
    ).toMatchObject({ action: 'skip' });
    expect(
      decideSend({ ...base, consent: [{ channel: 'email', purpose: 'marketing', status: 'pending' }] }),
    ).toMatchObject({ action: 'skip' });
    expect(
      decideSend({ ...base, consent: [{ channel: 'sms', purpose: 'marketing', status: 'granted' }] }),
    ).toMatchObject({ action: 'skip' });
    expect(
      decideSend({
        ...base,
        consentChannel: 'sms',
        consent: [{ channel: 'sms', purpose: 'marketing', status: 'granted' }],
      }),
    ).toEqual({ action: 'send' });
  });

  it('sends transactional messages without marketing consent, unless transactional ones were revoked', () => {
    const tx = {
      ...base,
      purpose: 'transactional' as const,
      consent: [{ channel: 'email', purpose: 'marketing', status: 'revoked' }],
    };
    expect(decideSend(tx)).toEqual({ action: 'send' });
    expect(
      decideSend({ ...tx, consent: [{ channel: 'email', purpose: 'transactional', status: 'revoked' }] }),
    ).toMatchObject({ action: 'skip' });
  });

  it('skips suppressed customers, transactional or not', () => {
    expect(decideSend({ ...base, suppression: 'bounced' })).toEqual({ action: 'skip', reason: 'suppressed: bounced' });
    expect(decideSend({ ...base, purpose: 'transactional', suppression: 'bounced' })).toEqual({
      action: 'skip',
      reason: 'suppressed: bounced',
    });
  });

  it('postpones an over-cap marketing message of enough priority and drops one below it', () => {
    const capped = { ...base, recentMarketingSends: ['2026-05-10T06:00:00.000Z'] };
    // 16 h after 06:00 is 22:00; without quiet hours that is when it goes.
    expect(decideSend({ ...capped, quietHours: null })).toEqual({
      action: 'postpone',
      until: '2026-05-10T22:00:00.000Z',
      reason: expect.stringMatching(/^frequency_cap/),
    });
    expect(decideSend({ ...capped, priority: 49 })).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/^frequency_cap/),
    });
    expect(decideSend({ ...capped, purpose: 'transactional' })).toEqual({ action: 'send' });
  });

  it('leaves the slot to messages of higher priority due at the same time', () => {
    const behind = { ...base, quietHours: null, dueAhead: 1 };
    // Counted as sent now, the one ahead moves this one 16 h on; one below the postpone threshold
    // waits a minute to be decided again after it, rather than being dropped on a guess.
    expect(decideSend(behind)).toEqual({
      action: 'postpone',
      until: '2026-05-11T04:00:00.000Z',
      reason: expect.stringMatching(
        /^frequency_cap: .*1 message of higher priority due at the same time takes the slot/,
      ),
    });
    expect(decideSend({ ...behind, priority: 20 })).toEqual({
      action: 'postpone',
      until: '2026-05-10T12:01:00.000Z',
      reason: expect.stringMatching(/takes the slot; decided again after it$/),
    });
    // With room for both in the cap, nothing waits.
    const roomy = { ...DEFAULT_FREQUENCY_CAP, minHoursBetween: 0 };
    expect(decideSend({ ...behind, frequencyCap: roomy })).toEqual({ action: 'send' });
    expect(decideSend({ ...behind, frequencyCap: roomy, dueAhead: 3 })).toMatchObject({
      action: 'postpone',
      until: '2026-05-17T12:00:00.000Z',
    });
    expect(decideSend({ ...behind, dueAhead: 0 })).toEqual({ action: 'send' });
    expect(decideSend({ ...behind, purpose: 'transactional' })).toEqual({ action: 'send' });
  });

  it('waits out quiet hours in the customer zone, and a cap that ends in them', () => {
    const late = { ...base, now: '2026-05-10T22:30:00.000Z' };
    expect(decideSend(late)).toEqual({
      action: 'postpone',
      until: '2026-05-11T08:00:00.000Z',
      reason: 'quiet_hours: 21:00-08:00 in UTC',
    });
    expect(decideSend({ ...late, timeZone: 'America/New_York' })).toEqual({ action: 'send' }); // 18:30 EDT
    expect(decideSend({ ...late, purpose: 'transactional' })).toEqual({ action: 'send' });
    const cappedIntoNight = { ...base, recentMarketingSends: ['2026-05-10T06:00:00.000Z'] };
    expect(decideSend(cappedIntoNight)).toMatchObject({
      action: 'postpone',
      until: '2026-05-11T08:00:00.000Z',
      reason: expect.stringMatching(/frequency_cap.*then quiet hours/),
    });
  });
});

describe('a message that stops on order', () => {
  it('is skipped once the customer ordered, before any other check', () => {
    const base = {
      purpose: 'marketing' as const,
      consentChannel: 'email',
      priority: 50,
      address: null,
      consent: [],
      suppression: null,
      recentMarketingSends: [],
      now: '2026-03-01T12:00:00Z',
      timeZone: 'UTC',
      quietHours: null,
      frequencyCap: { minHoursBetween: 16, maxPerWindow: 3, windowDays: 7, postponeMinPriority: 50 },
    };
    expect(decideSend({ ...base, orderedSince: '2026-03-01T10:00:00Z' })).toEqual({
      action: 'skip',
      reason: 'stopped_by_order: the customer ordered at 2026-03-01T10:00:00Z, after the message was planned',
    });
    expect(decideSend({ ...base, orderedSince: null })).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/^no_address/),
    });
  });
});
