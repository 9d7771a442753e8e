import { execFile } from 'node:child_process';

/** One message's SpamAssassin verdict: its score and every rule it hit, whatever the threshold. */
export interface SpamScore {
  readonly score: number;
  /** Rule names, e.g. ['HTML_MESSAGE', 'SUBJ_ALL_CAPS']; empty when none hit. */
  readonly rules: readonly string[];
}

/** The scores of one run, in the order the messages were given, or why there are none. */
export type SpamScores =
  | { readonly available: true; readonly scores: readonly SpamScore[] }
  | { readonly available: false; readonly reason: string };

export interface SpamAssassinOptions {
  /** The spamassassin binary: a path, or a name looked up on PATH. */
  readonly binary: string;
  /** How long one run may take; past it the run is killed and the scores are unavailable. */
  readonly timeoutMs?: number;
}

/** Loading the rule set takes one to two seconds of CPU; a loaded machine can take several times that. */
export const DEFAULT_SPAMASSASSIN_TIMEOUT_MS = 60_000;

/** Separates the messages of one run (an mbox): SpamAssassin copies it to its output. */
const MBOX_FROM_LINE = 'From regulars-spam-check@localhost Thu Jan  1 00:00:00 2026';

/**
 * Local tests only (-L), Bayes off so a score does not drift with what the machine learnt, and
 * report_safe 0 so a message over SpamAssassin's own threshold keeps its headers instead of being
 * wrapped in a report: the score and rules are read the same way at any score.
 */
const ARGS = ['-t', '-L', '--mbox', '--cf=use_bayes 0', '--cf=bayes_auto_learn 0', '--cf=report_safe 0'] as const;

function messageIdOf(message: string): string | null {
  return /^Message-ID:\s*(<[^>]+>)/im.exec(message)?.[1] ?? null;
}

/** The score and rules of the X-Spam-Status header ("X-Spam-Status: No, score=0.3 required=5.0 tests=A,B autolearn=..."). */
export function parseSpamStatus(output: string): SpamScore {
  const status = /^X-Spam-Status: (?:Yes|No), score=(-?[\d.]+) required=-?[\d.]+ tests=([\s\S]*?)\s+autolearn/m.exec(
    output,
  );
  if (!status) throw new Error(`no X-Spam-Status header in SpamAssassin's output:\n${output.slice(0, 2000)}`);
  const tests = status[2]!.replace(/\s+/g, '');
  return { score: Number(status[1]), rules: tests === '' || tests === 'none' ? [] : tests.split(',') };
}

/**
 * Scores raw messages (as buildRawEmail builds them, each with its own Message-ID) in one
 * SpamAssassin run (--mbox): loading the rule set costs about a second of CPU per run, scoring one
 * more message a fraction of that. A missing binary, one that fails without output, or a run past
 * the timeout answers `available: false` with the reason; output that cannot be read is an error.
 */
export async function scoreWithSpamAssassin(
  raws: readonly Buffer[],
  options: SpamAssassinOptions,
): Promise<SpamScores> {
  if (raws.length === 0) return { available: true, scores: [] };
  const ids = raws.map((raw) => {
    const id = messageIdOf(raw.toString('utf8'));
    if (id === null) throw new Error('a message to score has no Message-ID');
    return id;
  });
  if (new Set(ids).size !== ids.length)
    throw new Error('the messages of one SpamAssassin run need distinct Message-IDs');
  // mboxrd: a body line starting with "From " (or ">From ") gets one more ">", or it would start a message.
  const mbox = raws
    .map((raw) => `${MBOX_FROM_LINE}\n${raw.toString('utf8').replace(/^(>*From )/gm, '>$1')}\n`)
    .join('');
  const timeoutMs = options.timeoutMs ?? DEFAULT_SPAMASSASSIN_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = execFile(
      options.binary,
      [...ARGS],
      { maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        if (code === 'ENOENT' || code === 'EACCES') {
          resolve({
            available: false,
            reason: `${options.binary} was not found or cannot be run (install SpamAssassin: apt-get install -y spamassassin, or set REGULARS_SPAMASSASSIN)`,
          });
          return;
        }
        if (error && (error as { killed?: boolean }).killed) {
          resolve({ available: false, reason: `${options.binary} did not answer within ${timeoutMs / 1000} s` });
          return;
        }
        if (error && stdout === '') {
          // A broken installation: enabling goes on unscored, and the reason shows what to repair.
          const detail = stderr.trim().split('\n')[0] || error.message;
          resolve({ available: false, reason: `${options.binary} failed: ${detail.slice(0, 300)}` });
          return;
        }
        try {
          const byId = new Map<string, string>();
          for (const part of stdout.split(`${MBOX_FROM_LINE}\n`)) {
            const id = part.trim() === '' ? null : messageIdOf(part);
            if (id !== null) byId.set(id, part);
          }
          resolve({
            available: true,
            scores: ids.map((id) => {
              const output = byId.get(id);
              if (output === undefined)
                throw new Error(`SpamAssassin gave no output for ${id}:\n${stdout.slice(0, 2000)}`);
              return parseSpamStatus(output);
            }),
          });
        } catch (parseError) {
          reject(parseError as Error);
        }
      },
    );
    // A binary that is missing closes stdin at once: its EPIPE is answered by the callback above.
    child.stdin?.on('error', () => {});
    child.stdin?.end(mbox);
  });
}
