/**
 * Chart builders for the HTML report: one function per chart, each returning an ECharts option and
 * the height it needs, and one renderer that turns a spec into a static SVG string with ECharts'
 * server-side rendering. No script ships with the report, so charts carry their numbers in labels
 * and axes rather than in hover tooltips.
 *
 * Every chart is drawn for a layout (a narrow one for phones, a wide one for larger screens) because
 * an SVG scaled down from desktop width leaves its text too small to read on a phone.
 */
import { createRequire } from 'node:module';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, VisualMapComponentOption } from 'echarts/components';
import type * as EChartsCore from 'echarts/core';
import type {
  BacktestFrequencyRow,
  Cohorts,
  GrowthPeriod,
  RepeatCurvePoint,
  RfmSegment,
  TimeBetweenOrders,
  TrackingPoint,
} from '../report.types.js';

// ECharts' prebuilt single-file bundle loads in about 0.1 s; its ES modules (hundreds of files,
// even when importing only the parts used) take about 0.5 s, a sixth of a 1M-row analyze.
const echarts = createRequire(import.meta.url)('echarts') as typeof EChartsCore;

export type ChartOption = EChartsCore.ComposeOption<
  | BarSeriesOption
  | HeatmapSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
>;

export interface ChartLayout {
  /** Width in CSS pixels the SVG is designed for; the page scales it to the container. */
  readonly width: number;
  /** Phone layout: fewer categories, shorter labels, legend kept small. */
  readonly compact: boolean;
}

/** ~360 px is a phone's content width, so text renders close to its nominal size there. */
export const NARROW_LAYOUT: ChartLayout = { width: 360, compact: true };
export const WIDE_LAYOUT: ChartLayout = { width: 760, compact: false };

export interface ChartSpec {
  readonly option: ChartOption;
  readonly height: number;
}

/** Calm, distinguishable colours (no saturated primaries), in series order. */
const CHART_COLORS = {
  blue: '#3d6a99',
  sage: '#6f9e85',
  amber: '#d2a04f',
  slate: '#33414e',
  lavender: '#8d7fb0',
  text: '#52606d',
  axis: '#cbd2d9',
  grid: '#e8ebef',
} as const;

/** Sequential scale for shares: near-white to deep blue, readable in greyscale too. */
const HEAT_SCALE = ['#f4f7fb', '#cfdeee', '#8fb3d6', '#4f80b3', '#24476f'];

// Without a canvas, ECharts estimates text widths from a built-in table of Arial-like metrics, so
// chart text asks for Arial or a metric-compatible face (Liberation Sans on Linux); a wider font
// would overrun the space ECharts left for axis labels and legends.
const FONT_FAMILY = 'Arial, Helvetica, Liberation Sans, Roboto, sans-serif';

/** Renders one chart to an SVG string; the instance is always disposed, or it keeps Node alive. */
export function renderChartSvg(spec: ChartSpec, layout: ChartLayout): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: layout.width, height: spec.height });
  try {
    chart.setOption(spec.option);
    // ecmeta_* attributes only feed ECharts' SSR client script (hover, events), which a
    // script-free page never loads; they are about half the bytes of a heatmap.
    return chart.renderToSVGString().replace(/ ecmeta_[a-z_]+="[^"]*"/g, '');
  } finally {
    chart.dispose();
  }
}

function fontSize(layout: ChartLayout): number {
  return layout.compact ? 11 : 13;
}

/** Options every chart shares: no animation (a static SVG has nothing to animate), house font and colours. */
function baseOption(layout: ChartLayout): ChartOption {
  return {
    animation: false,
    color: [CHART_COLORS.blue, CHART_COLORS.sage, CHART_COLORS.amber, CHART_COLORS.lavender, CHART_COLORS.slate],
    textStyle: { fontFamily: FONT_FAMILY, fontSize: fontSize(layout), color: CHART_COLORS.text },
  };
}

const axisLine = { lineStyle: { color: CHART_COLORS.axis } };
const splitLine = { lineStyle: { color: CHART_COLORS.grid } };

function percentLabel(share: number, digits = 0): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** Short axis numbers (12k, 1.3M) so value axes stay narrow on a phone. */
function compactNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${trimZero((value / 1e9).toFixed(1))}B`;
  if (abs >= 1e6) return `${trimZero((value / 1e6).toFixed(1))}M`;
  if (abs >= 1e3) return `${trimZero((value / 1e3).toFixed(1))}k`;
  return trimZero(value.toFixed(abs < 10 && abs !== Math.trunc(abs) ? 1 : 0));
}

function trimZero(text: string): string {
  return text.replace(/\.0$/, '');
}

/** Bars of P(order x+1 | x orders), labelled with the percentage. Points without a probability are left out. */
export function repeatCurveChart(points: readonly RepeatCurvePoint[], layout: ChartLayout): ChartSpec {
  // Beyond ~8-12 orders too few customers remain for the probability to mean much, and the bars get thin.
  const shown = points.filter((p) => p.probabilityNext !== null).slice(0, layout.compact ? 8 : 12);
  return {
    height: layout.compact ? 240 : 300,
    option: {
      ...baseOption(layout),
      grid: { outerBoundsMode: 'same', left: 8, right: 8, top: 28, bottom: 8 },
      xAxis: {
        type: 'category',
        data: shown.map((p) => `${p.orders}→${p.orders + 1}`),
        name: layout.compact ? '' : 'orders placed → next order',
        nameLocation: 'middle',
        nameGap: 28,
        axisLine,
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 1,
        interval: 0.25,
        axisLabel: { formatter: (v: number) => percentLabel(v) },
        splitLine,
      },
      series: [
        {
          type: 'bar',
          silent: true,
          barMaxWidth: 48,
          data: shown.map((p) => p.probabilityNext ?? 0),
          label: {
            show: true,
            position: 'top',
            formatter: (p) => percentLabel(Number(p.value)),
            fontSize: fontSize(layout) - 1,
          },
        },
      ],
    },
  };
}

/** Histogram of days between consecutive orders; an open-ended last bucket is labelled "N+". */
export function timeBetweenOrdersChart(histogram: TimeBetweenOrders['histogram'], layout: ChartLayout): ChartSpec {
  const label = (b: TimeBetweenOrders['histogram'][number]): string =>
    Number.isFinite(b.toDay) && b.toDay < 100_000 ? `${b.fromDay}–${b.toDay}` : `${b.fromDay}+`;
  return {
    height: layout.compact ? 240 : 300,
    option: {
      ...baseOption(layout),
      grid: { outerBoundsMode: 'same', left: 8, right: 12, top: 16, bottom: 8 },
      xAxis: {
        type: 'category',
        data: histogram.map(label),
        name: layout.compact ? '' : 'days between orders',
        nameLocation: 'middle',
        nameGap: 48,
        axisLine,
        axisTick: { alignWithLabel: true },
        axisLabel: { rotate: 45, fontSize: fontSize(layout) - 1 },
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactNumber(v) }, splitLine },
      series: [{ type: 'bar', silent: true, barCategoryGap: '12%', data: histogram.map((b) => b.count) }],
    },
  };
}

/** At most this many of the most recent cohorts and months since first order fit a readable heatmap. */
const HEATMAP_MAX_COHORTS = 24;
const HEATMAP_MAX_MONTHS = 25;

/** Which cohorts and months the heatmap shows, so the page can say what was left out. */
export function heatmapWindow(cohorts: Cohorts): { rows: Cohorts['rows']; months: number } {
  const rows = cohorts.rows.slice(-HEATMAP_MAX_COHORTS);
  const longest = rows.reduce((m, r) => Math.max(m, r.repeatShare.length), 0);
  return { rows, months: Math.min(longest, HEATMAP_MAX_MONTHS) };
}

/** Cohort x months-since-first-order heatmap of the share who ordered again; unobserved months stay blank. */
export function cohortHeatmapChart(cohorts: Cohorts, layout: ChartLayout): ChartSpec {
  const { rows, months } = heatmapWindow(cohorts);
  const data: [number, number, number][] = [];
  let max = 0;
  rows.forEach((row, y) => {
    row.repeatShare.slice(0, months).forEach((share, x) => {
      data.push([x, y, share]);
      max = Math.max(max, share);
    });
  });
  const plotWidth = layout.width - (layout.compact ? 70 : 90);
  // Numbers inside cells only where a cell is wide enough to hold "12" legibly.
  const showCellLabels = plotWidth / Math.max(months, 1) >= 30;
  const rowHeight = layout.compact ? 14 : 20;
  const scaleMax = max > 0 ? max : 1;
  return {
    height: rows.length * rowHeight + 96,
    option: {
      ...baseOption(layout),
      grid: { outerBoundsMode: 'same', left: 8, right: 12, top: 8, bottom: 52 },
      xAxis: {
        type: 'category',
        data: Array.from({ length: months }, (_, k) => String(k)),
        name: 'months since first order',
        nameLocation: 'middle',
        nameGap: 24,
        axisLine,
        axisTick: { show: false },
        splitArea: { show: false },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.cohort),
        axisLine,
        axisTick: { show: false },
        axisLabel: { fontSize: fontSize(layout) - 1 },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max: scaleMax,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemWidth: 10,
        itemHeight: layout.compact ? 150 : 240,
        text: [percentLabel(scaleMax), '0%'],
        textStyle: { color: CHART_COLORS.text, fontSize: fontSize(layout) - 1 },
        inRange: { color: HEAT_SCALE },
      },
      series: [
        {
          type: 'heatmap',
          silent: true,
          data,
          itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
          label: {
            show: showCellLabels,
            fontSize: fontSize(layout) - 3,
            // Small shares keep a decimal, or 0.4% and 0% would look the same.
            formatter: (p) => {
              const share = Number((p.value as number[])[2]);
              return percentLabel(share, share < 0.1 ? 1 : 0);
            },
          },
        },
      ],
    },
  };
}

/**
 * Stacked bars of the three drivers of each period's revenue change (negative parts stack below
 * zero) with revenue itself as a line on a second axis.
 */
export function growthChart(growth: readonly GrowthPeriod[], layout: ChartLayout): ChartSpec {
  // '2025-Q3' -> 'Q3\n2025' keeps eight quarters legible at phone width.
  const periodLabel = (p: string): string => (layout.compact ? p.replace(/^(\d{4})-(Q\d)$/, '$2\n$1') : p);
  const driver = (name: string, pick: (c: NonNullable<GrowthPeriod['change']>) => number): BarSeriesOption => ({
    type: 'bar',
    name,
    stack: 'drivers',
    silent: true,
    barMaxWidth: 40,
    data: growth.map((g) => (g.change === null ? null : pick(g.change))),
  });
  return {
    height: layout.compact ? 300 : 340,
    option: {
      ...baseOption(layout),
      legend: { top: 0, left: 'center', itemWidth: 12, itemHeight: 10, itemGap: layout.compact ? 8 : 16 },
      grid: { outerBoundsMode: 'same', left: 8, right: 8, top: 44, bottom: 8 },
      xAxis: {
        type: 'category',
        data: growth.map((g) => periodLabel(g.period)),
        axisLine,
        axisTick: { show: false },
        // Two years of quarters fit with every label; beyond that let ECharts thin them out.
        axisLabel: { interval: growth.length <= (layout.compact ? 8 : 16) ? 0 : 'auto' },
      },
      yAxis: [
        {
          type: 'value',
          name: layout.compact ? 'change' : 'change vs previous',
          nameTextStyle: { align: 'left' },
          axisLabel: { formatter: (v: number) => compactNumber(v) },
          splitLine,
        },
        {
          type: 'value',
          name: 'revenue',
          nameTextStyle: { align: 'right' },
          axisLabel: { formatter: (v: number) => compactNumber(v) },
          splitLine: { show: false },
        },
      ],
      series: [
        driver('Customers', (c) => c.customers),
        driver('Frequency', (c) => c.frequency),
        driver('AOV', (c) => c.aov),
        {
          type: 'line',
          name: 'Revenue',
          yAxisIndex: 1,
          silent: true,
          symbolSize: 5,
          lineStyle: { width: 2 },
          itemStyle: { color: CHART_COLORS.slate },
          data: growth.map((g) => g.revenue),
        },
      ],
    },
  };
}

/** Per segment, its share of customers beside its share of revenue: where value concentrates. */
export function rfmSegmentsChart(segments: readonly RfmSegment[], layout: ChartLayout): ChartSpec {
  const total = segments.reduce((sum, s) => sum + s.customers, 0);
  const labelOn = {
    show: true,
    position: 'right' as const,
    fontSize: fontSize(layout) - 2,
    formatter: (p: { value: unknown }) => percentLabel(Number(p.value)),
  };
  return {
    height: segments.length * (layout.compact ? 34 : 36) + 60,
    option: {
      ...baseOption(layout),
      legend: { top: 0, left: 'center', itemWidth: 12, itemHeight: 10 },
      grid: { outerBoundsMode: 'same', left: 8, right: 40, top: 30, bottom: 8 },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => percentLabel(v) }, splitLine },
      yAxis: {
        type: 'category',
        inverse: true,
        data: segments.map((s) => s.name),
        axisLine,
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          name: 'Share of customers',
          silent: true,
          label: labelOn,
          data: segments.map((s) => (total > 0 ? s.customers / total : 0)),
        },
        {
          type: 'bar',
          name: 'Share of revenue',
          silent: true,
          label: labelOn,
          data: segments.map((s) => s.revenueShare),
        },
      ],
    },
  };
}

/**
 * Backtest by calibration frequency (Fader, Hardie & Lee 2005, fig. 4): for customers with 0, 1,
 * ..., 7+ repeat purchases in the calibration period, their mean repeat purchases in the holdout
 * (bars) against the model's mean prediction for them (line).
 */
export function backtestByFrequencyChart(
  rows: readonly BacktestFrequencyRow[],
  modelLabel: string,
  layout: ChartLayout,
): ChartSpec {
  return {
    height: layout.compact ? 260 : 300,
    option: {
      ...baseOption(layout),
      legend: { top: 0, left: 'center', itemWidth: 12, itemHeight: 10 },
      grid: { outerBoundsMode: 'same', left: 8, right: 12, top: 32, bottom: 8 },
      xAxis: {
        type: 'category',
        data: rows.map((r) => (r.pooled ? `${r.frequency}+` : String(r.frequency))),
        name: layout.compact ? 'repeat purchases before' : 'repeat purchases in the calibration period',
        nameLocation: 'middle',
        nameGap: 26,
        axisLine,
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        name: layout.compact ? 'per customer' : 'holdout purchases per customer',
        nameTextStyle: { align: 'left' },
        axisLabel: { formatter: (v: number) => compactNumber(v) },
        splitLine,
      },
      series: [
        { type: 'bar', name: 'Actual', silent: true, barMaxWidth: 44, data: rows.map((r) => r.actual) },
        {
          type: 'line',
          name: `Predicted (${modelLabel})`,
          silent: true,
          symbolSize: 6,
          lineStyle: { width: 2 },
          itemStyle: { color: CHART_COLORS.amber },
          data: rows.map((r) => r.predicted),
        },
      ],
    },
  };
}

/**
 * The tracking chart (Fader, Hardie & Lee 2005, fig. 3): cumulative repeat purchases week by week,
 * actual against the model's expectation, over the calibration period and the holdout, with the
 * calibration end marked. Weeks are a value axis, so a partial last week sits where it belongs.
 */
export function trackingChart(
  points: readonly TrackingPoint[],
  calibrationEndWeek: number,
  modelLabel: string,
  layout: ChartLayout,
): ChartSpec {
  const lastWeek = points.length > 0 ? points[points.length - 1].week : 1;
  return {
    height: layout.compact ? 260 : 320,
    option: {
      ...baseOption(layout),
      legend: { top: 0, left: 'center', itemWidth: 14, itemHeight: 8 },
      grid: { outerBoundsMode: 'same', left: 8, right: 16, top: 32, bottom: 8 },
      xAxis: {
        type: 'value',
        min: 0,
        max: Math.ceil(lastWeek),
        name: 'weeks',
        nameLocation: 'middle',
        nameGap: 26,
        axisLine,
        // The last week is rarely a round number: its label would crowd the one before.
        axisLabel: { showMaxLabel: false },
        splitLine: { show: false },
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactNumber(v) }, splitLine },
      series: [
        {
          type: 'line',
          name: 'Actual',
          silent: true,
          showSymbol: false,
          lineStyle: { width: 2 },
          data: points.map((p) => [p.week, p.actual]),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: CHART_COLORS.text, type: 'dashed', width: 1 },
            label: { show: false },
            data: [{ xAxis: calibrationEndWeek }],
          },
          // The holdout as a light band, labelled horizontally inside its top.
          markArea: {
            silent: true,
            itemStyle: { color: 'rgba(61, 106, 153, 0.06)' },
            label: { position: 'insideTop', fontSize: fontSize(layout) - 1, color: CHART_COLORS.text },
            data: [[{ name: 'holdout', xAxis: calibrationEndWeek }, { xAxis: lastWeek }]],
          },
        },
        {
          type: 'line',
          name: `Predicted (${modelLabel})`,
          silent: true,
          showSymbol: false,
          lineStyle: { width: 2, type: 'dashed' },
          itemStyle: { color: CHART_COLORS.amber },
          data: points.map((p) => [p.week, p.predicted]),
        },
      ],
    },
  };
}
