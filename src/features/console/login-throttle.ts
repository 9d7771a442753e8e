/**
 * In-memory counters for sign-in: attempts per client address and per email in a fixed window,
 * and failures per email. The lockout that counts is stored with the user (it holds across
 * servers); these add the per-address limit and answer an unknown email exactly as a known one,
 * so neither the answer nor its timing tells whether an account exists. Pure: `now` is an argument.
 */

/** Entries kept at most; past it the oldest windows go first (an attacker cycling keys only forgets their own). */
const MAX_KEYS = 50_000;

interface Window {
  start: number;
  count: number;
}

export class WindowCounter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt; the milliseconds until the window ends when it is over the limit, else 0. */
  hit(key: string, now: number): number {
    let window = this.windows.get(key);
    if (window === undefined || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.delete(key);
      this.windows.set(key, window);
      if (this.windows.size > MAX_KEYS) this.windows.delete(this.windows.keys().next().value as string);
    }
    window.count++;
    return window.count > this.limit ? window.start + this.windowMs - now : 0;
  }

  clear(key: string): void {
    this.windows.delete(key);
  }
}

/** Failures in a row per key; reaching `limit` locks the key for `lockMs`. */
export class FailureCounter {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly limit: number,
    private readonly lockMs: number,
  ) {}

  /** Milliseconds the key stays locked, or 0. */
  lockedFor(key: string, now: number): number {
    const entry = this.failures.get(key);
    return entry === undefined ? 0 : Math.max(0, entry.lockedUntil - now);
  }

  /** Counts a failure; the milliseconds of the lock it starts, or 0. */
  fail(key: string, now: number): number {
    const entry = this.failures.get(key) ?? { count: 0, lockedUntil: 0 };
    this.failures.delete(key);
    entry.count++;
    if (entry.count >= this.limit) {
      entry.count = 0;
      entry.lockedUntil = now + this.lockMs;
    }
    this.failures.set(key, entry);
    if (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value as string);
    return Math.max(0, entry.lockedUntil - now);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}
