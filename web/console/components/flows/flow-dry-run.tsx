import { useState } from 'preact/hooks';
import type { Api } from '../../api/client.ts';
import type { I18n } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { Loading } from '../status.tsx';
import { type ApiFailure, failureOf, type FlowBacktest, type FlowListing } from './types.ts';

interface Props {
  readonly api: Api;
  readonly i18n: I18n;
  readonly flow: FlowListing;
}

const REASONS = ['no_consent', 'no_address', 'suppressed', 'frequency_cap', 'quiet_hours', 'stopped_by_order'];

/** A reason code in the catalogue's words, else as the server wrote it. */
function reasonLabel(i18n: I18n, code: string): string {
  return REASONS.includes(code) ? i18n.t(`flows.reason.${code}` as MessageKey) : code;
}

/** An instant as a date and time in the viewer's locale. */
function when(i18n: I18n, instant: string): string {
  return new Date(instant).toLocaleString(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The backtest: what the flow would have sent over the past N days and what the send-time checks
 * would have held back, computed by the server from the stored data (POST .../dry-run writes
 * nothing, so viewers may run it too).
 */
export function FlowDryRunSection({ api, i18n, flow }: Props) {
  const [days, setDays] = useState('30');
  const [firstDay, setFirstDay] = useState('');
  const [run, setRun] = useState<FlowBacktest | ApiFailure | 'running' | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setRun('running');
    const result = await api.POST('/v1/flows/{id}/dry-run', {
      params: { path: { id: flow.name } },
      body: { days: Number(days), ...(firstDay === '' ? {} : { firstDay }) },
    });
    setRun(result.data ?? failureOf(result));
  }
  const failed = run !== null && run !== 'running' && 'details' in run ? run : null;
  const done = run !== null && run !== 'running' && 'rows' in run ? run : null;

  return (
    <section aria-labelledby="flow-dry-run" class="panel">
      <h2 id="flow-dry-run">{i18n.t('flows.dryRun.title')}</h2>
      <p>{i18n.t('flows.dryRun.lede')}</p>
      <form class="inline-form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="dry-run-days">{i18n.t('flows.dryRun.days')}</label>
          <input
            id="dry-run-days"
            name="days"
            type="number"
            min={1}
            max={90}
            step={1}
            inputMode="numeric"
            value={days}
            aria-invalid={failed?.details.field === 'days' ? 'true' : undefined}
            aria-describedby={failed !== null ? 'dry-run-error' : undefined}
            onInput={(e) => setDays(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="dry-run-first">{i18n.t('flows.dryRun.firstDay')}</label>
          <input
            id="dry-run-first"
            name="firstDay"
            type="date"
            value={firstDay}
            aria-invalid={failed?.details.field === 'firstDay' ? 'true' : undefined}
            onInput={(e) => setFirstDay(e.currentTarget.value)}
          />
        </div>
        <p>
          <button type="submit" class="primary" disabled={run === 'running'} data-dry-run>
            {i18n.t('flows.dryRun.run')}
          </button>
        </p>
      </form>
      {run === 'running' && <Loading i18n={i18n} />}
      {failed !== null && (
        <p role="alert" id="dry-run-error" class="notice error" data-dry-run-error={failed.code}>
          {i18n.t('flows.dryRun.failed', { code: failed.code, message: failed.message })}
        </p>
      )}
      {done !== null && (
        <div class="dry-run-result" data-dry-run-done>
          <p role="status">
            {i18n.t('flows.dryRun.period', {
              first: i18n.date(done.firstDay),
              last: i18n.date(done.lastDay),
              zone: done.timeZone,
            })}
          </p>
          <dl class="totals">
            {(
              [
                ['planned', 'flows.dryRun.planned', done.totals.planned],
                ['send', 'flows.dryRun.send', done.totals.send],
                ['postpone', 'flows.dryRun.postpone', done.totals.postpone],
                ['skip', 'flows.dryRun.skip', done.totals.skip],
                ['held_out', 'flows.dryRun.heldOut', done.totals.heldOut],
              ] as const
            ).map(([id, label, value]) => (
              <div key={id} data-total={id}>
                <dt>{i18n.t(label)}</dt>
                <dd>{i18n.number(value)}</dd>
              </div>
            ))}
          </dl>
          {Object.keys(done.byReason).length > 0 && (
            <p>
              {i18n.t('flows.dryRun.byReason')}{' '}
              {Object.entries(done.byReason)
                .map(([code, count]) => `${reasonLabel(i18n, code)}: ${i18n.number(count)}`)
                .join(', ')}
            </p>
          )}
          {done.rows.length === 0 ? (
            <p>{i18n.t('flows.dryRun.none')}</p>
          ) : (
            <div class="table-scroll" tabIndex={0} role="region" aria-label={i18n.t('flows.dryRun.rows')}>
              <table class="dry-run-rows">
                <caption class="visually-hidden">{i18n.t('flows.dryRun.rows')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('flows.dryRun.customer')}</th>
                    <th scope="col">{i18n.t('flows.dryRun.date')}</th>
                    <th scope="col">{i18n.t('flows.dryRun.message')}</th>
                    <th scope="col">{i18n.t('flows.dryRun.reason')}</th>
                    <th scope="col">{i18n.t('flows.dryRun.outcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {done.rows.map((row) => (
                    <tr key={`${row.customerRef}-${row.sendAt}-${row.template}`} data-outcome={row.outcome}>
                      <td>
                        <a href={`/customers/${encodeURIComponent(row.customerRef)}`}>{row.customerId}</a>
                      </td>
                      <td>{when(i18n, row.sendAt)}</td>
                      <td>
                        <code>{row.template}</code>
                      </td>
                      <td>{row.reason}</td>
                      <td>
                        <strong>{i18n.t(`flows.outcome.${row.outcome}` as MessageKey)}</strong>
                        {row.until !== null && <> {i18n.t('flows.dryRun.until', { date: when(i18n, row.until) })}</>}
                        {row.why !== null && (
                          <>
                            <br />
                            <small>{row.why}</small>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {done.truncated && <p>{i18n.t('flows.dryRun.truncated', { count: i18n.number(done.rows.length) })}</p>}
        </div>
      )}
    </section>
  );
}
