import { describe, expect, it } from 'vitest';
import { createProgressBar } from './progress-bar.js';

/** A stand-in for process.stderr that records what is written. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    stream: { isTTY, columns: 80, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream,
  };
}

describe('progress bar', () => {
  it('draws on a terminal and ends with a newline', () => {
    const s = stream(true);
    const bar = createProgressBar('reading orders.csv', s.stream);
    bar.update(50, 100);
    bar.update(100, 100);
    bar.finish();
    expect(s.written.some((w) => w.includes('reading orders.csv [') && w.includes(' 50%'))).toBe(true);
    expect(s.written.some((w) => w.includes('100%'))).toBe(true);
    expect(s.written[s.written.length - 1]).toBe('\n');
  });

  it('stays silent when stderr is not a terminal (CI logs, pipes)', () => {
    const s = stream(false);
    const bar = createProgressBar('reading', s.stream);
    bar.update(1, 2);
    bar.finish();
    expect(s.written).toEqual([]);
  });
});
