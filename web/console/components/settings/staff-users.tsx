import { useState } from 'preact/hooks';
import { type Api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema';
import type { I18n } from '../../i18n/i18n.ts';
import type { Role } from '../../session.ts';
import { Section } from '../overview/section.tsx';
import { OutcomeLine, Scroll, useLoad, useSubmit } from './form-state.tsx';

type StaffUser = paths['/v1/settings/users']['get']['responses']['200']['content']['application/json']['users'][number];

const ROLES: readonly Role[] = ['owner', 'marketer', 'viewer'];
/** As `regulars users create` asks (staff.ts MIN_PASSWORD_LENGTH); the server checks it again. */
const MIN_PASSWORD = 12;

/** The store's console users: add one with a password the owner sets, change a role, remove. */
export function StaffUsers({
  api,
  i18n,
  editable,
  selfId,
}: {
  api: Api;
  i18n: I18n;
  editable: boolean;
  selfId: string;
}) {
  const { t } = i18n;
  const [version, setVersion] = useState(0);
  const users = useLoad(async () => unwrap(await api.GET('/v1/settings/users')).users, version);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const { outcome, busy, run } = useSubmit();

  const add = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      unwrap(await api.POST('/v1/settings/users', { body: { email: email.trim(), role, password } }));
      setEmail('');
      setPassword('');
      setVersion(version + 1);
    });
  };
  const changeRole = (user: StaffUser, next: Role) =>
    run(async () => {
      unwrap(await api.PATCH('/v1/settings/users/{id}', { params: { path: { id: user.id } }, body: { role: next } }));
      setVersion(version + 1);
    });
  const remove = (user: StaffUser) => {
    if (!confirm(t('settings.users.remove.confirm', { email: user.email }))) return;
    void run(async () => {
      unwrap(await api.DELETE('/v1/settings/users/{id}', { params: { path: { id: user.id } } }));
      setVersion(version + 1);
    });
  };

  return (
    <Section id="users" title={t('settings.users')} help={t('settings.users.help')}>
      {users === null && <p role="status">{t('app.loading')}</p>}
      {users && 'error' in users && <p role="alert">{users.error}</p>}
      {users && 'data' in users && (
        <Scroll label={t('settings.users')}>
          <table>
            <caption class="visually-hidden">{t('settings.users')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.users.email')}</th>
                <th scope="col">{t('settings.users.role')}</th>
                <th scope="col">{t('settings.users.since')}</th>
                {editable && <th scope="col">{t('settings.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id} data-user={user.email}>
                  <td>
                    {user.email}
                    {user.id === selfId && <span class="you"> {t('settings.users.you')}</span>}
                  </td>
                  <td>
                    {editable ? (
                      <select
                        aria-label={t('settings.users.roleOf', { email: user.email })}
                        value={user.role}
                        disabled={busy}
                        onChange={(e) => void changeRole(user, (e.target as HTMLSelectElement).value as Role)}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      t(`role.${user.role}`)
                    )}
                  </td>
                  <td>{i18n.date(user.createdAt.slice(0, 10))}</td>
                  {editable && (
                    <td>
                      <button type="button" class="danger" disabled={busy} onClick={() => remove(user)}>
                        {t('settings.users.remove', { email: user.email })}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {editable && (
        <form class="settings-form" onSubmit={add} data-form="user">
          <h3>{t('settings.users.add')}</h3>
          <div class="field-grid">
            <div class="field">
              <label for="user-email">{t('settings.users.email')}</label>
              <input
                id="user-email"
                name="email"
                type="email"
                autocomplete="off"
                required
                value={email}
                onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
              />
            </div>
            <div class="field">
              <label for="user-role">{t('settings.users.role')}</label>
              <select
                id="user-role"
                name="role"
                value={role}
                onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="user-password">{t('settings.users.password')}</label>
              <input
                id="user-password"
                name="password"
                type="password"
                autocomplete="new-password"
                required
                minLength={MIN_PASSWORD}
                aria-describedby="user-password-help"
                value={password}
                onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
              />
              <p id="user-password-help" class="field-help">
                {t('settings.users.password.help', { min: MIN_PASSWORD })}
              </p>
            </div>
          </div>
          <button type="submit" class="button" disabled={busy}>
            {t('settings.users.create')}
          </button>
        </form>
      )}
      <OutcomeLine i18n={i18n} outcome={outcome} saved={t('settings.done')} />
    </Section>
  );
}
