import { describe, expect, it } from 'vitest';
import { campaignData, campaignStatus, resolveSendAt, sendSpan, zoneOffsetMs } from './campaign-draft.js';

const NOW = '2026-03-01T12:00:00.000Z';

describe('a campaign draft', () => {
  it("reads a wall-clock send time in the store's zone, and an instant with an offset as given", () => {
    expect(resolveSendAt('2026-03-02T09:00', 'Europe/Ljubljana', NOW)).toBe('2026-03-02T08:00:00.000Z');
    expect(resolveSendAt('2026-07-02T09:00', 'Europe/Ljubljana', NOW)).toBe('2026-07-02T07:00:00.000Z');
    expect(resolveSendAt('2026-03-02T09:00:00+09:00', 'Europe/Ljubljana', NOW)).toBe('2026-03-02T00:00:00.000Z');
    // Left out: tomorrow at 09:00 in the store's zone.
    expect(resolveSendAt(undefined, 'Asia/Seoul', NOW)).toBe('2026-03-02T00:00:00.000Z');
    expect(() => resolveSendAt('2026-02-30T09:00', 'UTC', NOW)).toThrow(/sendAt must be a time/);
    expect(() => resolveSendAt('tomorrow', 'UTC', NOW)).toThrow(/sendAt/);
  });

  it('spans Earth’s zones when sent at each customer’s local time', () => {
    const at = '2026-03-02T08:00:00.000Z';
    expect(sendSpan(at, false, 3_600_000)).toEqual({ first: Date.parse(at), last: Date.parse(at) });
    const wall = Date.parse('2026-03-02T09:00:00.000Z');
    expect(sendSpan(at, true, zoneOffsetMs(at, 'Europe/Ljubljana'))).toEqual({
      first: wall - 14 * 3_600_000,
      last: wall + 12 * 3_600_000,
    });
  });

  it('checks the copy: a one-line subject and preheader, a body', () => {
    expect(campaignData({ subject: ' Hi ', preheader: '', body: 'x' })).toEqual({
      campaign: { subject: 'Hi', body: 'x' },
    });
    expect(() => campaignData({ subject: 'a\nb', body: 'x' })).toThrow(/subject must be one line/);
    expect(() => campaignData({ subject: 'a', body: '  ' })).toThrow(/body is required/);
  });

  it('derives its status from the flow, the planner and the outbox', () => {
    const span = { first: Date.parse('2026-03-02T08:00:00Z'), last: Date.parse('2026-03-02T08:00:00Z') };
    const state = { enabled: false, enabledAt: null, plannedUntil: null, pending: 0 };
    expect(campaignStatus(state, span, NOW)).toBe('draft');
    expect(campaignStatus({ ...state, enabledAt: NOW }, span, NOW)).toBe('cancelled');
    const on = { enabled: true, enabledAt: NOW, plannedUntil: NOW, pending: 0 };
    expect(campaignStatus(on, span, NOW)).toBe('scheduled');
    expect(campaignStatus(on, span, '2026-03-02T08:00:30Z')).toBe('sending');
    expect(
      campaignStatus({ ...on, plannedUntil: '2026-03-02T08:01:00Z', pending: 3 }, span, '2026-03-02T08:01:00Z'),
    ).toBe('sending');
    expect(campaignStatus({ ...on, plannedUntil: '2026-03-02T08:01:00Z' }, span, '2026-03-02T08:01:00Z')).toBe('sent');
  });
});
