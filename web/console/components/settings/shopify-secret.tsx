import { useState } from 'preact/hooks';
import { type Api, unwrap } from '../../api/client.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { Section } from '../overview/section.tsx';
import { OutcomeLine, useSubmit } from './form-state.tsx';

/**
 * The Shopify app's shared secret that signs webhooks: write-only. The page shows whether one is
 * set, never the secret; a new one replaces the old at the next webhook.
 */
export function ShopifySecret({
  api,
  i18n,
  set: initiallySet,
  editable,
  storeId,
}: {
  api: Api;
  i18n: I18n;
  set: boolean;
  editable: boolean;
  storeId: string;
}) {
  const { t } = i18n;
  const [isSet, setIsSet] = useState(initiallySet);
  const [secret, setSecret] = useState('');
  const { outcome, busy, run } = useSubmit();
  const save = (value: string | null) =>
    run(async () => {
      setIsSet(unwrap(await api.PUT('/v1/settings/shopify-secret', { body: { secret: value } })).set);
      setSecret('');
    });
  return (
    <Section id="shopify" title={t('settings.shopify')} help={t('settings.shopify.help')}>
      <p data-shopify-set={isSet}>{isSet ? t('settings.shopify.isSet') : t('settings.shopify.notSet')}</p>
      {storeId !== '' && (
        <p class="field-help long-text">
          {t('settings.shopify.webhook', { url: `${location.origin}/webhooks/shopify/${storeId}` })}
        </p>
      )}
      {editable && (
        <form
          class="settings-form inline-form"
          data-form="shopify"
          onSubmit={(event) => {
            event.preventDefault();
            void save(secret);
          }}
        >
          <div class="field">
            <label for="shopify-secret">{isSet ? t('settings.shopify.replace') : t('settings.shopify.set')}</label>
            <input
              id="shopify-secret"
              name="secret"
              type="password"
              autocomplete="off"
              required
              value={secret}
              onInput={(e) => setSecret((e.target as HTMLInputElement).value)}
            />
          </div>
          <button type="submit" class="button" disabled={busy}>
            {t('settings.shopify.save')}
          </button>
          {isSet && (
            <button
              type="button"
              class="danger"
              disabled={busy}
              onClick={() => confirm(t('settings.shopify.disconnect.confirm')) && void save(null)}
            >
              {t('settings.shopify.disconnect')}
            </button>
          )}
        </form>
      )}
      <OutcomeLine i18n={i18n} outcome={outcome} />
    </Section>
  );
}
