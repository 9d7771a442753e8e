import { describe, expect, it } from 'vitest';
import { type BreakerState, createTransportBreaker } from './transport-breaker.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 4, 10, 12, 0, 0) + seconds * 1000).toISOString();

describe('the transport circuit breaker', () => {
  it('opens after the failures in a row, probes with one message, backs off exponentially to the cap, closes on success', () => {
    const changes: BreakerState[] = [];
    const breaker = createTransportBreaker({ openAfter: 2, baseDelayMs: 1_000, maxDelayMs: 4_000 }, (s) =>
      changes.push(s.state),
    );
    expect(breaker.admit(at(0))).toEqual({ kind: 'send' });
    breaker.recordTransportFailure(at(0), 'connect ECONNREFUSED');
    expect(breaker.snapshot().state).toBe('closed');
    breaker.recordTransportFailure(at(0), 'connect ECONNREFUSED');
    expect(breaker.snapshot()).toMatchObject({
      state: 'open',
      failures: 2,
      since: at(0),
      retryAt: at(1),
      lastError: 'connect ECONNREFUSED',
    });
    expect(breaker.admit(at(0.5))).toEqual({ kind: 'wait', until: at(1) });

    // The probe: one message only; the others wait.
    expect(breaker.admit(at(1))).toEqual({ kind: 'probe' });
    expect(breaker.admit(at(1))).toMatchObject({ kind: 'wait' });
    breaker.recordTransportFailure(at(1), '421 too busy');
    expect(breaker.snapshot()).toMatchObject({ state: 'open', retryAt: at(3) });
    expect(breaker.admit(at(3))).toEqual({ kind: 'probe' });
    breaker.recordTransportFailure(at(3), '421 too busy');
    expect(breaker.snapshot().retryAt).toBe(at(7));
    expect(breaker.admit(at(7))).toEqual({ kind: 'probe' });
    breaker.recordTransportFailure(at(7), '421 too busy');
    expect(breaker.snapshot().retryAt).toBe(at(11)); // capped at 4 s

    expect(breaker.admit(at(11))).toEqual({ kind: 'probe' });
    breaker.recordSuccess(at(11));
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', failures: 0, since: null, retryAt: null });
    expect(breaker.admit(at(11))).toEqual({ kind: 'send' });
    expect(changes).toEqual([
      'open',
      'half-open',
      'open',
      'half-open',
      'open',
      'half-open',
      'open',
      'half-open',
      'closed',
    ]);

    // Back to the first delay after a recovery.
    breaker.recordTransportFailure(at(20), 'x');
    breaker.recordTransportFailure(at(20), 'x');
    expect(breaker.snapshot().retryAt).toBe(at(21));
  });

  it('a success between failures resets the count; a probe not sent lets the next message probe', () => {
    const breaker = createTransportBreaker({ openAfter: 2 });
    breaker.recordTransportFailure(at(0), 'x');
    breaker.recordSuccess(at(0));
    breaker.recordTransportFailure(at(0), 'x');
    expect(breaker.snapshot().state).toBe('closed');
    breaker.recordTransportFailure(at(0), 'x');
    expect(breaker.admit(at(5))).toEqual({ kind: 'probe' });
    breaker.releaseProbe();
    expect(breaker.admit(at(5))).toEqual({ kind: 'probe' });
  });
});
