import type { I18n } from '../../i18n/i18n.ts';
import { fieldLabel, operatorLabel } from './rule-text.ts';
import {
  type ConditionNode,
  type EditorNode,
  type FieldInfo,
  type GroupNode,
  newCondition,
  newGroup,
} from './rule-model.ts';

interface EditorProps {
  readonly i18n: I18n;
  readonly fields: readonly FieldInfo[];
  readonly readOnly: boolean;
  /** The node a server error points at, and the error's message. */
  readonly fault: { readonly id: number; readonly message: string } | null;
  readonly onChange: (id: number, change: (node: EditorNode) => EditorNode | null) => void;
}

/** The rule as nested groups of conditions: every control is a labelled form field, usable by keyboard. */
export function RuleGroup(props: EditorProps & { readonly group: GroupNode; readonly root?: boolean }) {
  const { i18n, group, fields, readOnly, onChange, fault, root } = props;
  const { t } = i18n;
  const set = (patch: Partial<GroupNode>) => onChange(group.id, (n) => ({ ...(n as GroupNode), ...patch }));
  const add = (node: EditorNode) => set({ children: [...group.children, node] });
  const headingId = `group-${group.id}`;
  return (
    <fieldset
      class={`rule-group${fault?.id === group.id ? ' faulty' : ''}`}
      aria-describedby={fault?.id === group.id ? `fault-${group.id}` : undefined}
    >
      <legend id={headingId} class="visually-hidden">
        {t('segments.editor.groupLabel')}
      </legend>
      <div class="rule-row">
        {!root && (
          <label class="check">
            <input
              type="checkbox"
              checked={group.negate}
              disabled={readOnly}
              onChange={(e) => set({ negate: (e.target as HTMLInputElement).checked })}
            />
            {t('segments.editor.negate')}
          </label>
        )}
        <label>
          <span>{t('segments.editor.match')}</span>{' '}
          <select
            name="combinator"
            value={group.combinator}
            disabled={readOnly}
            onChange={(e) => set({ combinator: (e.target as HTMLSelectElement).value as 'all' | 'any' })}
          >
            <option value="all">{t('segments.editor.combinator.all')}</option>
            <option value="any">{t('segments.editor.combinator.any')}</option>
          </select>
        </label>
        {!root && !readOnly && (
          <button type="button" class="link" onClick={() => onChange(group.id, () => null)}>
            {t('segments.editor.remove')}
          </button>
        )}
      </div>
      {fault?.id === group.id && (
        <p class="fault" id={`fault-${group.id}`} role="alert">
          {t('segments.error.here', { message: fault.message })}
        </p>
      )}
      {group.children.length === 0 && root && <p class="help">{t('segments.editor.empty')}</p>}
      <ol class="rule-children">
        {group.children.map((child, i) => (
          <li key={child.id}>
            {child.kind === 'group' ? (
              <RuleGroup {...props} group={child} root={false} />
            ) : (
              <RuleCondition {...props} condition={child} index={i + 1} />
            )}
          </li>
        ))}
      </ol>
      {!readOnly && fields.length > 0 && (
        <div class="rule-row">
          <button type="button" data-add="condition" onClick={() => add(newCondition(fields[0]))}>
            {t('segments.editor.addCondition')}
          </button>
          <button type="button" data-add="group" onClick={() => add(newGroup([newCondition(fields[0])], 'any'))}>
            {t('segments.editor.addGroup')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

function RuleCondition(props: EditorProps & { readonly condition: ConditionNode; readonly index: number }) {
  const { i18n, condition: c, fields, readOnly, onChange, fault, index } = props;
  const { t } = i18n;
  const field = fields.find((f) => f.name === c.field) ?? fields[0];
  const set = (patch: Partial<ConditionNode>) => onChange(c.id, (n) => ({ ...(n as ConditionNode), ...patch }));
  const id = (part: string) => `c${c.id}-${part}`;
  const faulty = fault?.id === c.id;
  const input = (e: Event) => (e.target as HTMLInputElement).value;
  const choices = field.values;
  const valueInput = (name: 'value' | 'high', label: string) =>
    choices && c.op !== 'in' ? (
      <select id={id(name)} name={name} value={c[name]} disabled={readOnly} onChange={(e) => set({ [name]: input(e) })}>
        {choices.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    ) : (
      <input
        id={id(name)}
        name={name}
        value={c[name]}
        disabled={readOnly}
        inputMode={field.type === 'number' && c.op !== 'in' ? 'decimal' : undefined}
        aria-invalid={faulty ? 'true' : undefined}
        aria-label={label}
        onInput={(e) => set({ [name]: input(e) })}
      />
    );
  return (
    <fieldset
      class={`rule-condition${faulty ? ' faulty' : ''}`}
      data-condition={c.id}
      aria-describedby={faulty ? `fault-${c.id}` : undefined}
    >
      <legend class="visually-hidden">{t('segments.editor.conditionLabel', { n: index })}</legend>
      <label class="check">
        <input
          type="checkbox"
          name="negate"
          checked={c.negate}
          disabled={readOnly}
          onChange={(e) => set({ negate: (e.target as HTMLInputElement).checked })}
        />
        {t('segments.editor.negate')}
      </label>
      <label for={id('field')} class="visually-hidden">
        {t('segments.editor.field')}
      </label>
      <select
        id={id('field')}
        name="field"
        value={c.field}
        disabled={readOnly}
        onChange={(e) => {
          const next = fields.find((f) => f.name === input(e)) ?? field;
          const op = next.operators.includes(c.op) ? c.op : next.operators[0];
          set({
            field: next.name,
            op,
            value: next.values?.[0] ?? (next.type === field.type ? c.value : ''),
            days: next.window ? c.days : '',
          });
        }}
      >
        {fields.map((f) => (
          <option key={f.name} value={f.name} title={f.description}>
            {fieldLabel(i18n, f.name)}
          </option>
        ))}
      </select>
      <label for={id('op')} class="visually-hidden">
        {t('segments.editor.operator')}
      </label>
      <select id={id('op')} name="op" value={c.op} disabled={readOnly} onChange={(e) => set({ op: input(e) })}>
        {field.operators.map((op) => (
          <option key={op} value={op}>
            {operatorLabel(i18n, op, field.type)}
          </option>
        ))}
      </select>
      {c.op === 'exists' ? (
        <>
          <label for={id('value')} class="visually-hidden">
            {t('segments.editor.value')}
          </label>
          <select
            id={id('value')}
            name="value"
            value={c.value === 'false' ? 'false' : 'true'}
            disabled={readOnly}
            onChange={(e) => set({ value: input(e) })}
          >
            <option value="true">{t('segments.editor.exists.true')}</option>
            <option value="false">{t('segments.editor.exists.false')}</option>
          </select>
        </>
      ) : c.op === 'between' ? (
        <>
          {valueInput('value', t('segments.editor.low'))}
          {valueInput('high', t('segments.editor.high'))}
        </>
      ) : (
        valueInput('value', c.op === 'in' ? t('segments.editor.valueList') : t('segments.editor.value'))
      )}
      {field.window && (
        <input
          name="days"
          class="days"
          value={c.days}
          inputMode="numeric"
          disabled={readOnly}
          aria-label={t('segments.editor.days')}
          placeholder={t('segments.editor.days')}
          onInput={(e) => set({ days: input(e) })}
        />
      )}
      {!readOnly && (
        <button type="button" class="link" onClick={() => onChange(c.id, () => null)}>
          {t('segments.editor.remove')}
        </button>
      )}
      {faulty && (
        <p class="fault" id={`fault-${c.id}`} role="alert">
          {t('segments.error.here', { message: fault.message })}
        </p>
      )}
    </fieldset>
  );
}
