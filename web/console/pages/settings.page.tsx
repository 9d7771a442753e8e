import { useState } from 'preact/hooks';
import { unwrap } from '../api/client.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { ApiKeys } from '../components/settings/api-keys.tsx';
import { type Delivery, DeliveryForm } from '../components/settings/delivery-form.tsx';
import { ReadOnlyNote, useLoad } from '../components/settings/form-state.tsx';
import { ShopProfileForm } from '../components/settings/shop-profile-form.tsx';
import { ShopifyApp } from '../components/settings/shopify-app.tsx';
import { ShopifySecret } from '../components/settings/shopify-secret.tsx';
import { StaffUsers } from '../components/settings/staff-users.tsx';
import { WebhookEndpoints } from '../components/settings/webhook-endpoints.tsx';
import '../components/settings/settings.css';
import { Failure, Loading } from '../components/status.tsx';
import type { PageProps } from '../page.ts';

/**
 * The store's settings: shop profile, delivery rules, API keys, the Shopify secret and app, outgoing
 * webhook endpoints and staff users.
 * Everyone reads them; only owners change them (the server refuses others with ROLE_FORBIDDEN, so
 * the disabled fields here are a courtesy, not the guard).
 */
export function SettingsPage({ api, i18n, session, headingId }: PageProps) {
  const { t } = i18n;
  const owner = session.user.role === 'owner';
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(async () => {
    const [shop, delivery, shopify] = await Promise.all([
      api.GET('/v1/settings/shop').then(unwrap),
      api.GET('/v1/settings/delivery').then(unwrap),
      api.GET('/v1/settings/shopify-secret').then(unwrap),
    ]);
    return { shop, delivery, shopify };
  }, attempt);
  const [delivery, setDelivery] = useState<Delivery | null>(null);

  return (
    <div class="settings-page" data-loaded={loaded !== null && 'data' in loaded}>
      <PageHeading id={headingId}>{t('settings.title')}</PageHeading>
      <p class="lede">{t('settings.lede')}</p>
      {!owner && (
        <ReadOnlyNote i18n={i18n} text={t('settings.readOnly.owner', { role: t(`role.${session.user.role}`) })} />
      )}
      {loaded === null && <Loading i18n={i18n} />}
      {loaded && 'error' in loaded && (
        <Failure i18n={i18n} message={loaded.error} onRetry={() => setAttempt(attempt + 1)} />
      )}
      {loaded && 'data' in loaded && (
        <>
          <ShopProfileForm api={api} i18n={i18n} profile={loaded.data.shop} editable={owner} />
          <DeliveryForm
            api={api}
            i18n={i18n}
            settings={delivery ?? loaded.data.delivery}
            editable={owner}
            onSaved={setDelivery}
          />
          <ApiKeys api={api} i18n={i18n} editable={owner} />
          <ShopifySecret
            api={api}
            i18n={i18n}
            set={loaded.data.shopify.set}
            editable={owner}
            storeId={session.store.id}
          />
          <ShopifyApp api={api} i18n={i18n} editable={owner} />
          <WebhookEndpoints api={api} i18n={i18n} editable={owner} />
          <StaffUsers api={api} i18n={i18n} editable={owner} selfId={session.user.id} />
        </>
      )}
    </div>
  );
}
