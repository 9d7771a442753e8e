/**
 * Variables a customer's record may lack: an import rarely has a first name, so a template that
 * prints one as it is sends "Hi ," to most of a list. Every output of one needs a fallback:
 * `{{ customer.first_name | default: 'there' }}`, or a guard around it:
 * `{% if customer.first_name != blank %}, {{ customer.first_name }}{% endif %}`.
 * customer.email is always there (a message is only sent to an address).
 */
export function isOptionalVariable(path: string): boolean {
  return /^customer\./.test(path) && path !== 'customer.email';
}

/** An output of an optional variable without a default or a guard: where, and the output as written. */
export interface UnguardedOutput {
  readonly variable: string;
  /** The output tag, `{{ customer.first_name }}`. */
  readonly output: string;
  readonly line: number;
}

const TOKEN = /\{\{-?([\s\S]*?)-?\}\}|\{%-?\s*([a-z]+)([\s\S]*?)-?%\}/g;
const BLOCKS = new Set(['if', 'unless', 'for', 'case', 'capture', 'tablerow']);
const VARIABLE = /[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\s*(?:'[^']*'|"[^"]*"|\d+)\s*\])*/g;
const QUOTED = /'[^']*'|"[^"]*"/g;

/** The variable an output or assignment starts from (before its first filter), or null for a literal. */
function valueOf(expression: string): { variable: string | null; hasDefault: boolean } {
  const [value = '', ...filters] = expression.replace(QUOTED, (s) => s.replace(/\|/g, ' ')).split('|');
  const variable = /^\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*$/.exec(value)?.[1] ?? null;
  return { variable, hasDefault: filters.some((f) => /^\s*default\s*(:|$)/.test(f)) };
}

function variablesIn(condition: string): string[] {
  return condition.replace(QUOTED, ' ').match(VARIABLE) ?? [];
}

/**
 * The outputs of optional variables (isOptionalVariable, and names assigned from one without a
 * default) that neither have `| default:` nor sit in the branch of an `{% if %}` (or `elsif`)
 * whose condition names them. Pure: the source of one template part in, the findings out.
 */
export function unguardedOutputs(source: string): UnguardedOutput[] {
  const found: UnguardedOutput[] = [];
  const optional = new Set<string>();
  const frames: { tag: string; guards: Set<string> }[] = [];
  let skipUntil: string | null = null;
  const isOptional = (path: string) =>
    isOptionalVariable(path) || [...optional].some((name) => path === name || path.startsWith(`${name}.`));
  const guarded = (path: string) =>
    frames.some((frame) => [...frame.guards].some((g) => path === g || path.startsWith(`${g}.`)));
  for (const match of source.matchAll(TOKEN)) {
    const [whole, output, tag, args = ''] = match;
    if (skipUntil !== null) {
      if (tag === skipUntil) skipUntil = null;
      continue;
    }
    if (output !== undefined) {
      const { variable, hasDefault } = valueOf(output);
      if (variable !== null && isOptional(variable) && !hasDefault && !guarded(variable)) {
        const line = source.slice(0, match.index).split('\n').length;
        found.push({ variable, output: whole, line });
      }
      continue;
    }
    if (tag === 'raw' || tag === 'comment') skipUntil = `end${tag}`;
    else if (tag === 'assign') {
      const assignment = /^\s*([A-Za-z_][\w-]*)\s*=([\s\S]*)$/.exec(args);
      if (assignment !== null) {
        const { variable, hasDefault } = valueOf(assignment[2]);
        if (variable !== null && isOptional(variable) && !hasDefault && !guarded(variable)) optional.add(assignment[1]);
        else optional.delete(assignment[1]);
      }
    } else if (BLOCKS.has(tag)) frames.push({ tag, guards: new Set(tag === 'if' ? variablesIn(args) : []) });
    else if (tag === 'elsif' && frames.length > 0) frames[frames.length - 1].guards = new Set(variablesIn(args));
    else if ((tag === 'else' || tag === 'when') && frames.length > 0) frames[frames.length - 1].guards = new Set();
    else if (tag.startsWith('end') && BLOCKS.has(tag.slice(3))) frames.pop();
  }
  return found;
}
