import type { I18n } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import type { Rule } from './rule-model.ts';

/** A field's name as people say it (the catalogue's segments.field.*), or the field itself. */
export function fieldLabel(i18n: I18n, field: string): string {
  const key = `segments.field.${field}` as MessageKey;
  const text = i18n.t(key);
  return text === key ? field : text;
}

export function operatorLabel(i18n: I18n, op: string, type: string): string {
  const key = `segments.op.${type === 'set' ? 'set.' : ''}${op}` as MessageKey;
  const text = i18n.t(key);
  return text === key ? op : text;
}

const list = (i18n: I18n, value: unknown): string =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'number' ? i18n.number(v, 4) : String(v))).join(', ') : '';
const one = (i18n: I18n, value: unknown): string => (typeof value === 'number' ? i18n.number(value, 4) : String(value));

/**
 * A rule in plain words, e.g. "All of: orders is at least 2; bought category has coffee in the
 * last 60 days". Words come from the catalogue, so each language says it its own way.
 */
export function describeRule(i18n: I18n, rule: Rule, types: ReadonlyMap<string, string>, nested = false): string {
  const { t } = i18n;
  if ('not' in rule) return t('segments.explain.not', { rule: describeRule(i18n, rule.not, types) });
  // A group inside a group is bracketed, so "any of: a; all of: b; c" cannot be read two ways.
  if ('all' in rule || 'any' in rule) {
    const parts = ('all' in rule ? rule.all : rule.any).map((r) => describeRule(i18n, r, types, true));
    if (parts.length === 0) return t('all' in rule ? 'segments.explain.everyone' : 'segments.explain.nobody');
    if (parts.length === 1) return parts[0];
    const text = t('all' in rule ? 'segments.explain.all' : 'segments.explain.any', {
      rules: parts.join(t('segments.explain.separator')),
    });
    return nested ? t('segments.explain.group', { rule: text }) : text;
  }
  const type = types.get(rule.field) ?? 'number';
  const field = fieldLabel(i18n, rule.field);
  let text: string;
  if (rule.op === 'exists')
    text = t(rule.value === false ? 'segments.explain.missing' : 'segments.explain.exists', { field });
  else if (rule.op === 'between' && Array.isArray(rule.value))
    text = t('segments.explain.between', { field, low: one(i18n, rule.value[0]), high: one(i18n, rule.value[1]) });
  else if (rule.op === 'in')
    text = t(type === 'set' ? 'segments.explain.set.in' : 'segments.explain.in', {
      field,
      values: list(i18n, rule.value),
    });
  else {
    const key = `segments.explain.${type === 'set' ? 'set.' : ''}${rule.op}` as MessageKey;
    text = t(key, { field, value: one(i18n, rule.value) });
  }
  return rule.days === undefined ? text : t('segments.explain.days', { rule: text, days: i18n.number(rule.days) });
}
