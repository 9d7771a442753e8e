/**
 * A progress bar for long work, drawn on stderr only when it is a terminal (never in CI logs or
 * pipes), redrawn at most ten times a second.
 */
export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const SILENT: Progress = { update() {}, finish() {} };

export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return SILENT;
  const started = performance.now();
  let lastDraw = 0;
  let drawn = false;
  const draw = (done: number, total: number) => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(share * width);
    const seconds = (performance.now() - started) / 1000;
    const eta = share > 0 ? (seconds / share) * (1 - share) : 0;
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${seconds.toFixed(1)}s${share < 1 ? ` eta ${eta.toFixed(0)}s` : ''}   `,
    );
    drawn = true;
  };
  return {
    update(done, total) {
      const now = performance.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      draw(done, total);
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}

/** Files above this size get a progress bar while they are read. */
export const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;
