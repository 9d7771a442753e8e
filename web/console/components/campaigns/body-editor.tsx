import { useRef } from 'preact/hooks';
import type { I18n } from '../../i18n/i18n.ts';

interface Tool {
  readonly label: 'heading' | 'bold' | 'italic' | 'list' | 'link' | 'firstName';
  /** Text around the selection (or in place of an empty one). */
  readonly before: string;
  readonly after: string;
  readonly empty: string;
}

const TOOLS: readonly Tool[] = [
  { label: 'heading', before: '\n## ', after: '\n', empty: 'Heading' },
  { label: 'bold', before: '**', after: '**', empty: 'bold' },
  { label: 'italic', before: '*', after: '*', empty: 'italic' },
  { label: 'list', before: '\n- ', after: '', empty: 'item' },
  { label: 'link', before: '[', after: '](https://)', empty: 'link text' },
  { label: 'firstName', before: "{{ customer.first_name | default: 'there' }}", after: '', empty: '' },
];

/**
 * The body's editor: a plain textarea (Markdown with Liquid) and a toolbar that wraps the
 * selection. No editor library: the console's first load stays small, and a textarea is
 * keyboard- and screen-reader-friendly as it is.
 */
export function BodyEditor({
  i18n,
  value,
  onInput,
  disabled,
}: {
  i18n: I18n;
  value: string;
  onInput: (value: string) => void;
  disabled: boolean;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const apply = (tool: Tool) => {
    const el = area.current;
    if (!el) return;
    const { selectionStart: start, selectionEnd: end } = el;
    const selected = value.slice(start, end) || tool.empty;
    const next = value.slice(0, start) + tool.before + selected + tool.after + value.slice(end);
    onInput(next);
    requestAnimationFrame(() => {
      el.focus();
      const from = start + tool.before.length;
      el.setSelectionRange(from, from + selected.length);
    });
  };
  return (
    <div class="body-editor">
      <label for="campaign-body">{i18n.t('compose.body')}</label>
      <div class="toolbar" role="toolbar" aria-label={i18n.t('compose.toolbar')} aria-controls="campaign-body">
        {TOOLS.map((tool) => (
          <button key={tool.label} type="button" disabled={disabled} onClick={() => apply(tool)}>
            {i18n.t(`compose.tool.${tool.label}`)}
          </button>
        ))}
      </div>
      <textarea
        id="campaign-body"
        name="body"
        ref={area}
        rows={14}
        value={value}
        disabled={disabled}
        aria-describedby="campaign-body-help"
        onInput={(e) => onInput((e.target as HTMLTextAreaElement).value)}
      />
      <p id="campaign-body-help" class="help">
        {i18n.t('compose.bodyHelp')}
      </p>
    </div>
  );
}
