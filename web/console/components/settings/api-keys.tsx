import { useState } from 'preact/hooks';
import { type Api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema';
import type { I18n } from '../../i18n/i18n.ts';
import { Section } from '../overview/section.tsx';
import { OutcomeLine, Scroll, useLoad, useSubmit } from './form-state.tsx';

type ApiKey = paths['/v1/settings/api-keys']['get']['responses']['200']['content']['application/json']['keys'][number];

/**
 * The store's API keys: prefixes only. A new key's secret is shown once, here, with a copy
 * button; the server keeps only its hash, so it cannot be shown again.
 */
export function ApiKeys({ api, i18n, editable }: { api: Api; i18n: I18n; editable: boolean }) {
  const { t } = i18n;
  const [version, setVersion] = useState(0);
  const keys = useLoad(async () => unwrap(await api.GET('/v1/settings/api-keys')).keys, version);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const { outcome, busy, run } = useSubmit();

  const create = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const created = unwrap(await api.POST('/v1/settings/api-keys', { body: { name: name.trim() } }));
      setSecret({ name: created.key.name, value: created.apiKey });
      setCopied(false);
      setName('');
      setVersion(version + 1);
    });
  };
  const revoke = (key: ApiKey) => {
    if (!confirm(t('settings.keys.revoke.confirm', { name: key.name, prefix: key.prefix }))) return;
    void run(async () => {
      unwrap(await api.DELETE('/v1/settings/api-keys/{id}', { params: { path: { id: key.id } } }));
      setVersion(version + 1);
    });
  };
  const copy = async () => {
    if (!secret) return;
    await navigator.clipboard.writeText(secret.value);
    setCopied(true);
  };

  return (
    <Section id="api-keys" title={t('settings.keys')} help={t('settings.keys.help')}>
      {secret && (
        <div class="secret-once" role="status" data-secret="true">
          <p>{t('settings.keys.created', { name: secret.name })}</p>
          <div class="secret-row">
            <code class="secret-value" aria-label={t('settings.keys.secret')}>
              {secret.value}
            </code>
            <button type="button" onClick={() => void copy()}>
              {copied ? t('settings.keys.copied') : t('settings.keys.copy')}
            </button>
          </div>
          <p class="field-help">{t('settings.keys.once')}</p>
          <button type="button" onClick={() => setSecret(null)}>
            {t('settings.keys.hide')}
          </button>
        </div>
      )}
      {keys === null && <p role="status">{t('app.loading')}</p>}
      {keys && 'error' in keys && <p role="alert">{keys.error}</p>}
      {keys && 'data' in keys && (
        <Scroll label={t('settings.keys')}>
          <table class="keys-table">
            <caption class="visually-hidden">{t('settings.keys')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.keys.name')}</th>
                <th scope="col">{t('settings.keys.prefix')}</th>
                <th scope="col">{t('settings.keys.createdAt')}</th>
                <th scope="col">{t('settings.keys.lastUsed')}</th>
                <th scope="col">{t('settings.keys.state')}</th>
                {editable && <th scope="col">{t('settings.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <tr key={key.id} data-key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>{i18n.date(key.createdAt.slice(0, 10))}</td>
                  <td>{key.lastUsedAt ? i18n.date(key.lastUsedAt.slice(0, 10)) : t('settings.keys.never')}</td>
                  <td>
                    {key.revokedAt
                      ? t('settings.keys.revokedAt', { date: i18n.date(key.revokedAt.slice(0, 10)) })
                      : t('settings.keys.active')}
                  </td>
                  {editable && (
                    <td>
                      {key.revokedAt === null && (
                        <button type="button" class="danger" disabled={busy} onClick={() => revoke(key)}>
                          {t('settings.keys.revoke', { name: key.name })}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {editable && (
        <form class="settings-form inline-form" onSubmit={create} data-form="api-key">
          <div class="field">
            <label for="key-name">{t('settings.keys.newName')}</label>
            <input
              id="key-name"
              name="name"
              required
              maxLength={100}
              value={name}
              onInput={(e) => setName((e.target as HTMLInputElement).value)}
            />
          </div>
          <button type="submit" class="button" disabled={busy}>
            {t('settings.keys.create')}
          </button>
        </form>
      )}
      <OutcomeLine i18n={i18n} outcome={outcome} saved={t('settings.done')} />
    </Section>
  );
}
