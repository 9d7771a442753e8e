import { useState } from 'preact/hooks';
import { type Api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema';
import type { I18n } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { Section } from '../overview/section.tsx';
import { OutcomeLine, useSubmit } from './form-state.tsx';

export type ShopProfile = paths['/v1/settings/shop']['get']['responses']['200']['content']['application/json'];

const FIELDS: readonly {
  key: keyof ShopProfile;
  label: MessageKey;
  type: 'text' | 'url' | 'email';
  autocomplete: string;
}[] = [
  { key: 'name', label: 'settings.shop.name', type: 'text', autocomplete: 'organization' },
  { key: 'url', label: 'settings.shop.url', type: 'url', autocomplete: 'url' },
  { key: 'supportEmail', label: 'settings.shop.supportEmail', type: 'email', autocomplete: 'email' },
  { key: 'address', label: 'settings.shop.address', type: 'text', autocomplete: 'street-address' },
  { key: 'locale', label: 'settings.shop.locale', type: 'text', autocomplete: 'off' },
];

/** What every message says about the shop (name, address, where to write): PUT /v1/settings/shop. */
export function ShopProfileForm({
  api,
  i18n,
  profile,
  editable,
}: {
  api: Api;
  i18n: I18n;
  profile: ShopProfile;
  editable: boolean;
}) {
  const { t } = i18n;
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(FIELDS.map((f) => [f.key, profile[f.key] ?? ''])),
  );
  const { outcome, busy, run } = useSubmit();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const body = Object.fromEntries(
      FIELDS.map((f) => [f.key, values[f.key].trim() === '' ? null : values[f.key].trim()]),
    );
    void run(async () => {
      const saved = unwrap(await api.PUT('/v1/settings/shop', { body }));
      setValues(Object.fromEntries(FIELDS.map((f) => [f.key, saved[f.key] ?? ''])));
    });
  };
  return (
    <Section id="shop" title={t('settings.shop')} help={t('settings.shop.help')}>
      <form class="settings-form" onSubmit={onSubmit} data-form="shop">
        <div class="field-grid">
          {FIELDS.map((f) => (
            <div class="field" key={f.key}>
              <label for={`shop-${f.key}`}>{t(f.label)}</label>
              <input
                id={`shop-${f.key}`}
                name={f.key}
                // Preact's input types pair each type with its own attributes; these three share them.
                type={f.type as 'text'}
                autocomplete={f.autocomplete}
                disabled={!editable}
                value={values[f.key]}
                onInput={(e) => setValues({ ...values, [f.key]: (e.target as HTMLInputElement).value })}
              />
            </div>
          ))}
        </div>
        {editable && (
          <button type="submit" class="button" disabled={busy}>
            {t('settings.shop.save')}
          </button>
        )}
        <OutcomeLine i18n={i18n} outcome={outcome} />
      </form>
    </Section>
  );
}
