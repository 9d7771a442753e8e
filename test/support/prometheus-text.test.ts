import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';

const GOOD = `# HELP a_total Things.
# TYPE a_total counter
a_total{kind="x",path="/a\\"b"} 3
# HELP h Latency.
# TYPE h histogram
h_bucket{le="0.1"} 1
h_bucket{le="+Inf"} 2
h_sum 0.3
h_count 2
# HELP g Nothing yet.
# TYPE g gauge
g Nan
`;

describe('the Prometheus text parser of the tests', () => {
  it('reads families, labels with escapes, histograms and NaN', () => {
    const families = parsePrometheusText(GOOD);
    expect([...families.keys()]).toEqual(['a_total', 'h', 'g']);
    expect(sampleValue(families, 'a_total', { kind: 'x', path: '/a"b' })).toBe(3);
    expect(sampleValue(families, 'h_count')).toBe(2);
    expect(sampleValue(families, 'a_total', { kind: 'y' })).toBe(0);
  });

  it('refuses what Prometheus would not read', () => {
    expect(() => parsePrometheusText('x 1\n')).toThrow(/before its # TYPE/);
    expect(() => parsePrometheusText('# TYPE x counter\nx{a="1" 1\n')).toThrow(/bad sample|bad labels/);
    expect(() => parsePrometheusText('# TYPE x counter\nx one\n')).toThrow(/bad value/);
    expect(() => parsePrometheusText('# TYPE x counter\n# TYPE x counter\n')).toThrow(/twice/);
    expect(() => parsePrometheusText('# TYPE x counter\nx 1')).toThrow(/newline/);
    expect(() =>
      parsePrometheusText('# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_count 1\n'),
    ).toThrow(/rise/);
  });
});
