import { useEffect, useState } from 'preact/hooks';
import { FlowDryRunSection } from '../components/flows/flow-dry-run.tsx';
import { FlowGatesSection } from '../components/flows/flow-gates.tsx';
import { FlowPerformanceSection } from '../components/flows/flow-performance.tsx';
import { FlowPreviewSection } from '../components/flows/flow-preview.tsx';
import { FlowSettingsForm } from '../components/flows/flow-settings-form.tsx';
import { failureOf, type ApiFailure, type FlowListing } from '../components/flows/types.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { Failure, Loading } from '../components/status.tsx';
import type { PageProps } from '../page.ts';
import { canChange } from '../session.ts';

/** The flow a path names (/flows/win-back), or null for the list (/flows). */
function flowNameOf(path: string): string | null {
  const match = /^\/flows\/([^/]+)\/?$/.exec(path);
  return match === null ? null : decodeURIComponent(match[1]);
}

/**
 * Flows: the list (/flows) with each flow's state and what it does, and a flow's own page
 * (/flows/NAME) with its gates and switch, settings, preview, dry run and performance. Campaigns
 * are flows too, but have their own page.
 */
export function FlowsPage({ api, i18n, session, path, headingId }: PageProps) {
  const [flows, setFlows] = useState<readonly FlowListing[] | ApiFailure | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [drawn, setDrawn] = useState(false);
  const name = flowNameOf(path);
  useEffect(() => {
    void api.GET('/v1/flows').then((result) => setFlows(result.data?.flows ?? failureOf(result)));
  }, [attempt]);
  useEffect(() => setDrawn(false), [name]);

  const list = flows !== null && !('details' in flows) ? flows.filter((f) => f.kind !== 'campaign') : null;
  const flow = name === null || list === null ? null : (list.find((f) => f.name === name) ?? null);
  const replace = (changed: FlowListing) => setFlows((list ?? []).map((f) => (f.name === changed.name ? changed : f)));
  const writable = canChange(session);

  return (
    <div class="flows" data-drawn={list !== null && (name === null || flow === null || drawn)}>
      <PageHeading id={headingId}>{name === null ? i18n.t('flows.title') : name}</PageHeading>
      {flows === null && <Loading i18n={i18n} />}
      {flows !== null && 'details' in flows && (
        <Failure i18n={i18n} message={`${flows.code}: ${flows.message}`} onRetry={() => setAttempt(attempt + 1)} />
      )}
      {list !== null && name === null && (
        <>
          <p class="lede">{i18n.t('flows.lede')}</p>
          {list.length === 0 && <p>{i18n.t('flows.empty')}</p>}
          <ul class="flow-list" aria-label={i18n.t('flows.list.label')}>
            {list.map((f) => (
              <li key={f.name} data-flow={f.name}>
                <a href={`/flows/${encodeURIComponent(f.name)}`} aria-label={i18n.t('flows.open', { name: f.name })}>
                  <strong>{f.name}</strong>
                </a>{' '}
                <span class={`badge ${f.enabled ? 'on' : 'off'}`} data-state={f.enabled ? 'on' : 'off'}>
                  {i18n.t(f.enabled ? 'flows.state.on' : 'flows.state.off')}
                </span>
                <p class="summary">{f.description || f.summary}</p>
                <p class="meta">
                  {i18n.t(f.purpose === 'transactional' ? 'flows.purpose.transactional' : 'flows.purpose.marketing')}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      {list !== null && name !== null && (
        <>
          <p>
            <a href="/flows">{i18n.t('flows.back')}</a>
          </p>
          {flow === null && <p role="alert">{i18n.t('flows.notFound', { name })}</p>}
          {flow !== null && (
            <>
              <p class="lede">{flow.description || flow.summary}</p>
              <p class="meta">
                {i18n.t('flows.templates', { names: flow.templates.join(', ') })} ·{' '}
                {i18n.t('flows.source', { source: flow.source })}
              </p>
              <FlowGatesSection
                api={api}
                i18n={i18n}
                flow={flow}
                canChange={writable}
                onChanged={() => setAttempt(attempt + 1)}
              />
              <FlowSettingsForm api={api} i18n={i18n} flow={flow} canChange={writable} onSaved={replace} />
              <FlowPreviewSection api={api} i18n={i18n} flow={flow} />
              <FlowDryRunSection api={api} i18n={i18n} flow={flow} />
              <FlowPerformanceSection api={api} i18n={i18n} flow={flow} onDrawn={() => setDrawn(true)} />
            </>
          )}
        </>
      )}
    </div>
  );
}
