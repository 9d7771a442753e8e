import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from '../../api/client.ts';
import type { ChartOption } from '../../charts/echarts.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { Chart } from '../chart.tsx';
import { Failure, Loading } from '../status.tsx';
import { type ApiFailure, failureOf, type FlowListing, type FlowPerformance } from './types.ts';

interface Props {
  readonly api: Api;
  readonly i18n: I18n;
  readonly flow: FlowListing;
  readonly onDrawn?: () => void;
}

const points = (rate: number) => Math.round(rate * 10_000) / 100;

/**
 * The flow against its holdout (GET /v1/flows/{id}/performance): conversion rates of the two
 * groups, and the conversion lift with its 95% interval drawn as a range around the estimate,
 * with 0 marked, so "the interval includes 0" can be seen.
 */
export function FlowPerformanceSection({ api, i18n, flow, onDrawn }: Props) {
  const [windowDays, setWindowDays] = useState('5');
  const [report, setReport] = useState<FlowPerformance | ApiFailure | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const days = Number(windowDays);
    if (!Number.isInteger(days) || days < 1 || days > 90) return;
    setReport(null);
    void api
      .GET('/v1/flows/{id}/performance', { params: { path: { id: flow.name }, query: { windowDays: days } } })
      .then((result) =>
        setReport(result.data === undefined ? failureOf(result) : (result.data as unknown as FlowPerformance)),
      );
  }, [flow.name, windowDays, attempt]);
  const data = report !== null && !('details' in report) ? report : null;
  const measured = data !== null && data.treatment.recipients + data.holdout.recipients > 0;
  useEffect(() => {
    if (data !== null && !measured) onDrawn?.();
  }, [data, measured]);

  const currency = data?.currency ?? null;
  // Minor units to major by the currency's own digits (JPY has none, KWD three).
  const digits =
    currency === null
      ? 2
      : (new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2);
  const money = (minor: number) => i18n.money(minor / 10 ** digits, currency);
  const rates = useMemo<ChartOption | null>(() => {
    if (data === null) return null;
    return {
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: [i18n.t('flows.performance.treatment'), i18n.t('flows.performance.holdout')] },
      yAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 64,
          data: [data.treatment.conversionRate, data.holdout.conversionRate].map((r) => (r === null ? 0 : points(r))),
        },
      ],
    };
  }, [data]);
  const lift = useMemo<ChartOption | null>(() => {
    const l = data?.conversionLift;
    if (!l) return null;
    const [low, high, estimate] = [points(l.ci95.low), points(l.ci95.high), points(l.estimate)];
    const reach = Math.max(Math.abs(low), Math.abs(high), 0.5) * 1.2;
    return {
      grid: { left: 16, right: 16, top: 16, bottom: 32 },
      xAxis: {
        type: 'value',
        min: -reach,
        max: reach,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 10) / 10}` },
      },
      yAxis: { type: 'value', min: -1, max: 1, show: false },
      series: [
        {
          type: 'line',
          name: 'zero',
          data: [
            [0, -0.8],
            [0, 0.8],
          ],
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#6b7280' },
        },
        {
          type: 'line',
          name: i18n.t('flows.performance.interval'),
          data: [
            [low, 0],
            [high, 0],
          ],
          symbol: 'rect',
          symbolSize: [3, 16],
          lineStyle: { width: 4 },
        },
        {
          type: 'line',
          name: i18n.t('flows.performance.estimate'),
          data: [[estimate, 0]],
          symbol: 'circle',
          symbolSize: 14,
        },
      ],
    };
  }, [data]);
  const drawn = useMemo(() => {
    const seen = new Set<string>();
    const expected = lift === null ? 1 : 2;
    return (name: string) => () => {
      seen.add(name);
      if (seen.size >= expected) onDrawn?.();
    };
  }, [lift]);

  return (
    <section aria-labelledby="flow-performance" class="panel">
      <h2 id="flow-performance">{i18n.t('flows.performance.title')}</h2>
      <p>{i18n.t('flows.performance.lede')}</p>
      <div class="field inline">
        <label for="performance-window">{i18n.t('flows.performance.window')}</label>
        <input
          id="performance-window"
          type="number"
          min={1}
          max={90}
          inputMode="numeric"
          value={windowDays}
          onInput={(e) => setWindowDays(e.currentTarget.value)}
        />
      </div>
      {report === null && <Loading i18n={i18n} />}
      {report !== null && 'details' in report && (
        <Failure i18n={i18n} message={`${report.code}: ${report.message}`} onRetry={() => setAttempt(attempt + 1)} />
      )}
      {data !== null && !measured && <p data-performance="none">{i18n.t('flows.performance.none')}</p>}
      {data !== null && measured && (
        <div data-performance="measured">
          <p>
            {data.conversionLift === null
              ? i18n.t('flows.performance.noLift')
              : i18n.t('flows.performance.lift', {
                  lift: i18n.number(points(data.conversionLift.estimate), 2),
                  low: i18n.number(points(data.conversionLift.ci95.low), 2),
                  high: i18n.number(points(data.conversionLift.ci95.high), 2),
                })}
          </p>
          {data.conversionLift !== null && data.conversionLift.ci95.low <= 0 && data.conversionLift.ci95.high >= 0 && (
            <p>{i18n.t('flows.performance.unclear')}</p>
          )}
          {data.relativeLift !== null && (
            <p>{i18n.t('flows.performance.relative', { value: i18n.percent(data.relativeLift) })}</p>
          )}
          {data.incrementalRevenueMinor !== null && (
            <p>
              {i18n.t('flows.performance.incremental', {
                value: money(data.incrementalRevenueMinor.estimate),
                low: money(data.incrementalRevenueMinor.ci95.low),
                high: money(data.incrementalRevenueMinor.ci95.high),
                attributed: money(data.attributedRevenueMinor),
              })}
            </p>
          )}
          {data.openWindows > 0 && <p>{i18n.t('flows.performance.open', { count: i18n.number(data.openWindows) })}</p>}
          <div class="grid">
            {rates !== null && (
              <Chart
                i18n={i18n}
                label={i18n.t('flows.performance.ratesChart')}
                option={rates}
                height={220}
                onDrawn={drawn('rates')}
                table={<GroupTable i18n={i18n} report={data} money={money} />}
              />
            )}
            {lift !== null && (
              <Chart
                i18n={i18n}
                label={i18n.t('flows.performance.liftChart')}
                option={lift}
                height={120}
                onDrawn={drawn('lift')}
                table={<GroupTable i18n={i18n} report={data} money={money} />}
              />
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function GroupTable({
  i18n,
  report,
  money,
}: {
  i18n: I18n;
  report: FlowPerformance;
  money: (minor: number) => string;
}) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{i18n.t('flows.performance.group')}</th>
          <th scope="col">{i18n.t('flows.performance.recipients')}</th>
          <th scope="col">{i18n.t('flows.performance.conversions')}</th>
          <th scope="col">{i18n.t('flows.performance.rate')}</th>
          <th scope="col">{i18n.t('flows.performance.revenue')}</th>
        </tr>
      </thead>
      <tbody>
        {(
          [
            ['flows.performance.treatment', report.treatment],
            ['flows.performance.holdout', report.holdout],
          ] as const
        ).map(([label, group]) => (
          <tr key={label}>
            <th scope="row">{i18n.t(label)}</th>
            <td>{i18n.number(group.recipients)}</td>
            <td>{i18n.number(group.conversions)}</td>
            <td>{group.conversionRate === null ? '–' : i18n.percent(group.conversionRate, 2)}</td>
            <td>{money(group.revenueMinor)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
