import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../../api/client.ts';
import type { I18n } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { Failure, Loading } from '../status.tsx';
import { type ApiFailure, failureOf, type FlowGates, type FlowListing } from './types.ts';

interface Props {
  readonly api: Api;
  readonly i18n: I18n;
  readonly flow: FlowListing;
  readonly canChange: boolean;
  /** After an enable or disable: the page reads the flow again. */
  readonly onChanged: () => void;
}

interface Outcome {
  readonly ok: boolean;
  readonly text: string;
}

const SEND_CHECKS = ['consent', 'suppression', 'cap', 'quiet', 'holdout', 'order'] as const;

/** The flow's state, its enable gates as the server checks them now, and the switch. */
export function FlowGatesSection({ api, i18n, flow, canChange, onChanged }: Props) {
  const [gates, setGates] = useState<FlowGates | ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setGates(null);
    void api
      .GET('/v1/flows/{id}/gates', { params: { path: { id: flow.name } } })
      .then((result) => setGates(result.data ?? failureOf(result)));
  }, [flow.name, flow.enabled, flow.settings, attempt]);

  async function toggle() {
    setBusy(true);
    setOutcome(null);
    const path = flow.enabled ? '/v1/flows/{id}/disable' : '/v1/flows/{id}/enable';
    const result = await api.POST(path, { params: { path: { id: flow.name } } });
    setBusy(false);
    if (result.data === undefined) {
      const failure = failureOf(result);
      setOutcome({
        ok: false,
        text: i18n.t(flow.enabled ? 'flows.failed' : 'flows.refused', { code: failure.code, message: failure.message }),
      });
      setAttempt(attempt + 1);
      return;
    }
    const answer = result.data as {
      changed?: boolean;
      spamCheck?: { scored: boolean; reason?: string; limit?: number; templates?: { score: number }[] };
      warnings?: { template: string; rule: string }[];
    };
    const parts = [
      i18n.t(flow.enabled ? 'flows.disabled' : answer.changed === false ? 'flows.alreadyEnabled' : 'flows.enabled'),
    ];
    if (answer.spamCheck?.scored === true)
      parts.push(
        i18n.t('flows.spamScored', {
          score: i18n.number(Math.max(...(answer.spamCheck.templates ?? []).map((t) => t.score)), 1),
          limit: i18n.number(answer.spamCheck.limit ?? 0, 1),
        }),
      );
    else if (answer.spamCheck?.scored === false)
      parts.push(i18n.t('flows.spamNotScored', { reason: answer.spamCheck.reason ?? '' }));
    if ((answer.warnings ?? []).length > 0)
      parts.push(
        i18n.t('flows.warnings', { list: answer.warnings!.map((w) => `${w.template}: ${w.rule}`).join(', ') }),
      );
    setOutcome({ ok: true, text: parts.join(' ') });
    onChanged();
  }

  return (
    <section aria-labelledby="flow-gates" class="panel">
      <h2 id="flow-gates">{i18n.t('flows.gates.title')}</h2>
      <p>
        <span class={`badge ${flow.enabled ? 'on' : 'off'}`} data-state={flow.enabled ? 'on' : 'off'}>
          {i18n.t(flow.enabled ? 'flows.state.on' : 'flows.state.off')}
        </span>{' '}
        {i18n.t(flow.purpose === 'transactional' ? 'flows.purpose.transactional' : 'flows.purpose.marketing')}
      </p>
      <p>{i18n.t('flows.gates.lede')}</p>
      {gates === null && <Loading i18n={i18n} />}
      {gates !== null && 'code' in gates && 'details' in gates && (
        <Failure i18n={i18n} message={`${gates.code}: ${gates.message}`} onRetry={() => setAttempt(attempt + 1)} />
      )}
      {gates !== null && 'gates' in gates && (
        <>
          <ul class="gates">
            {gates.gates.map((gate) => (
              <li key={gate.gate} class={`gate ${gate.status}`} data-gate={gate.gate} data-status={gate.status}>
                <strong>{i18n.t(`flows.gate.${gate.gate}` as MessageKey)}</strong>{' '}
                <span class="gate-status">{i18n.t(`flows.status.${gate.status}` as MessageKey)}</span>
                <br />
                <span class="gate-message">{gate.message}</span>
                {gate.code !== null && gate.status !== 'pass' && (
                  <>
                    {' '}
                    <code>{i18n.t('flows.code', { code: gate.code })}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
          <p>{i18n.t(gates.ready ? 'flows.gates.ready' : 'flows.gates.notReady')}</p>
        </>
      )}
      {canChange && (
        <p>
          <button
            type="button"
            class="primary"
            onClick={toggle}
            disabled={busy}
            data-toggle={flow.enabled ? 'disable' : 'enable'}
          >
            {i18n.t(flow.enabled ? 'flows.disable' : 'flows.enable')}
          </button>
        </p>
      )}
      {outcome !== null && (
        <p
          role={outcome.ok ? 'status' : 'alert'}
          class={outcome.ok ? 'notice' : 'notice error'}
          data-outcome={outcome.ok ? 'ok' : 'refused'}
        >
          {outcome.text}
        </p>
      )}
      <h3>{i18n.t('flows.needs.title')}</h3>
      <p>{i18n.t(`flows.needs.${flow.kind}` as MessageKey)}</p>
      <h3>{i18n.t('flows.sendChecks.title')}</h3>
      <ul>
        {SEND_CHECKS.map((check) => (
          <li key={check}>{i18n.t(`flows.sendChecks.${check}` as MessageKey)}</li>
        ))}
      </ul>
    </section>
  );
}
