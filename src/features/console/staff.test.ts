import { describe, expect, it } from 'vitest';
import { requiredRole, roleAllows, safeNextPath, sessionIsLive } from './staff.js';
import { isConsolePath } from './console-paths.js';
import { FailureCounter, WindowCounter } from './login-throttle.js';
import { formatMessage, messagesEn } from './messages.en.js';

describe('roles', () => {
  it('lets anyone read, marketers change what they send and offer, owners everything', () => {
    expect(requiredRole('GET', '/settings/delivery')).toBe('viewer');
    expect(requiredRole('HEAD', '/customers')).toBe('viewer');
    expect(requiredRole('POST', '/segments')).toBe('marketer');
    expect(requiredRole('DELETE', '/segments/seg_1')).toBe('marketer');
    expect(requiredRole('POST', '/flows/win-back/enable')).toBe('marketer');
    expect(requiredRole('PUT', '/loyalty/program')).toBe('marketer');
    expect(requiredRole('POST', '/campaigns?x=1')).toBe('marketer');
    expect(requiredRole('POST', '/customers/cus_1/points')).toBe('marketer');
    expect(requiredRole('PUT', '/settings/delivery')).toBe('owner');
    expect(requiredRole('POST', '/api-keys')).toBe('owner');
    expect(requiredRole('POST', '/users')).toBe('owner');
    expect(requiredRole('POST', '/orders')).toBe('owner');
    // POSTs that only compute an answer are reads.
    expect(requiredRole('POST', '/segments/preview')).toBe('viewer');
    expect(requiredRole('POST', '/campaigns/cmp_1/lint')).toBe('viewer');
    expect(requiredRole('POST', '/flows/win-back/dry-run')).toBe('viewer');
    expect(roleAllows('viewer', 'viewer')).toBe(true);
    expect(roleAllows('viewer', 'marketer')).toBe(false);
    expect(roleAllows('marketer', 'owner')).toBe(false);
    expect(roleAllows('owner', 'owner')).toBe(true);
  });
});

describe('sessions and paths', () => {
  it('ends a session idle too long or past its end', () => {
    const session = { lastSeenAt: '2026-01-01T10:00:00.000Z', expiresAt: '2026-01-01T20:00:00.000Z' };
    expect(sessionIsLive(session, Date.parse('2026-01-01T11:59:00Z'))).toBe(true);
    expect(sessionIsLive(session, Date.parse('2026-01-01T12:00:00Z'))).toBe(false);
    expect(
      sessionIsLive({ ...session, lastSeenAt: '2026-01-01T19:59:00.000Z' }, Date.parse('2026-01-01T20:00:00Z')),
    ).toBe(false);
  });

  it('follows only paths of this site after sign-in', () => {
    expect(safeNextPath('/customers/cus_1?tab=orders')).toBe('/customers/cus_1?tab=orders');
    for (const bad of [undefined, '', 'https://evil.example', '//evil.example', '/\\evil.example', '/login', '/a\nb'])
      expect(safeNextPath(bad), String(bad)).toBe('/');
  });

  it("knows the console's client-side paths", () => {
    for (const path of ['/', '/customers', '/customers/cus_1', '/settings/delivery', '/messages'])
      expect(isConsolePath(path), path).toBe(true);
    for (const path of ['/v1/customers', '/login', '/customersx', '/docs'])
      expect(isConsolePath(path), path).toBe(false);
  });
});

describe('sign-in counters', () => {
  it('counts attempts in a window and failures up to a lock', () => {
    const window = new WindowCounter(2, 1000);
    expect([window.hit('a', 0), window.hit('a', 10), window.hit('a', 20)]).toEqual([0, 0, 980]);
    expect(window.hit('b', 20)).toBe(0);
    expect(window.hit('a', 1000)).toBe(0);
    const failures = new FailureCounter(3, 500);
    expect([failures.fail('x', 0), failures.fail('x', 1), failures.fail('x', 2)]).toEqual([0, 0, 500]);
    expect(failures.lockedFor('x', 100)).toBe(402);
    expect(failures.lockedFor('x', 502)).toBe(0);
    failures.fail('y', 0);
    failures.clear('y');
    expect([failures.fail('y', 0), failures.fail('y', 0)]).toEqual([0, 0]);
  });
});

describe('the message catalogue', () => {
  it('fills placeholders', () => {
    expect(formatMessage(messagesEn, 'login.locked', { minutes: 15 })).toContain('paused for 15 minutes');
    expect(formatMessage(messagesEn, 'error.code')).toBe('Error code: {code}');
  });
});
