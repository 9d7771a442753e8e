/**
 * The small Markdown a newsletter body is written in (the console's editor): `#`/`##`/`###`
 * headings, paragraphs, `-`/`*` and `1.` lists, `**bold**`, `*italic*`, `[text](url)` links. Raw
 * HTML is escaped, never passed through: the body is typed by staff and read by every customer,
 * and a stray `<` must not break (or inject into) the email. Liquid (`{{ ... }}`, `{% ... %}`) is
 * left exactly as written, so the body can then be rendered as Liquid for each customer, with the
 * engine's own escaping of the values. `_` is not emphasis: `customer.first_name` stays a name.
 */

const LIQUID = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const HOLE = /\u0000(\d+)\u0000/g;
const SAFE_URL = /^(https?:\/\/[^\s"'<>]+|mailto:[^\s"'<>]+)$/i;

/** Liquid spans out of the way (into numbered holes) while the Markdown is converted. */
function protect(source: string): { text: string; restore: (s: string) => string } {
  const spans: string[] = [];
  const text = source.replace(/\u0000/g, '').replace(LIQUID, (span) => `\u0000${spans.push(span) - 1}\u0000`);
  return { text, restore: (s) => s.replace(HOLE, (_m, i: string) => spans[Number(i)] ?? '') };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link's target: an http(s) or mailto address, or one Liquid output (`{{ shop.url }}`); else not a link. */
function linkTarget(url: string): string | null {
  const trimmed = url.trim();
  if (/^\u0000\d+\u0000$/.test(trimmed) || SAFE_URL.test(trimmed)) return trimmed.replace(/"/g, '%22');
  return null;
}

function inlineHtml(text: string): string {
  return escapeHtml(text)
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (whole, label: string, url: string) => {
      const target = linkTarget(url);
      return target === null ? whole : `<a href="${target}" style="color:#2f5d50;">${label}</a>`;
    })
    .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\*([^*\n]+)\*/g, '<em>$1</em>');
}

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'paragraph'; lines: string[] };

function blocks(text: string): Block[] {
  const out: Block[] = [];
  let current: Block | null = null;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (line.trim() === '') {
      current = null;
    } else if (heading) {
      out.push({ kind: 'heading', level: heading[1]!.length, text: heading[2]! });
      current = null;
    } else if (bullet || numbered) {
      const ordered = numbered !== null && bullet === null;
      const item = (bullet ?? numbered)![1]!;
      if (current?.kind === 'list' && current.ordered === ordered) current.items.push(item);
      else out.push((current = { kind: 'list', ordered, items: [item] }));
    } else if (current?.kind === 'paragraph') {
      current.lines.push(line);
    } else {
      out.push((current = { kind: 'paragraph', lines: [line] }));
    }
  }
  return out;
}

const HEADING_STYLE: Record<number, string> = {
  1: 'font-size:22px; margin:24px 0 8px 0;',
  2: 'font-size:18px; margin:24px 0 8px 0;',
  3: 'font-size:16px; margin:16px 0 8px 0;',
};

/** The body as email HTML (inline styles, as mail clients drop style sheets). */
export function markdownToHtml(source: string): string {
  const { text, restore } = protect(source);
  const html = blocks(text).map((block) => {
    if (block.kind === 'heading')
      return `<h${block.level + 1} style="${HEADING_STYLE[block.level]}">${inlineHtml(block.text)}</h${block.level + 1}>`;
    if (block.kind === 'list') {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag} style="margin:0 0 16px 0; padding-left:24px;">${block.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('')}</${tag}>`;
    }
    return `<p>${block.lines.map(inlineHtml).join('<br>\n')}</p>`;
  });
  return restore(html.join('\n'));
}

/** The body as the plain-text part: links as "text: url", emphasis marks dropped, lists kept. */
export function markdownToText(source: string): string {
  return blocks(source.replace(/\u0000/g, ''))
    .map((block) => {
      const inline = (s: string) =>
        s
          .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, '$1: $2')
          .replace(/\*\*([^*\n]+)\*\*/g, '$1')
          .replace(/\*([^*\n]+)\*/g, '$1');
      if (block.kind === 'heading') return inline(block.text);
      if (block.kind === 'list')
        return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${inline(item)}`).join('\n');
      return block.lines.map(inline).join('\n');
    })
    .join('\n\n');
}
