import { useState } from 'preact/hooks';
import { type Api, unwrap } from '../../api/client.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { Section } from '../overview/section.tsx';
import { OutcomeLine, useLoad, useSubmit } from './form-state.tsx';

/**
 * The Regulars app in the store's Shopify shop (docs/shopify.md): installed or not, which shop, the
 * scopes granted, when, and the webhooks the install registered. An owner gets the install link
 * here, as `regulars shopify connect` prints it.
 */
export function ShopifyApp({ api, i18n, editable }: { api: Api; i18n: I18n; editable: boolean }) {
  const { t } = i18n;
  const loaded = useLoad(async () => unwrap(await api.GET('/v1/settings/shopify-app')), 0);
  const [shop, setShop] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const { outcome, busy, run } = useSubmit();
  const connect = () =>
    run(async () => {
      setLink(unwrap(await api.POST('/v1/settings/shopify-app/connect', { body: { shop } })).installUrl);
    });
  const status = loaded && 'data' in loaded ? loaded.data : null;
  const when = (instant: string | null) =>
    instant ? `${i18n.date(instant.slice(0, 10))} ${instant.slice(11, 16)} UTC` : '–';
  return (
    <Section id="shopify-app" title={t('settings.shopifyApp')} help={t('settings.shopifyApp.help')}>
      {loaded && 'error' in loaded && <p role="alert">{loaded.error}</p>}
      {status && (
        <dl class="app-facts" data-shopify-app={status.state}>
          <dt>{t('settings.shopifyApp.state')}</dt>
          <dd>{t(`settings.shopifyApp.state.${status.state}`)}</dd>
          {status.shop && (
            <>
              <dt>{t('settings.shopifyApp.shop')}</dt>
              <dd>{status.shop}</dd>
              <dt>{t('settings.shopifyApp.scopes')}</dt>
              <dd class="long-text">{status.scopes.join(', ') || '–'}</dd>
              {status.missingScopes.length > 0 && (
                <>
                  <dt>{t('settings.shopifyApp.missing')}</dt>
                  <dd>{status.missingScopes.join(', ')}</dd>
                </>
              )}
              <dt>{t('settings.shopifyApp.installedAt')}</dt>
              <dd>{when(status.installedAt)}</dd>
              <dt>{t('settings.shopifyApp.webhooks')}</dt>
              <dd data-webhooks={status.webhooks.length}>
                {t('settings.shopifyApp.webhooks.count', {
                  count: status.webhooks.length,
                  when: when(status.webhooksRegisteredAt),
                })}
              </dd>
              {status.webhookError && (
                <>
                  <dt>{t('settings.shopifyApp.webhookError')}</dt>
                  <dd class="long-text">{status.webhookError}</dd>
                </>
              )}
              {status.uninstalledAt && (
                <>
                  <dt>{t('settings.shopifyApp.uninstalledAt')}</dt>
                  <dd>{when(status.uninstalledAt)}</dd>
                </>
              )}
            </>
          )}
        </dl>
      )}
      {status && !status.configured && <p class="field-help">{t('settings.shopifyApp.notConfigured')}</p>}
      {status && status.configured && editable && status.state !== 'installed' && (
        <form
          class="settings-form inline-form"
          data-form="shopify-app"
          onSubmit={(event) => {
            event.preventDefault();
            void connect();
          }}
        >
          <div class="field">
            <label for="shopify-shop">{t('settings.shopifyApp.shopField')}</label>
            <input
              id="shopify-shop"
              name="shop"
              required
              value={shop}
              onInput={(e) => setShop((e.target as HTMLInputElement).value)}
            />
          </div>
          <button type="submit" class="button" disabled={busy}>
            {t('settings.shopifyApp.connect')}
          </button>
        </form>
      )}
      {link && (
        <p class="long-text">
          {t('settings.shopifyApp.open')} <a href={link}>{link}</a>
        </p>
      )}
      <OutcomeLine i18n={i18n} outcome={outcome} />
    </Section>
  );
}
