/**
 * The retention report as plain text for a terminal: the headline metrics with their formulas,
 * then the few rows of each analysis that fit on a screen. The JSON and HTML reports carry the rest.
 *
 * Text from the data (file and product names, rejection reasons) is stripped of control characters
 * before printing, so a crafted product name cannot move the cursor or recolour the terminal.
 */
import { type Formatters, formatters } from './number-format.js';
import type { RetentionReport } from '../report.types.js';
import { COUNT_MODEL_LABELS } from '../count-models.js';

export interface TerminalReportOptions {
  /** Emit ANSI colour and weight; pass false when stdout is not a TTY or NO_COLOR is set. */
  readonly color: boolean;
  /** Columns available; defaults to 80. */
  readonly width?: number;
}

const DEFAULT_WIDTH = 80;
/** Below this the columns no longer line up; narrower terminals wrap lines themselves. */
const MIN_WIDTH = 60;
const REPEAT_CURVE_ROWS = 8;
const LIST_ROWS = 5;

export function renderTerminalReport(report: RetentionReport, options: TerminalReportOptions): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
  const currency = report.source.currency === null ? null : clean(report.source.currency);
  const ctx: Ctx = {
    report,
    width,
    fmt: formatters(currency, { missing: '-', space: ' ' }),
    style: styles(options.color),
  };
  const blocks = [
    header,
    dataQuality,
    headline,
    repeatCurve,
    timeBetweenOrders,
    rfm,
    predictions,
    replenishment,
    crossSell,
    actions,
  ]
    .map((block) => block(ctx))
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

interface Ctx {
  readonly report: RetentionReport;
  readonly width: number;
  readonly fmt: Formatters;
  readonly style: Styles;
}

type Block = (ctx: Ctx) => string[];

const header: Block = ({ report, style, width }) => {
  const s = report.source;
  const range = s.firstOrderDate && s.lastOrderDate ? `orders ${s.firstOrderDate} to ${s.lastOrderDate}` : 'no orders';
  const facts = [
    `as of ${s.asOf}`,
    range,
    s.currency ? clean(s.currency) : 'currency not given',
    `${s.format} format`,
  ].join(' · ');
  return [style.bold(`Retention report: ${clean(s.file)}`), ...wrap(facts, width, '').map(style.dim)];
};

const dataQuality: Block = ({ report, fmt, style, width }) => {
  const lines: string[] = [];
  if (report.rejectedRows > 0) {
    const warning = `! ${fmt.int(report.rejectedRows)} of ${fmt.int(report.source.rowsRead)} rows rejected and left out of every figure:`;
    lines.push(...wrap(warning, width, '  ', '').map(style.warn));
    const shown = report.rejections.slice(0, 3);
    for (const r of shown) {
      const where = r.field ? `${clean(r.field)}: ` : '';
      lines.push(...wrap(`line ${fmt.int(r.line)} ${clean(r.code)} ${where}${clean(r.reason)}`, width, '    ', '  - '));
    }
    if (report.rejectedRows > shown.length) {
      lines.push(
        style.dim(
          `    (${fmt.int(report.rejectedRows - shown.length)} more; the JSON report lists the first ${fmt.int(report.rejections.length)})`,
        ),
      );
    }
  }
  const { cancelled, refunded } = report.excludedOrders;
  if (cancelled + refunded > 0)
    lines.push(`${fmt.int(cancelled)} cancelled and ${fmt.int(refunded)} refunded orders excluded.`);
  return lines;
};

/** Label and value columns; the formula follows on the same line when it fits, else on the next. */
const LABEL_WIDTH = 22;
const VALUE_WIDTH = 15;

const headline: Block = ({ report, fmt, style, width }) => {
  const clv = report.clvSimple;
  const f = (key: string, fallback: string): string => clean(report.formulas[key] ?? fallback);
  const rows: [string, string, string][] = [
    ['Orders', fmt.int(report.orders), f('orders', 'distinct orders, cancelled and refunded excluded')],
    ['Customers', fmt.int(report.customers), f('customers', 'distinct customers with an order')],
    ['Revenue', fmt.money(report.revenue), f('revenue', 'sum of order totals')],
    ['AOV', fmt.money(report.aov), f('aov', 'revenue / orders')],
    ['Purchase frequency', fmt.dec(report.purchaseFrequency, 2), f('purchaseFrequency', 'orders / customers')],
    [
      '  per year',
      fmt.dec(report.purchaseFrequencyPerYear, 2),
      f('purchaseFrequencyPerYear', 'orders / customers / years observed'),
    ],
    [
      'Repeat customer rate',
      fmt.pct(report.repeatCustomerRate),
      f('repeatCustomerRate', 'customers with 2+ orders / customers'),
    ],
    ['Simple CLV', fmt.money(clv.value), clean(clv.formula || f('clvSimple', 'AOV x purchases per year x lifespan'))],
  ];
  const lines = [style.heading('Headline')];
  const formulaColumn = 2 + LABEL_WIDTH + VALUE_WIDTH + 3;
  for (const [label, value, formula] of rows) {
    const left = `  ${label.padEnd(LABEL_WIDTH)}${style.bold(value.padStart(VALUE_WIDTH))}`;
    if (formulaColumn + formula.length <= width) lines.push(`${left}   ${style.dim(formula)}`);
    else lines.push(left, ...wrap(formula, width, '      ').map(style.dim));
  }
  const lifespan =
    clv.lifespanSource === 'given' ? 'lifespan given with --lifespan' : 'lifespan estimated from the data';
  const clvTerms = `= ${fmt.money(clv.aov)} x ${fmt.dec(clv.frequencyPerYear, 2)} x ${fmt.dec(clv.lifespanYears, 1)} years (${lifespan})`;
  lines.push(
    ...wrap(clvTerms, width, formulaColumn + clvTerms.length <= width ? ' '.repeat(formulaColumn) : '      ').map(
      style.dim,
    ),
  );
  return lines;
};

const repeatCurve: Block = ({ report, fmt, style, width }) => {
  const lines = [style.heading('Repeat-purchase probability')];
  lines.push(
    ...wrap('P(order x+1) = customers with >= x+1 orders / customers with >= x orders', width, '  ').map(style.dim),
  );
  const curve = report.repeatCurve;
  if (!curve.some((p) => p.probabilityNext !== null && p.probabilityNext > 0)) {
    lines.push('  No customer has a repeat order yet.');
    return lines;
  }
  const barWidth = Math.max(10, Math.min(40, width - 36));
  lines.push(style.dim(`  ${'x'.padStart(4)}  ${'customers'.padStart(11)}  ${'P(x+1)'.padStart(7)}`));
  for (const p of curve.slice(0, REPEAT_CURVE_ROWS)) {
    const prob = p.probabilityNext;
    const bar = prob === null ? '' : style.bar('█'.repeat(Math.round(Math.min(1, Math.max(0, prob)) * barWidth)));
    lines.push(
      `  ${String(p.orders).padStart(4)}  ${fmt.int(p.customers).padStart(11)}  ${(prob === null ? '-' : fmt.pct(prob)).padStart(7)}  ${bar}`.trimEnd(),
    );
  }
  if (curve.length > REPEAT_CURVE_ROWS)
    lines.push(style.dim(`  (${fmt.int(curve.length - REPEAT_CURVE_ROWS)} more rows in the JSON and HTML reports)`));
  return lines;
};

const timeBetweenOrders: Block = ({ report, fmt, style, width }) => {
  const t = report.timeBetweenOrders;
  const median =
    t.medianDaysToSecondOrder === null ? 'no second orders yet' : `${fmt.dec(t.medianDaysToSecondOrder, 0)} days`;
  const lines = [style.heading('Time between orders'), `  Median time to the 2nd order: ${style.bold(median)}`];
  for (const r of t.byOrderNumber.slice(0, 4)) {
    const text = `order ${r.fromOrder} -> ${r.fromOrder + 1}: median ${fmt.dec(r.medianDays, 0)} days (middle half ${fmt.dec(r.p25Days, 0)}-${fmt.dec(r.p75Days, 0)}), ${fmt.int(r.count)} customers`;
    lines.push(...wrap(text, width, '    ', '  ').map(style.dim));
  }
  return lines;
};

const rfm: Block = ({ report, fmt, style }) => {
  const { segments } = report.rfm;
  const lines = [style.heading('RFM segments')];
  if (segments.length === 0) return [...lines, '  No customers to score.'];
  const total = segments.reduce((sum, s) => sum + s.customers, 0);
  const nameWidth = Math.min(22, Math.max(7, ...segments.map((s) => clean(s.name).length)));
  lines.push(
    style.dim(
      `  ${'segment'.padEnd(nameWidth)}  ${'customers'.padStart(9)}  ${'share'.padStart(6)}  ${'revenue'.padStart(7)}`,
    ),
  );
  for (const s of segments) {
    const share = total > 0 ? fmt.pct(s.customers / total) : '-';
    lines.push(
      `  ${fit(clean(s.name), nameWidth).padEnd(nameWidth)}  ${fmt.int(s.customers).padStart(9)}  ${share.padStart(6)}  ${fmt.pct(s.revenueShare).padStart(7)}`,
    );
  }
  return lines;
};

const CHOICE_TEXT = { 'holdout-mae': 'lowest holdout error', bic: 'lowest BIC', given: 'chosen with --model' } as const;

/** Parameters to 3 significant digits: "r 0.243, alpha 4.41, a 0.793, b 2.43". */
function paramsLine(params: Readonly<Record<string, number>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} ${Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : '-'}`)
    .join(', ');
}

const predictions: Block = ({ report, fmt, style, width }) => {
  const m = report.models;
  if (m === null) {
    if (report.modelsNote === null) return [];
    const lines = [style.heading('Predictions'), ...wrap(clean(report.modelsNote), width, '  ')];
    const rc = report.repeatCurvePredictions;
    if (rc)
      lines.push(
        ...wrap(
          `From the repeat curve: ${fmt.int(rc.counts.likelyActive)} of ${fmt.int(rc.counts.customers)} customers likely to order again · expected orders in the next ${rc.horizonWeeks} weeks ${fmt.dec(rc.counts.expectedOrdersNextQuarter, 1)}`,
          width,
          '    ',
          '  ',
        ),
      );
    return lines;
  }
  const label = COUNT_MODEL_LABELS[m.chosen];
  const c = m.customers;
  const lines = [style.heading('Predictions')];
  const among = m.table.length > 1 ? ` of ${m.table.length} models` : '';
  const period = m.holdoutEnd
    ? `calibration to ${m.calibrationEnd}, holdout to ${m.holdoutEnd}`
    : `fitted on purchases to ${m.calibrationEnd}`;
  lines.push(
    ...wrap(`Model: ${style.bold(label)} (${CHOICE_TEXT[m.choiceRule]}${among}; ${period})`, width, '    ', '  '),
  );
  const chosen = m.table.find((r) => r.model === m.chosen);
  if (chosen) lines.push(...wrap(`${paramsLine(chosen.params)} (time in weeks)`, width, '    ', '  ').map(style.dim));
  if (m.backtest) {
    const b = m.backtest;
    lines.push(
      ...wrap(
        `Backtest: MAE ${fmt.dec(b.mae, 2)} purchases per customer; predicted ${fmt.dec(b.totalPredicted, 0)} vs actual ${fmt.int(b.totalActual)} repeat purchases in the ${fmt.dec(b.holdoutWeeks, 0)}-week holdout`,
        width,
        '    ',
        '  ',
      ),
    );
  }
  lines.push(
    ...wrap(
      `Likely active ${fmt.int(c.counts.likelyActive)} · at risk ${fmt.int(c.counts.atRisk)} · expected orders in the next ${c.horizonWeeks} weeks ${fmt.dec(c.counts.expectedOrdersNextQuarter, 0)}`,
      width,
      '    ',
      '  ',
    ),
  );
  const top = c.topByClv.slice(0, LIST_ROWS);
  if (top.length > 0) {
    lines.push(`  Top customers by ${c.clvMonths}-month CLV:`);
    const clvCells = top.map((t) => fmt.money(t.clv12m));
    const clvWidth = Math.max(...clvCells.map((x) => x.length));
    const figures = (i: number): string =>
      `${String(top[i].orders).padStart(4)} orders  P(alive) ${fmt.pct(top[i].pAlive, 0).padStart(4)}  CLV ${clvCells[i].padStart(clvWidth)}`;
    const idWidth = Math.min(24, Math.max(8, width - 6 - figures(0).length - 2));
    top.forEach((t, i) => lines.push(`    ${fit(clean(t.customerId), idWidth).padEnd(idWidth)}  ${figures(i)}`));
  }
  if (m.warnings.length > 0)
    lines.push(
      style.warn(
        `  ! ${m.warnings.length} ${m.warnings.length === 1 ? 'warning' : 'warnings'} about the models: see the JSON or HTML report`,
      ),
    );
  return lines;
};

const replenishment: Block = ({ report, fmt, style, width }) => {
  const cycles = report.products.replenishment;
  const lines = [style.heading('Replenishment cycles')];
  if (cycles.length === 0)
    return [...lines, ...wrap('No product has enough repeat purchases to estimate a cycle.', width, '  ')];
  const shown = cycles.slice(0, LIST_ROWS);
  // Each figure column as wide as its longest entry, to leave product names as much room as possible.
  const columns = [
    shown.map((c) => fmt.dec(c.medianDays, 0)),
    shown.map((c) => fmt.int(c.repeatCustomers)),
    shown.map((c) => fmt.int(c.dueNow)),
  ].map((cells) => ({ cells, width: Math.max(...cells.map((x) => x.length)) }));
  const [days, rebought, due] = columns;
  const numbers = (i: number): string =>
    `${days.cells[i].padStart(days.width)} days  ${rebought.cells[i].padStart(rebought.width)} rebought  ${due.cells[i].padStart(due.width)} due now`;
  const nameWidth = Math.min(32, Math.max(10, width - 2 - numbers(0).length - 2));
  shown.forEach((c, i) => lines.push(`  ${fit(clean(c.name), nameWidth).padEnd(nameWidth)}  ${numbers(i)}`));
  if (cycles.length > LIST_ROWS)
    lines.push(style.dim(`  (${fmt.int(cycles.length - LIST_ROWS)} more in the JSON and HTML reports)`));
  return lines;
};

const crossSell: Block = ({ report, fmt, style, width }) => {
  const pairs = report.crossSell;
  const lines = [style.heading('Cross-sell pairs')];
  if (pairs.length === 0)
    return [...lines, ...wrap('No product pairs occur often enough to suggest a cross-sell.', width, '  ')];
  // Two lines per pair: product names are too long to share a line with four figures.
  for (const p of pairs.slice(0, LIST_ROWS)) {
    lines.push(fit(`  ${clean(p.fromName)} -> ${clean(p.toName)}`, width));
    const unit = p.kind === 'same-order' ? 'orders' : 'customers';
    const kind = p.kind === 'same-order' ? 'same order' : 'later order';
    const stats = `${kind} · lift ${fmt.dec(p.lift, 2)} · confidence ${fmt.pct(p.confidence)} · support ${fmt.pct(p.support)} · ${fmt.int(p.count)} ${unit}`;
    lines.push(...wrap(stats, width, '      ').map(style.dim));
  }
  if (pairs.length > LIST_ROWS)
    lines.push(style.dim(`  (${fmt.int(pairs.length - LIST_ROWS)} more in the JSON and HTML reports)`));
  return lines;
};

const actions: Block = ({ report, style, width }) => {
  const lines = [style.heading('What to do next')];
  if (report.actions.length === 0) return [...lines, '  Nothing stands out yet.'];
  report.actions.forEach((a, i) => {
    const marker = `  ${i + 1}. `;
    lines.push(...wrap(clean(a.text), width, ' '.repeat(marker.length), marker));
  });
  return lines;
};

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Control characters (C0, DEL, C1) would let data drive the terminal; tabs and newlines become spaces. */
function clean(text: string): string {
  return text.replace(/[\t\n\r]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

/** Cuts text to `max` characters with an ellipsis. */
function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Word-wraps to `width`; the first line starts with `first` (defaults to `indent`), the rest with `indent`. */
function wrap(text: string, width: number, indent: string, first = indent): string[] {
  const lines: string[] = [];
  let line = first;
  let lineHasWord = false;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (lineHasWord && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      lineHasWord = false;
    }
    line += (lineHasWord ? ' ' : '') + word;
    lineHasWord = true;
  }
  if (lineHasWord) lines.push(line);
  return lines;
}

interface Styles {
  bold(text: string): string;
  dim(text: string): string;
  warn(text: string): string;
  bar(text: string): string;
  heading(text: string): string;
}

function styles(color: boolean): Styles {
  const sgr = (open: string) => (text: string) => (color && text ? `\x1b[${open}m${text}\x1b[0m` : text);
  const bold = sgr('1');
  return {
    bold,
    dim: sgr('2'),
    warn: sgr('33'),
    bar: sgr('36'),
    // Without colour, capitals still set headings apart from the rows below them.
    heading: (text) => (color ? bold(text) : text.toUpperCase()),
  };
}
