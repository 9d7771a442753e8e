import { existsSync } from 'node:fs';
import { readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Context, Liquid } from 'liquidjs';
import { RegularsError } from '../../platform/errors.js';
import { findBuiltFolder } from '../../platform/built-folder.js';
import { formatMoney } from '../../platform/money-filter.js';
import { markdownToHtml, markdownToText } from './markdown.js';

/**
 * Message templates in Liquid (the language Shopify store owners know), kept as files so they can be
 * versioned beside the flows ("retention as code"). A templates folder holds one folder per
 * template (docs/messaging.md "Templates"):
 *
 *   templates/
 *     _layout.html.liquid   shared HTML frame: header, {% block %}{% endblock %}, footer with the unsubscribe link
 *     _layout.text.liquid   the same for the text part
 *     order-confirmation/
 *       subject.liquid      one line
 *       body.html.liquid    `{% layout '_layout.html.liquid' %}` then the content
 *       body.text.liquid    the plain-text part (required: filters distrust HTML-only mail)
 *       sms.liquid          the SMS the webhook channel sends (optional; required by an SMS flow):
 *                           `{% layout '_layout.sms.liquid' %}` then one short paragraph
 *       sample.json         data the template renders with in `templates render` and the lint
 *
 * Safety: Liquid has no way to run JavaScript; layouts and partials resolve inside the templates
 * folder only (liquidjs checks the real path, so symlinks and ../ cannot leave it); only a value's
 * own properties are readable (no `constructor` or prototype); HTML output is escaped unless a
 * template writes `| raw`; parse size, render time and memory are limited so a template cannot hang
 * the sender.
 */
export interface MessageTemplate {
  readonly name: string;
  /** The templates folder (layouts and partials resolve in it); null for a template made in memory. */
  readonly dir: string | null;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** The SMS part (sms.liquid), or null/absent when it has none: the webhook channel never sends the email's text. */
  readonly sms?: string | null;
  /** The template's sample.json, or null when it has none. */
  readonly sample: Readonly<Record<string, unknown>> | null;
}

export interface RenderedMessage {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export interface RenderOptions {
  /** Unknown variables are errors (the default); false renders them as empty, as Shopify does. */
  readonly strict?: boolean;
}

export const TEMPLATE_FILES = {
  subject: 'subject.liquid',
  html: 'body.html.liquid',
  text: 'body.text.liquid',
  sms: 'sms.liquid',
  sample: 'sample.json',
} as const;
const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The built-in templates: `dist/templates/`, which the build assembles from the folders beside the
 * flows that send them (src/features/flows/<flow>/templates/) and the shared layout
 * (src/features/messaging/templates/). A store copies it with `regulars templates copy DIR`.
 */
export function builtInTemplatesDir(): string {
  const dir = findBuiltFolder(path.dirname(fileURLToPath(import.meta.url)), 'templates', '_layout.html.liquid');
  if (dir === null) throw new Error('the built-in templates (dist/templates/) are missing: run npm run build');
  return dir;
}

const engines = new Map<string, Liquid>();

function engine(dir: string | null, part: 'html' | 'plain', strict: boolean): Liquid {
  const key = `${dir ?? ''}\u0000${part}\u0000${strict}`;
  let liquid = engines.get(key);
  if (liquid === undefined) {
    const roots = dir === null ? [] : [path.resolve(dir)];
    liquid = new Liquid({
      root: roots,
      partials: roots,
      layouts: roots,
      extname: '.liquid',
      // `./x` and `../x` would resolve against the including file; names resolve in the folder only.
      relativeReference: false,
      strictVariables: strict,
      strictFilters: true,
      // `{% if coupon %}` may test an optional variable even in strict mode.
      lenientIf: true,
      ownPropertyOnly: true,
      outputEscape: part === 'html' ? 'escape' : undefined,
      cache: true,
      parseLimit: 1_000_000,
      renderLimit: 2_000,
      memoryLimit: 50_000_000,
    });
    liquid.registerFilter('money', (value: unknown, currency: unknown) => formatMoney(value, currency));
    // A campaign's body is Markdown with Liquid in it, written in the console (markdown.ts):
    // `{{ campaign.body | markdown | liquid | raw }}` converts it, then renders its Liquid for the
    // customer in the same scope and engine, so the values are escaped as the template's own are.
    liquid.registerFilter('markdown', (value: unknown) => markdownToHtml(String(value ?? '')));
    liquid.registerFilter('markdown_text', (value: unknown) => markdownToText(String(value ?? '')));
    liquid.registerFilter('liquid', function (this: { context: Context; liquid: Liquid }, value: unknown) {
      const source = String(value ?? '');
      return this.liquid.renderSync(parseCached(this.liquid, source, 'campaign.body'), this.context);
    });
    engines.set(key, liquid);
  }
  return liquid;
}

/**
 * Parsed templates by engine, file and source: a campaign renders the same template thousands of
 * times, and parsing is most of a render's cost. Keyed by the source itself, so an edited file is
 * parsed again; bounded, oldest dropped first.
 */
const parsedCache = new Map<string, ReturnType<Liquid['parse']>>();
const PARSED_CACHE_SIZE = 500;

function parseCached(liquid: Liquid, source: string, file: string): ReturnType<Liquid['parse']> {
  let engineId = engineIds.get(liquid);
  if (engineId === undefined) engineIds.set(liquid, (engineId = engineIds.size));
  const key = `${engineId}\u0000${file}\u0000${source}`;
  let parsed = parsedCache.get(key);
  if (parsed === undefined) {
    parsed = liquid.parse(source, file);
    if (parsedCache.size >= PARSED_CACHE_SIZE) parsedCache.delete(parsedCache.keys().next().value!);
    parsedCache.set(key, parsed);
  }
  return parsed;
}
const engineIds = new Map<Liquid, number>();

interface LiquidErrorShape {
  readonly name?: string;
  readonly message: string;
  readonly token?: { getPosition?: () => [number, number]; file?: string };
  readonly originalError?: LiquidErrorShape;
}

function position(error: LiquidErrorShape): { line: number | null; column: number | null; file: string | null } {
  const [line, column] = error.token?.getPosition?.() ?? [null, null];
  return { line, column, file: error.token?.file ?? null };
}

function templateError(
  template: MessageTemplate,
  part: string,
  error: unknown,
  phase: 'parse' | 'render',
): RegularsError {
  const liquidError = error as LiquidErrorShape;
  const where = position(liquidError);
  const file = where.file ?? `${template.name}/${part}`;
  const shortFile = where.file === null ? file : path.relative(template.dir ?? '', where.file) || where.file;
  const reason = (liquidError.originalError?.message ?? liquidError.message).split(', line:')[0];
  const details = { template: template.name, file: shortFile, line: where.line, column: where.column };
  if (phase === 'parse') {
    return new RegularsError(
      'TEMPLATE_SYNTAX_ERROR',
      `${shortFile}${where.line === null ? '' : ` line ${where.line}`}: ${reason}`,
      details,
    );
  }
  const variable = /undefined variable: (.+)$/.exec(reason ?? '')?.[1];
  const message = `${shortFile}${where.line === null ? '' : ` line ${where.line}`}: ${variable === undefined ? reason : `unknown variable ${variable} (add it to the data, or test it with {% if %})`}`;
  return new RegularsError(
    'TEMPLATE_RENDER_FAILED',
    message,
    variable === undefined ? details : { ...details, variable },
  );
}

function renderPart(
  template: MessageTemplate,
  part: keyof RenderedMessage | 'sms',
  data: Readonly<Record<string, unknown>>,
  strict: boolean,
): string {
  const liquid = engine(template.dir, part === 'html' ? 'html' : 'plain', strict);
  const fileName = TEMPLATE_FILES[part];
  const file =
    template.dir === null
      ? `${template.name}/${fileName}`
      : path.join(path.resolve(template.dir), template.name, fileName);
  let parsed;
  try {
    parsed = parseCached(liquid, template[part] ?? '', file);
  } catch (error) {
    throw templateError(template, fileName, error, 'parse');
  }
  try {
    // Synchronously: nothing a template does waits (its layouts and partials are read once, then
    // cached), and the asynchronous render makes a promise of every tag: the newsletter took
    // 0.27 ms of CPU that way against 0.18 ms.
    return String(liquid.renderSync(parsed, data));
  } catch (error) {
    // A layout with a syntax error surfaces while rendering.
    const phase =
      (error as LiquidErrorShape).name === 'ParseError' || (error as LiquidErrorShape).name === 'TokenizationError'
        ? 'parse'
        : 'render';
    throw templateError(template, fileName, error, phase);
  }
}

/**
 * Renders a template's three parts with the data. The subject becomes one line; the text part
 * loses the blank-line runs that Liquid tags leave behind.
 */
export async function renderMessage(
  template: MessageTemplate,
  data: Readonly<Record<string, unknown>>,
  options: RenderOptions = {},
): Promise<RenderedMessage> {
  const strict = options.strict ?? true;
  const subject = renderPart(template, 'subject', data, strict);
  const html = renderPart(template, 'html', data, strict);
  const text = renderPart(template, 'text', data, strict);
  return {
    subject: subject.replace(/\s+/g, ' ').trim(),
    html: html.trim() + '\n',
    text:
      text
        .replace(/[ \t]+$/gm, '')
        .replace(/\n{3,}/g, '\n\n')
        .trim() + '\n',
  };
}

/**
 * Renders a template's SMS part: the text the webhook channel sends, with its lines' trailing
 * spaces and blank lines removed (every character counts in an SMS). A template without one is
 * TEMPLATE_NOT_FOUND: the email's text part (its footer says "this email") is never sent instead.
 */
export async function renderSms(
  template: MessageTemplate,
  data: Readonly<Record<string, unknown>>,
  options: RenderOptions = {},
): Promise<string> {
  if (template.sms == null)
    throw new RegularsError(
      'TEMPLATE_NOT_FOUND',
      `template ${template.name} has no ${TEMPLATE_FILES.sms}: the webhook (SMS) channel sends that part, never the email's text`,
      { name: template.name, dir: template.dir, file: TEMPLATE_FILES.sms },
    );
  const sms = renderPart(template, 'sms', data, options.strict ?? true);
  return sms
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/**
 * A template file's text, or null when it does not exist. Its real path must lie inside the
 * templates folder, as liquidjs requires of layouts and partials: a file that is a symlink to
 * /etc/passwd (or whose folder is) would otherwise be rendered into a message.
 */
async function readInside(root: string, dir: string, name: string, fileName: string): Promise<string | null> {
  let real: string;
  try {
    real = await realpath(path.join(dir, name, fileName));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!real.startsWith(root + path.sep)) {
    throw new RegularsError(
      'TEMPLATE_OUTSIDE_FOLDER',
      `${name}/${fileName} is a link to a file outside the templates folder ${dir}; template files are read inside it only`,
      { template: name, file: `${name}/${fileName}`, dir },
    );
  }
  return readFile(real, 'utf8');
}

/** Loads one template folder; TEMPLATE_NOT_FOUND when the name is not a template of dir. */
export async function loadTemplate(dir: string, name: string): Promise<MessageTemplate> {
  const notFound = () => new RegularsError('TEMPLATE_NOT_FOUND', `no template ${name} in ${dir}`, { name, dir });
  // The name becomes a path: letters, digits and dashes only, so it cannot leave the folder.
  if (!NAME.test(name)) throw notFound();
  let root: string;
  try {
    root = await realpath(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound();
    throw error;
  }
  const [subject, html, text, sms, sample] = await Promise.all(
    [TEMPLATE_FILES.subject, TEMPLATE_FILES.html, TEMPLATE_FILES.text, TEMPLATE_FILES.sms, TEMPLATE_FILES.sample].map(
      (file) => readInside(root, dir, name, file),
    ),
  );
  if (subject == null || html == null) throw notFound();
  let parsedSample: Record<string, unknown> | null = null;
  if (sample != null) {
    try {
      parsedSample = JSON.parse(sample) as Record<string, unknown>;
    } catch (error) {
      throw new RegularsError(
        'TEMPLATE_SYNTAX_ERROR',
        `${name}/${TEMPLATE_FILES.sample}: ${(error as Error).message}`,
        { template: name, file: `${name}/${TEMPLATE_FILES.sample}` },
      );
    }
  }
  // A missing text part is loaded as empty so the lint can report it (MISSING_TEXT_PART) instead of a load error.
  return { name, dir, subject, html, text: text ?? '', sms, sample: parsedSample };
}

/** The names of the templates in dir (folders with a subject and an HTML body), sorted; folders starting with _ are shared parts. */
export async function listTemplateNames(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new RegularsError('TEMPLATE_NOT_FOUND', `no templates folder ${dir}`, { dir });
    throw error;
  }
  const names = entries.filter(
    (entry) =>
      entry.isDirectory() && NAME.test(entry.name) && existsSync(path.join(dir, entry.name, TEMPLATE_FILES.subject)),
  );
  return names.map((entry) => entry.name).sort();
}

export async function loadTemplates(dir: string): Promise<MessageTemplate[]> {
  return Promise.all((await listTemplateNames(dir)).map((name) => loadTemplate(dir, name)));
}

/**
 * Loads each template of a folder once, for a channel that renders many messages. A failed load is
 * not kept: the folder may be fixed before the message is retried.
 */
export function templateCache(dir: string): (name: string) => Promise<MessageTemplate> {
  const templates = new Map<string, Promise<MessageTemplate>>();
  return (name) => {
    let loaded = templates.get(name);
    if (loaded === undefined) {
      loaded = loadTemplate(dir, name);
      loaded.catch(() => templates.delete(name));
      templates.set(name, loaded);
    }
    return loaded;
  };
}
