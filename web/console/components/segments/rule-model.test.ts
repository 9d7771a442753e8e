import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/i18n.ts';
import { en } from '../../i18n/messages.en.ts';
import { type FieldInfo, fromRule, incomplete, nodeAt, type Rule, toRule, updateNode } from './rule-model.ts';
import { describeRule } from './rule-text.ts';

const FIELDS: FieldInfo[] = [
  {
    name: 'orders_count',
    type: 'number',
    operators: ['eq', 'gte', 'between', 'in', 'exists'],
    integer: true,
    window: false,
    values: null,
    description: '',
  },
  {
    name: 'total_spent',
    type: 'number',
    operators: ['gt'],
    integer: false,
    window: false,
    values: null,
    description: '',
  },
  {
    name: 'avg_interval_days',
    type: 'number',
    operators: ['exists'],
    integer: false,
    window: false,
    values: null,
    description: '',
  },
  {
    name: 'bought_category',
    type: 'set',
    operators: ['contains', 'in'],
    integer: false,
    window: true,
    values: null,
    description: '',
  },
];
const types = new Map(FIELDS.map((f) => [f.name, f.type]));
const i18n = createI18n('en', en);

describe('the rule editor model', () => {
  it('turns a rule into the editor tree and back unchanged', () => {
    const rules: Rule[] = [
      {
        all: [{ field: 'orders_count', op: 'gte', value: 2 }, { not: { field: 'total_spent', op: 'gt', value: 1000 } }],
      },
      {
        any: [
          { field: 'orders_count', op: 'between', value: [1, 3] },
          {
            all: [
              { field: 'avg_interval_days', op: 'exists', value: false },
              { field: 'bought_category', op: 'in', value: ['tea', 'mugs'], days: 30 },
            ],
          },
        ],
      },
      { not: { any: [{ field: 'orders_count', op: 'in', value: [1, 2] }] } },
    ];
    for (const rule of rules) {
      const { rule: back } = toRule(fromRule(rule), FIELDS);
      const top = 'all' in rule || 'any' in rule ? rule : { all: [rule] };
      expect(back).toEqual(top);
    }
  });

  it('keeps a value that is not a number as typed, for the server to name', () => {
    const root = fromRule({ all: [{ field: 'orders_count', op: 'gte', value: 2 }] });
    const id = root.children[0].id;
    const changed = updateNode(root, id, (n) => ({ ...n, value: 'lots' }) as typeof n);
    expect(toRule(changed, FIELDS).rule).toEqual({ all: [{ field: 'orders_count', op: 'gte', value: 'lots' }] });
  });

  it("finds the condition a server error's JSON pointer names, through groups and not", () => {
    const root = fromRule({
      all: [
        { field: 'orders_count', op: 'gte', value: 2 },
        { any: [{ not: { field: 'total_spent', op: 'gt', value: 'x' } }] },
      ],
    });
    const { pointers } = toRule(root, FIELDS);
    const group = root.children[1];
    const negated = group.kind === 'group' ? group.children[0] : null;
    expect(nodeAt(pointers, '/all/1/any/0/not/value')).toBe(negated?.id);
    expect(nodeAt(pointers, '/all/0/op')).toBe(root.children[0].id);
    expect(nodeAt(pointers, '/all/1/any')).toBe(group.id);
    expect(nodeAt(pointers, '/')).toBe(root.id);
  });
});

describe('an unfinished rule', () => {
  it('waits for every value before counting, but not for exists', () => {
    expect(incomplete(fromRule({ all: [{ field: 'orders_count', op: 'gte', value: 2 }] }))).toBe(false);
    expect(incomplete(fromRule({ all: [{ field: 'orders_count', op: 'eq', value: '' }] }))).toBe(true);
    expect(incomplete(fromRule({ all: [{ field: 'avg_interval_days', op: 'exists' }] }))).toBe(false);
    expect(incomplete(fromRule({ any: [{ all: [{ field: 'orders_count', op: 'between', value: [1, ''] }] }] }))).toBe(
      true,
    );
  });
});

describe('a rule in words', () => {
  it('says each condition and brackets a group inside a group', () => {
    expect(
      describeRule(
        i18n,
        {
          any: [
            { field: 'total_spent', op: 'gt', value: 2 },
            {
              all: [
                { field: 'avg_interval_days', op: 'exists', value: false },
                { field: 'orders_count', op: 'gte', value: 180 },
              ],
            },
          ],
        },
        types,
      ),
    ).toBe(
      'any of: Total spent (minor units) is more than 2; (all of: Average days between orders is missing; Orders is at least 180)',
    );
    expect(describeRule(i18n, { field: 'bought_category', op: 'contains', value: 'coffee', days: 60 }, types)).toBe(
      'Bought category includes coffee in the last 60 days',
    );
    expect(describeRule(i18n, { not: { field: 'orders_count', op: 'between', value: [1, 3] } }, types)).toBe(
      'not (Orders is from 1 to 3)',
    );
    expect(describeRule(i18n, { all: [] }, types)).toBe('every customer');
  });
});
