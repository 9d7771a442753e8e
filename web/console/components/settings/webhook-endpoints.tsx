import { useState } from 'preact/hooks';
import { type Api, unwrap } from '../../api/client.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { Section } from '../overview/section.tsx';
import { OutcomeLine, useLoad, useSubmit } from './form-state.tsx';

/**
 * The store's outgoing webhook endpoints (docs/webhooks.md, "Outgoing webhooks") and their health.
 * An endpoint Regulars turned off after a day of failed deliveries is shown with why and since
 * when, and an owner turns it back on here; endpoints are added with `regulars webhooks add` or the
 * API, since the secret is shown once and belongs in the receiving system, not on a page.
 */
export function WebhookEndpoints({ api, i18n, editable }: { api: Api; i18n: I18n; editable: boolean }) {
  const { t } = i18n;
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(async () => unwrap(await api.GET('/v1/webhook-endpoints')), attempt);
  const { outcome, busy, run } = useSubmit();
  const enable = (id: string) =>
    run(async () => {
      unwrap(await api.POST('/v1/webhook-endpoints/{id}/enable', { params: { path: { id } } }));
      setAttempt(attempt + 1);
    });
  const endpoints = loaded && 'data' in loaded ? loaded.data.endpoints : null;
  const disabled = endpoints?.filter((e) => e.status === 'disabled') ?? [];
  const when = (instant: string | null) =>
    instant ? `${i18n.date(instant.slice(0, 10))} ${instant.slice(11, 16)} UTC` : '–';
  return (
    <Section id="webhook-endpoints" title={t('settings.webhooks')} help={t('settings.webhooks.help')}>
      {loaded && 'error' in loaded && <p role="alert">{loaded.error}</p>}
      {disabled.length > 0 && (
        <p class="notice error" role="alert" data-webhooks-disabled={disabled.length}>
          {t('settings.webhooks.disabledNotice', { count: disabled.length })}
        </p>
      )}
      {endpoints && endpoints.length === 0 && <p>{t('settings.webhooks.none')}</p>}
      {endpoints && endpoints.length > 0 && (
        <ul class="endpoint-list">
          {endpoints.map((endpoint) => (
            <li key={endpoint.id} data-endpoint={endpoint.id} data-status={endpoint.status}>
              <p class="long-text">
                <strong>{endpoint.url}</strong>
              </p>
              <p class="field-help long-text">{endpoint.events.join(', ')}</p>
              {endpoint.status === 'enabled' ? (
                <p>
                  {endpoint.failingSince
                    ? t('settings.webhooks.failing', {
                        since: when(endpoint.failingSince),
                        count: endpoint.consecutiveFailures,
                      })
                    : t('settings.webhooks.enabled')}
                </p>
              ) : (
                <>
                  <p class="long-text">
                    {t('settings.webhooks.disabled', {
                      since: when(endpoint.disabledAt),
                      reason: endpoint.disabledReason ?? '–',
                    })}
                  </p>
                  {editable && (
                    <button type="button" class="button" disabled={busy} onClick={() => void enable(endpoint.id)}>
                      {t('settings.webhooks.enable', { url: endpoint.url })}
                    </button>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <OutcomeLine i18n={i18n} outcome={outcome} />
    </Section>
  );
}
