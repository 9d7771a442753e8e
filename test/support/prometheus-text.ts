import { buildMetricsApp } from '../../src/platform/metrics/metrics.route.js';

/** One sample line: `name{label="value",...} 1.5`. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A family: its # HELP and # TYPE, and the samples under them (a histogram's _bucket, _sum, _count too). */
export interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  readonly samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseValue(text: string, line: string): number {
  // Prometheus reads these as Go's ParseFloat does, in any case (prom-client writes "Nan").
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`bad value in: ${line}`);
  return value;
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const start = LABEL.lastIndex;
    const match = LABEL.exec(text);
    if (match === null || match.index !== start) throw new Error(`bad labels in: ${line}`);
    if (match[1] in labels) throw new Error(`label ${match[1]} twice in: ${line}`);
    labels[match[1]] = match[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

/** The family a sample belongs to: its own name, or a histogram's or summary's name before the suffix. */
function familyOf(name: string, families: ReadonlyMap<string, Family>): Family | undefined {
  const own = families.get(name);
  if (own) return own;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  const family = families.get(base);
  return family && (family.type === 'histogram' || family.type === 'summary') ? family : undefined;
}

/**
 * Prometheus's text exposition format (version 0.0.4), parsed strictly: every sample belongs to a
 * family declared by # HELP and # TYPE before it, names and labels are well formed, no family is
 * declared twice, and a histogram's buckets rise and end with +Inf equal to its _count.
 */
export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const helps = new Map<string, string>();
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  for (const line of text.slice(0, -1).split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) {
      const [, name, help = ''] = /^# HELP (\S+) ?(.*)$/.exec(line) ?? [];
      if (!NAME.test(name ?? '')) throw new Error(`bad HELP: ${line}`);
      if (helps.has(name)) throw new Error(`HELP twice for ${name}`);
      helps.set(name, help);
    } else if (line.startsWith('# TYPE ')) {
      const [, name, type] = /^# TYPE (\S+) (\S+)$/.exec(line) ?? [];
      if (!NAME.test(name ?? '') || !TYPES.has(type ?? '')) throw new Error(`bad TYPE: ${line}`);
      if (families.has(name)) throw new Error(`TYPE twice for ${name}`);
      families.set(name, { name, help: helps.get(name) ?? '', type: type as Family['type'], samples: [] });
    } else if (line.startsWith('#')) {
      continue;
    } else {
      const match = SAMPLE.exec(line);
      if (match === null) throw new Error(`bad sample: ${line}`);
      const family = familyOf(match[1], families);
      if (family === undefined) throw new Error(`sample before its # TYPE: ${line}`);
      family.samples.push({
        name: match[1],
        labels: parseLabels(match[2] ?? '', line),
        value: parseValue(match[3], line),
      });
    }
  }
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

function checkHistogram(family: Family): void {
  const series = new Map<string, { buckets: [number, number][]; count?: number }>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (sample.name.endsWith('_bucket')) entry.buckets.push([parseValue(le, sample.name), sample.value]);
    if (sample.name.endsWith('_count')) entry.count = sample.value;
  }
  for (const [key, { buckets, count }] of series) {
    const last = buckets.at(-1);
    if (last === undefined || last[0] !== Infinity || last[1] !== count)
      throw new Error(`${family.name}${key}: the +Inf bucket must be last and equal _count`);
    for (let i = 1; i < buckets.length; i++)
      if (buckets[i][0] <= buckets[i - 1][0] || buckets[i][1] < buckets[i - 1][1])
        throw new Error(`${family.name}${key}: buckets must rise`);
  }
}

/** The value of the one sample `name` with exactly these labels (0 when there is none: a counter not yet moved). */
export function sampleValue(
  families: ReadonlyMap<string, Family>,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number {
  const family = familyOf(name, families);
  if (family === undefined) throw new Error(`no family for ${name}`);
  const wanted = JSON.stringify(Object.entries(labels).sort());
  const found = family.samples.filter(
    (s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted,
  );
  if (found.length > 1) throw new Error(`${name} ${wanted} appears ${found.length} times`);
  return found[0]?.value ?? 0;
}

/** This process's metrics, scraped over HTTP (inject) and parsed. */
export async function scrapeMetrics(): Promise<Map<string, Family>> {
  const app = buildMetricsApp();
  try {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    if (response.statusCode !== 200) throw new Error(`GET /metrics answered ${response.statusCode}: ${response.body}`);
    if (!String(response.headers['content-type']).startsWith('text/plain; version=0.0.4'))
      throw new Error(`unexpected content type ${String(response.headers['content-type'])}`);
    return parsePrometheusText(response.body);
  } finally {
    await app.close();
  }
}
