import { useState } from 'preact/hooks';
import type { Api } from '../../api/client.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { type ApiFailure, failureOf, type FlowListing } from './types.ts';

interface Props {
  readonly api: Api;
  readonly i18n: I18n;
  readonly flow: FlowListing;
  readonly canChange: boolean;
  readonly onSaved: (flow: FlowListing) => void;
}

type Kind = 'number' | 'boolean' | 'text' | 'list' | 'nullable';

/** One editable setting: its dotted path under settings, and how its value is typed in. */
interface Field {
  readonly path: string;
  readonly kind: Kind;
  readonly initial: string | boolean;
}

function kindOf(value: unknown): Kind | null {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'text';
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'list' : null;
  if (value === null) return 'nullable';
  return null;
}

/** The settings in effect as form fields: scalars and lists, and the scalars of nested objects (a coupon gift). */
function fieldsOf(settings: Record<string, unknown>, prefix = ''): Field[] {
  return Object.entries(settings).flatMap(([key, value]): Field[] => {
    const path = `${prefix}${key}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return prefix === '' ? fieldsOf(value as Record<string, unknown>, `${path}.`) : [];
    const kind = kindOf(value);
    if (kind === null) return [];
    const initial =
      kind === 'boolean'
        ? (value as boolean)
        : kind === 'list'
          ? (value as string[]).join('\n')
          : value === null
            ? ''
            : String(value);
    return [{ path, kind, initial }];
  });
}

/** What a field's input means as a setting's value. */
function valueOf(field: Field, input: string | boolean): unknown {
  if (field.kind === 'boolean') return input;
  const text = String(input);
  if (field.kind === 'number') return text.trim() === '' ? text : Number(text);
  if (field.kind === 'list')
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  if (field.kind === 'nullable') {
    if (text.trim() === '') return null;
    return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
  }
  return text;
}

/** { 'gift.validDays': 30 } as { gift: { validDays: 30 } }: the patch PUT /v1/flows/{id}/settings merges. */
function patchOf(changes: readonly [string, unknown][]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [path, value] of changes) {
    const [head, tail] = path.split('.', 2);
    if (tail === undefined) patch[head] = value;
    else patch[head] = { ...((patch[head] as Record<string, unknown>) ?? {}), [tail]: value };
  }
  return patch;
}

const idOf = (path: string) => `setting-${path.replace(/\./g, '-')}`;

/**
 * The flow's settings as a form, built from the settings in effect. Only the fields changed are
 * sent; the server checks them with the flow's own rules and names a wrong field, shown beside it.
 */
export function FlowSettingsForm({ api, i18n, flow, canChange, onSaved }: Props) {
  const fields = fieldsOf(flow.settings as Record<string, unknown>);
  const [inputs, setInputs] = useState<Record<string, string | boolean>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = (field: Field) => (field.path in inputs ? inputs[field.path] : field.initial);
  const wrongPath =
    typeof failure?.details.field === 'string' ? failure.details.field.replace(/^settings\./, '') : null;

  async function save(event: Event) {
    event.preventDefault();
    const changes = fields
      .filter((f) => f.path in inputs && inputs[f.path] !== f.initial)
      .map((f): [string, unknown] => [f.path, valueOf(f, inputs[f.path])]);
    setFailure(null);
    setNotice(null);
    if (changes.length === 0) {
      setNotice(i18n.t('flows.settings.unchanged'));
      return;
    }
    setBusy(true);
    const result = await api.PUT('/v1/flows/{id}/settings', {
      params: { path: { id: flow.name } },
      body: { settings: patchOf(changes) },
    });
    setBusy(false);
    if (result.data === undefined) {
      setFailure(failureOf(result));
      return;
    }
    setInputs({});
    setNotice(i18n.t('flows.settings.saved'));
    onSaved(result.data);
  }

  return (
    <section aria-labelledby="flow-settings" class="panel">
      <h2 id="flow-settings">{i18n.t('flows.settings.title')}</h2>
      <p>{i18n.t(canChange ? 'flows.settings.lede' : 'flows.settings.readOnly')}</p>
      {fields.length === 0 ? (
        <p>{i18n.t('flows.settings.none')}</p>
      ) : (
        <form class="settings-form" onSubmit={save} noValidate>
          {fields.map((field) => {
            const id = idOf(field.path);
            const wrong = wrongPath === field.path;
            const describedBy = [
              wrong ? `${id}-error` : '',
              field.kind === 'list' || field.kind === 'nullable' ? `${id}-hint` : '',
            ]
              .filter(Boolean)
              .join(' ');
            const common = {
              id,
              name: field.path,
              disabled: !canChange,
              'aria-invalid': wrong ? ('true' as const) : undefined,
              'aria-describedby': describedBy || undefined,
            };
            return (
              <div class={`field${wrong ? ' invalid' : ''}`} key={field.path}>
                <label for={id}>
                  <code>{field.path}</code>
                </label>
                {field.kind === 'boolean' ? (
                  <span class="checkbox">
                    <input
                      {...common}
                      type="checkbox"
                      checked={current(field) as boolean}
                      onChange={(e) => setInputs({ ...inputs, [field.path]: e.currentTarget.checked })}
                    />{' '}
                    {i18n.t('flows.settings.yes')}
                  </span>
                ) : field.kind === 'list' ? (
                  <textarea
                    {...common}
                    rows={3}
                    value={current(field) as string}
                    onInput={(e) => setInputs({ ...inputs, [field.path]: e.currentTarget.value })}
                  />
                ) : field.kind === 'number' ? (
                  <input
                    {...common}
                    type="number"
                    step="any"
                    inputMode="decimal"
                    value={current(field) as string}
                    onInput={(e) => setInputs({ ...inputs, [field.path]: e.currentTarget.value })}
                  />
                ) : (
                  <input
                    {...common}
                    type="text"
                    value={current(field) as string}
                    onInput={(e) => setInputs({ ...inputs, [field.path]: e.currentTarget.value })}
                  />
                )}
                {field.kind === 'list' && <small id={`${id}-hint`}>{i18n.t('flows.settings.list')}</small>}
                {field.kind === 'nullable' && <small id={`${id}-hint`}>{i18n.t('flows.settings.empty')}</small>}
                {wrong && (
                  <small id={`${id}-error`} class="field-error">
                    {failure?.message}
                  </small>
                )}
              </div>
            );
          })}
          {canChange && (
            <p>
              <button type="submit" class="primary" disabled={busy}>
                {i18n.t('flows.settings.save')}
              </button>
            </p>
          )}
        </form>
      )}
      {failure !== null && (
        <p role="alert" class="notice error" data-settings-error={failure.code}>
          {i18n.t('flows.settings.invalid', { code: failure.code, message: failure.message })}
        </p>
      )}
      {notice !== null && (
        <p role="status" class="notice" data-settings-notice>
          {notice}
        </p>
      )}
    </section>
  );
}
