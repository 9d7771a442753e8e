/**
 * Just enough HTML reading for the content lint: the visible text, the links and the images of a
 * rendered email. Emails are generated from our own templates, so a tolerant scanner is enough;
 * it never executes or fetches anything.
 */
export interface HtmlLink {
  readonly href: string;
  /** The link's visible text, tags removed, entities decoded, whitespace collapsed. */
  readonly text: string;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
  '#34': '"',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    return ENTITIES[lower] ?? whole;
  });
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text a reader sees: no head, style or script, no tags, entities decoded. */
export function visibleText(html: string): string {
  const body = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, ' ');
  return collapse(decodeEntities(body));
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  if (!match) return null;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '');
}

export function links(html: string): HtmlLink[] {
  const found: HtmlLink[] = [];
  for (const match of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi)) {
    const href = attribute(match[0].slice(0, match[0].indexOf('>') + 1), 'href');
    if (href !== null) found.push({ href: href.trim(), text: visibleText(match[2] ?? '') });
  }
  return found;
}

export function imageCount(html: string): number {
  return [...html.matchAll(/<img\b/gi)].length;
}

/** The host of an http(s) URL in lower case, or null. */
export function urlHost(url: string): string | null {
  const match = /^https?:\/\/([^/?#:\s]+)/i.exec(url.trim());
  return match ? match[1]!.toLowerCase().replace(/\.$/, '') : null;
}
