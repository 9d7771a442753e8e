import { imageCount, links, urlHost, visibleText } from './html-text.js';
import { hasOptOutLine, smsSize, SMS_OPT_OUT_WORDS } from './sms-segment.js';
import { unguardedOutputs } from './template-variable-lint.js';

/**
 * The content lint a template must pass before it can be enabled, modelled on SpamAssassin's rules
 * (the names in `spamAssassin` are the rules each one follows: see docs/messaging.md). Blocking
 * findings stop activation: they are what filters punish hardest or what the law requires (an
 * unsubscribe link). Warnings are shown: they cost a little each and add up.
 *
 * Pure: the input is a rendered message; the output is a list of findings, never an exception.
 */
export type LintSeverity = 'blocking' | 'warning';
export type LintPart = 'subject' | 'html' | 'text' | 'sms';

export interface LintFinding {
  readonly rule: LintRuleId;
  readonly severity: LintSeverity;
  readonly message: string;
  readonly where: LintPart;
  /** The offending words or link, when there is one to show. */
  readonly excerpt?: string;
}

export interface LintInput {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** The message's own unsubscribe URL: when given, the body must link exactly to it. */
  readonly unsubscribeUrl?: string | null;
  /** The rendered SMS part (sms.liquid), null or absent when the template has none. */
  readonly sms?: string | null;
  /** The message goes to the webhook (SMS) channel: an SMS part is required. */
  readonly smsRequired?: boolean;
}

export const LINT_RULES = [
  {
    id: 'SUBJECT_MISSING',
    severity: 'blocking',
    description: 'The subject is empty.',
    spamAssassin: 'MISSING_SUBJECT, EMPTY_SUBJECT',
  },
  {
    id: 'SUBJECT_ALL_CAPS',
    severity: 'blocking',
    description:
      'The subject is all capitals (subjects under 10 characters or of one word are ignored, as SpamAssassin does).',
    spamAssassin: 'SUBJ_ALL_CAPS',
  },
  {
    id: 'SUBJECT_SHOUTING',
    severity: 'warning',
    description: 'The subject has a shouted word (4 or more capitals).',
    spamAssassin: 'SUBJ_ALL_CAPS, UPPERCASE_50_75',
  },
  {
    id: 'BODY_SHOUTING',
    severity: 'warning',
    description: 'The text has 3 or more shouted words making up over 5% of its words.',
    spamAssassin: 'UPPERCASE_50_75, UPPERCASE_75_100',
  },
  {
    id: 'HYPE_WORDS',
    severity: 'warning',
    description: 'Hype phrases spam filters score ("act now", "100% free", "risk-free", "click here"...).',
    spamAssassin: 'FREE_QUOTE_INSTANT, LOTS_OF_MONEY, ADVANCE_FEE_*, UNCLAIMED_MONEY',
  },
  {
    id: 'EXCESSIVE_PUNCTUATION',
    severity: 'warning',
    description: 'Repeated ! or ?, or both in the subject.',
    spamAssassin: 'PLING_QUERY, SUBJ_EXCESS_QMARK, FREEMAIL_PLING',
  },
  {
    id: 'MONEY_SYMBOLS',
    severity: 'warning',
    description: 'Runs of currency symbols ($$$), or more than one in the subject.',
    spamAssassin: 'DOLLARS_IN_SUBJ(-like), LOTS_OF_MONEY',
  },
  {
    id: 'MISSING_TEXT_PART',
    severity: 'blocking',
    description: 'The HTML has no plain-text part beside it.',
    spamAssassin: 'MIME_HTML_ONLY',
  },
  {
    id: 'MISSING_HTML_PART',
    severity: 'blocking',
    description: 'The HTML part is empty.',
    spamAssassin: 'EMPTY_MESSAGE',
  },
  {
    id: 'IMAGE_ONLY',
    severity: 'blocking',
    description: 'The HTML is images with under 200 characters of text.',
    spamAssassin: 'HTML_IMAGE_ONLY_04 ... HTML_IMAGE_ONLY_32',
  },
  {
    id: 'NO_UNSUBSCRIBE_LINK',
    severity: 'blocking',
    description: "A part has no unsubscribe link (the message's own unsubscribe URL, when known).",
    spamAssassin: '(CAN-SPAM, RFC 8058; Gmail and Yahoo bulk-sender rules)',
  },
  {
    id: 'LINK_DOMAIN_MISMATCH',
    severity: 'blocking',
    description: "A link's text names another domain than the one it goes to.",
    spamAssassin: 'HTTPS_HTTP_MISMATCH, URI_PHISH-like',
  },
  {
    id: 'MISSING_SMS_PART',
    severity: 'blocking',
    description:
      "A flow on the webhook (SMS) channel uses a template without sms.liquid: the email's text, footer and all, is no SMS.",
    spamAssassin: '(none: carrier filtering; one message per SMS)',
  },
  {
    id: 'SMS_TOO_LONG',
    severity: 'blocking',
    description:
      'The SMS part is longer than one message: 160 GSM-7 characters (€ [ ] { } \\ ^ ~ | count twice), or 70 when it has any other character (UCS-2).',
    spamAssassin: '(none: 3GPP TS 23.038 segments; a split SMS is billed per part)',
  },
  {
    id: 'SMS_NO_OPT_OUT',
    severity: 'blocking',
    description: `The SMS part does not say how to opt out ("Reply STOP to opt out"; one of ${SMS_OPT_OUT_WORDS.join(', ')}).`,
    spamAssassin: '(none: CTIA messaging principles, TCPA; carriers filter marketing SMS without it)',
  },
  {
    id: 'VARIABLE_WITHOUT_DEFAULT',
    severity: 'blocking',
    description:
      "A variable a customer may lack (customer.first_name...) is printed without `| default: '...'` or an `{% if %}` around it.",
    spamAssassin: '(none: "Hi ," reads as a mail merge gone wrong, to people and to filters alike)',
  },
] as const satisfies readonly { id: string; severity: LintSeverity; description: string; spamAssassin: string }[];

export type LintRuleId = (typeof LINT_RULES)[number]['id'];

const SEVERITY = Object.fromEntries(LINT_RULES.map((rule) => [rule.id, rule.severity])) as Record<
  LintRuleId,
  LintSeverity
>;

function finding(rule: LintRuleId, where: LintPart, message: string, excerpt?: string): LintFinding {
  return excerpt === undefined
    ? { rule, severity: SEVERITY[rule], message, where }
    : { rule, severity: SEVERITY[rule], message, where, excerpt };
}

/** Phrases SpamAssassin's body and subject rules score, in lower case; matched as whole words. */
export const HYPE_PHRASES = [
  'act now',
  'act fast',
  'limited time only',
  'once in a lifetime',
  '100% free',
  '100% satisfied',
  'risk-free',
  'risk free',
  'no obligation',
  'no strings attached',
  'guaranteed',
  'click here',
  'click below',
  'buy now',
  'order now',
  "don't miss out",
  'urgent',
  'winner',
  'you have been selected',
  'congratulations you',
  'cash bonus',
  'double your',
  'earn money',
  'make money',
  'extra cash',
  'lowest price',
  'best price',
  'unbelievable',
  'incredible deal',
  'amazing deal',
  'miracle',
  'free gift',
  'free money',
  'while supplies last',
  'this is not spam',
] as const;

const LETTERS = /\p{L}/u;
const LOWER = /\p{Ll}/u;

function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}'-]+/u).filter((word) => word !== '');
}

/** A word of 4+ letters in capitals; words with digits are codes (WELCOME-BACK-7KQ2, SKU-12), not shouting. */
function isShouted(word: string): boolean {
  if (/\p{N}/u.test(word)) return false;
  const letters = [...word].filter((c) => LETTERS.test(c));
  return letters.length >= 4 && !letters.some((c) => LOWER.test(c));
}

function lintSubject(subject: string): LintFinding[] {
  const found: LintFinding[] = [];
  const trimmed = subject.trim();
  if (trimmed === '') return [finding('SUBJECT_MISSING', 'subject', 'the subject is empty')];
  const subjectWords = words(trimmed);
  const hasLetters = LETTERS.test(trimmed);
  if (trimmed.length >= 10 && subjectWords.length >= 2 && hasLetters && !LOWER.test(trimmed)) {
    found.push(finding('SUBJECT_ALL_CAPS', 'subject', 'the subject is all capitals: write it as a sentence', trimmed));
  } else {
    const shouted = subjectWords.filter(isShouted);
    if (shouted.length > 0)
      found.push(
        finding(
          'SUBJECT_SHOUTING',
          'subject',
          `shouted word${shouted.length > 1 ? 's' : ''} in the subject`,
          shouted.join(', '),
        ),
      );
  }
  const exclamations = (trimmed.match(/!/g) ?? []).length;
  if (/[!?]{2,}/.test(trimmed) || (trimmed.includes('!') && trimmed.includes('?')) || exclamations > 1) {
    found.push(finding('EXCESSIVE_PUNCTUATION', 'subject', 'the subject repeats ! or ?, or mixes them', trimmed));
  }
  if (/[$€£¥]{2,}/u.test(trimmed) || (trimmed.match(/[$€£¥]/gu) ?? []).length > 1) {
    found.push(finding('MONEY_SYMBOLS', 'subject', 'more than one currency symbol in the subject', trimmed));
  }
  return found;
}

/** Each phrase as a whole-word pattern, compiled once. */
const HYPE_PATTERNS = HYPE_PHRASES.map((phrase) => ({
  phrase,
  pattern: new RegExp(`(^|[^\\p{L}\\p{N}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[^\\p{L}\\p{N}])`, 'u'),
}));

function hypeIn(text: string): string[] {
  const lower = text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
  return HYPE_PATTERNS.filter(({ pattern }) => pattern.test(lower)).map(({ phrase }) => phrase);
}

function lintProse(text: string, where: LintPart): LintFinding[] {
  const found: LintFinding[] = [];
  const hype = hypeIn(text);
  if (hype.length > 0)
    found.push(
      finding('HYPE_WORDS', where, `hype phrase${hype.length > 1 ? 's' : ''} spam filters score`, hype.join(', ')),
    );
  if (where === 'subject') return found;
  const all = words(text);
  const shouted = all.filter(isShouted);
  if (shouted.length >= 3 && shouted.length / Math.max(1, all.length) > 0.05) {
    found.push(finding('BODY_SHOUTING', where, `${shouted.length} shouted words`, shouted.slice(0, 5).join(', ')));
  }
  const runs = text.match(/[!?]{3,}|!{2,}/g);
  if (runs) found.push(finding('EXCESSIVE_PUNCTUATION', where, 'repeated ! or ?', runs.slice(0, 3).join(' ')));
  const money = text.match(/[$€£¥]{2,}/gu);
  if (money) found.push(finding('MONEY_SYMBOLS', where, 'runs of currency symbols', money.slice(0, 3).join(' ')));
  return found;
}

function mentionsUnsubscribe(text: string): boolean {
  return /unsubscribe|\/u\//i.test(text);
}

function lintUnsubscribe(input: LintInput, htmlLinks: readonly { href: string; text: string }[]): LintFinding[] {
  const found: LintFinding[] = [];
  const url = input.unsubscribeUrl ?? null;
  const htmlHas =
    url !== null
      ? htmlLinks.some((link) => link.href === url)
      : htmlLinks.some((link) => mentionsUnsubscribe(link.href) || /unsubscribe/i.test(link.text));
  if (input.html.trim() !== '' && !htmlHas) {
    found.push(
      finding(
        'NO_UNSUBSCRIBE_LINK',
        'html',
        url !== null ? `no link to the unsubscribe URL ${url}` : 'no unsubscribe link',
      ),
    );
  }
  const textHas = url !== null ? input.text.includes(url) : mentionsUnsubscribe(input.text);
  if (input.text.trim() !== '' && !textHas) {
    found.push(
      finding(
        'NO_UNSUBSCRIBE_LINK',
        'text',
        url !== null
          ? `the text part does not show the unsubscribe URL ${url}`
          : 'no unsubscribe link in the text part',
      ),
    );
  }
  return found;
}

/** A domain named in link text: "shop.example", "www.shop.example/x", "https://shop.example". */
const NAMED_DOMAIN = /(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})(?=$|[/\s:?#),.])/i;

function sameSite(a: string, b: string): boolean {
  const strip = (host: string) => host.replace(/^www\./, '');
  const x = strip(a);
  const y = strip(b);
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

function lintLinks(htmlLinks: readonly { href: string; text: string }[]): LintFinding[] {
  const found: LintFinding[] = [];
  for (const link of htmlLinks) {
    const hrefHost = urlHost(link.href);
    const named = NAMED_DOMAIN.exec(link.text)?.[1]?.toLowerCase();
    if (hrefHost === null || named === undefined) continue;
    // Words like "e.g" or a filename are not hosts: require a known-looking top-level part of 2+ letters (matched) and a dot.
    if (!sameSite(hrefHost, named)) {
      found.push(
        finding(
          'LINK_DOMAIN_MISMATCH',
          'html',
          `the link text names ${named} but the link goes to ${hrefHost}`,
          `${link.text} -> ${link.href}`,
        ),
      );
    }
  }
  return found;
}

export function lintMessage(input: LintInput): LintFinding[] {
  const found: LintFinding[] = [...lintSubject(input.subject), ...lintProse(input.subject, 'subject')];
  const html = input.html;
  const htmlText = visibleText(html);
  const htmlLinks = links(html);
  if (html.trim() === '') found.push(finding('MISSING_HTML_PART', 'html', 'the HTML part is empty'));
  if (input.text.trim() === '')
    found.push(finding('MISSING_TEXT_PART', 'text', 'there is no plain-text part: write one beside the HTML'));
  const images = imageCount(html);
  if (images > 0 && htmlText.length < 200) {
    found.push(
      finding(
        'IMAGE_ONLY',
        'html',
        `${images} image${images > 1 ? 's' : ''} with only ${htmlText.length} characters of text: add the words as text`,
      ),
    );
  }
  if (html.trim() !== '') found.push(...lintProse(htmlText, 'html'));
  if (input.text.trim() !== '') found.push(...lintProse(input.text, 'text'));
  found.push(...lintUnsubscribe(input, htmlLinks), ...lintLinks(htmlLinks), ...lintSms(input));
  return found;
}

function lintSms(input: LintInput): LintFinding[] {
  const sms = input.sms ?? null;
  if (sms === null) {
    return input.smsRequired === true
      ? [
          finding(
            'MISSING_SMS_PART',
            'sms',
            "the flow sends by SMS and the template has no sms.liquid: write one (the email's text part is not sent instead)",
          ),
        ]
      : [];
  }
  const found = lintProse(sms, 'sms');
  const size = smsSize(sms);
  if (size.length > size.limit) {
    found.push(
      finding(
        'SMS_TOO_LONG',
        'sms',
        `${size.length} ${size.encoding === 'GSM-7' ? 'GSM-7 characters' : 'UCS-2 characters'}, over the ${size.limit} of one SMS${size.encoding === 'UCS-2' ? ` (UCS-2 because of ${size.nonGsm.join(' ')})` : ''}`,
        sms,
      ),
    );
  }
  if (!hasOptOutLine(sms))
    found.push(finding('SMS_NO_OPT_OUT', 'sms', 'no opt-out line such as "Reply STOP to opt out"', sms));
  return found;
}

export function hasBlocking(findings: readonly LintFinding[]): boolean {
  return findings.some((f) => f.severity === 'blocking');
}

/**
 * The lint of a template's Liquid source, before any data: each part's outputs of variables a
 * customer may lack need a fallback (template-variable-lint.ts).
 */
export function lintTemplateSource(parts: Readonly<Partial<Record<LintPart, string | null>>>): LintFinding[] {
  const found: LintFinding[] = [];
  for (const where of ['subject', 'html', 'text', 'sms'] as const) {
    const source = parts[where];
    if (source == null) continue;
    for (const output of unguardedOutputs(source)) {
      found.push(
        finding(
          'VARIABLE_WITHOUT_DEFAULT',
          where,
          `line ${output.line}: ${output.variable} is printed as it is, and many customers have none: write {{ ${output.variable} | default: '...' }} or test it with {% if ${output.variable} != blank %}`,
          output.output,
        ),
      );
    }
  }
  return found;
}
