/**
 * The rule editor's model: a tree of groups and conditions with the values as typed (text), and
 * its translation to and from the segment rule JSON (docs/segments.md). The editor never checks
 * a value itself: whatever the person typed goes to the server, whose answer (SEGMENT_RULE_INVALID
 * with the JSON pointer) is shown at the part it names, so the editor and the API cannot disagree.
 */

export interface FieldInfo {
  readonly name: string;
  readonly type: 'number' | 'text' | 'set';
  readonly operators: readonly string[];
  readonly integer: boolean;
  readonly window: boolean;
  readonly values: readonly string[] | null;
  readonly description: string;
}

export type Rule = { all: Rule[] } | { any: Rule[] } | { not: Rule } | RuleCondition;
export interface RuleCondition {
  field: string;
  op: string;
  value?: unknown;
  days?: number;
}

export interface ConditionNode {
  readonly kind: 'condition';
  readonly id: number;
  readonly negate: boolean;
  readonly field: string;
  readonly op: string;
  /** As typed: a number, a text, a comma-separated list, 'true'/'false' for exists. */
  readonly value: string;
  /** The high end of `between`. */
  readonly high: string;
  /** The window in days ('' for none). */
  readonly days: string;
}

export interface GroupNode {
  readonly kind: 'group';
  readonly id: number;
  readonly negate: boolean;
  readonly combinator: 'all' | 'any';
  readonly children: readonly EditorNode[];
}

export type EditorNode = ConditionNode | GroupNode;

let nextId = 1;
export const newId = (): number => nextId++;

export function newCondition(field: FieldInfo): ConditionNode {
  return {
    kind: 'condition',
    id: newId(),
    negate: false,
    field: field.name,
    op: field.operators[0],
    value: field.values?.[0] ?? '',
    high: '',
    days: '',
  };
}

export function newGroup(children: EditorNode[] = [], combinator: 'all' | 'any' = 'all'): GroupNode {
  return { kind: 'group', id: newId(), negate: false, combinator, children };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A stored rule as an editor tree: the top is always a group, so conditions can be added beside it. */
export function fromRule(rule: Rule): GroupNode {
  const node = toNode(rule, false);
  return node.kind === 'group' && !node.negate ? node : newGroup([node]);
}

function toNode(rule: Rule, negate: boolean): EditorNode {
  if ('not' in rule) return toNode(rule.not, !negate);
  if ('all' in rule || 'any' in rule) {
    const combinator = 'all' in rule ? 'all' : 'any';
    const list = 'all' in rule ? rule.all : rule.any;
    return { kind: 'group', id: newId(), negate, combinator, children: list.map((r) => toNode(r, false)) };
  }
  const value = rule.value;
  const text = (v: unknown) => (v === undefined ? '' : String(v));
  return {
    kind: 'condition',
    id: newId(),
    negate,
    field: rule.field,
    op: rule.op,
    value:
      rule.op === 'exists'
        ? value === false
          ? 'false'
          : 'true'
        : Array.isArray(value)
          ? rule.op === 'between'
            ? text(value[0])
            : value.join(', ')
          : text(value),
    high: rule.op === 'between' && Array.isArray(value) ? text(value[1]) : '',
    days: rule.days === undefined ? '' : String(rule.days),
  };
}

/** A typed number as a number; anything else stays text, for the server to name as faulty. */
function numeric(text: string, field: FieldInfo | undefined): number | string {
  const trimmed = text.trim();
  if (field?.type !== 'number' || trimmed === '') return trimmed;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
}

/** Rule JSON pointer of every node (the server names faults by it), filled while building. */
export type Pointers = Map<number, string>;

/** The editor tree as a segment rule, and where each node landed in it. */
export function toRule(root: GroupNode, fields: readonly FieldInfo[]): { rule: Rule; pointers: Pointers } {
  const pointers: Pointers = new Map();
  const byName = new Map(fields.map((f) => [f.name, f]));
  const build = (node: EditorNode, path: string): Rule => {
    const inner = node.negate ? `${path}/not` : path;
    pointers.set(node.id, inner);
    let rule: Rule;
    if (node.kind === 'group') {
      rule =
        node.combinator === 'all'
          ? { all: node.children.map((c, i) => build(c, `${inner}/all/${i}`)) }
          : { any: node.children.map((c, i) => build(c, `${inner}/any/${i}`)) };
    } else {
      const field = byName.get(node.field);
      const condition: RuleCondition = { field: node.field, op: node.op };
      if (node.op === 'exists') condition.value = node.value !== 'false';
      else if (node.op === 'between') condition.value = [numeric(node.value, field), numeric(node.high, field)];
      else if (node.op === 'in')
        condition.value = node.value
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== '')
          .map((part) => numeric(part, field));
      else condition.value = numeric(node.value, field);
      if (field?.window && node.days.trim() !== '') {
        const days = Number(node.days.trim());
        condition.days = Number.isFinite(days) ? days : (node.days.trim() as unknown as number);
      }
      rule = condition;
    }
    return node.negate ? { not: rule } : rule;
  };
  return { rule: build(root, ''), pointers };
}

/** The node a server error's JSON pointer names: the deepest node whose pointer starts it. */
export function nodeAt(pointers: Pointers, path: string): number | null {
  let best: { id: number; length: number } | null = null;
  for (const [id, pointer] of pointers) {
    const at = pointer === '' ? '' : pointer;
    if ((path === at || path.startsWith(`${at}/`) || at === '') && (best === null || at.length > best.length))
      best = { id, length: at.length };
  }
  return best?.id ?? null;
}

/** Replaces the node `id` in the tree with `change(node)`, or removes it when change returns null. */
export function updateNode(root: GroupNode, id: number, change: (node: EditorNode) => EditorNode | null): GroupNode {
  const walk = (node: EditorNode): EditorNode | null => {
    if (node.id === id) return change(node);
    if (node.kind === 'condition') return node;
    const children = node.children.map(walk).filter((c): c is EditorNode => c !== null);
    return { ...node, children };
  };
  const result = walk(root);
  return result !== null && result.kind === 'group' ? result : newGroup();
}

export function isRule(value: unknown): value is Rule {
  return isRecord(value);
}

/** Whether a condition still waits for its value (the count would only say "needs a value"). */
export function incomplete(node: EditorNode): boolean {
  if (node.kind === 'group') return node.children.some(incomplete);
  if (node.op === 'exists') return false;
  return node.value.trim() === '' || (node.op === 'between' && node.high.trim() === '');
}
