// Runs in: Node. The retouch command's progress: one updating line on a terminal, one line per photo elsewhere.
import { listFailedExportChecks } from '../pipeline/result-facts';
import type { PhotoOutcome } from './engine';

export interface ProgressView {
  total: number;
  done: number;
  failed: number;
  elapsedMs: number;
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** e.g. "[12/32] 38% · 1 failed · 5.8 photos/min · about 3m27s left". */
export function formatProgressLine(view: ProgressView): string {
  const finished = view.done + view.failed;
  const percent = view.total ? Math.floor((finished * 100) / view.total) : 100;
  const parts = [`[${finished}/${view.total}] ${percent}%`];
  if (view.failed) parts.push(`${view.failed} failed`);
  if (finished > 0 && view.elapsedMs > 0) {
    const perMs = finished / view.elapsedMs;
    parts.push(`${(perMs * 60_000).toFixed(1)} photos/min`);
    if (finished < view.total) parts.push(`about ${formatDuration((view.total - finished) / perMs)} left`);
  }
  return parts.join(' · ');
}

/** One line for a finished photo. */
export function formatOutcomeLine(outcome: PhotoOutcome): string {
  const { result, photo } = outcome;
  if (!result.isOk) return `✗ ${photo.path}: ${result.message}`;
  const totalMs = result.timings.reduce((sum, t) => sum + t.durationMs, 0);
  const checks = (result.checks ?? []).map((check) => check.code).join(', ');
  const failed = listFailedExportChecks(result.exportChecks).map((check) => check.id).join(', ');
  return `✓ ${photo.path} → ${outcome.files.output ?? '?'} (${(totalMs / 1000).toFixed(1)} s)${result.metal ? ` · ${result.metal}` : ''}${result.upscale?.by === 'model' ? ` · upscaled ${result.upscale.factor}×` : ''}${checks ? ` · check: ${checks}` : ''}${failed ? ` · not ready: ${failed}` : ''}`;
}

export class ProgressPrinter {
  readonly #stream: NodeJS.WriteStream;
  readonly #isLive: boolean;
  readonly #isVerbose: boolean;
  readonly #started = performance.now();
  readonly #view: ProgressView;

  constructor(total: number, stream: NodeJS.WriteStream, isVerbose: boolean) {
    this.#stream = stream;
    this.#isLive = !!stream.isTTY;
    this.#isVerbose = isVerbose || !this.#isLive;
    this.#view = { total, done: 0, failed: 0, elapsedMs: 0 };
  }

  /** Prints a message above the live line. */
  log = (line: string): void => {
    this.#clear();
    this.#stream.write(`${line}\n`);
    this.#draw();
  };

  add = (outcome: PhotoOutcome): void => {
    if (outcome.result.isOk) this.#view.done++;
    else this.#view.failed++;
    this.#view.elapsedMs = performance.now() - this.#started;
    // Failures are always printed; successes when verbose or not on a terminal.
    if (this.#isVerbose || !outcome.result.isOk) this.log(formatOutcomeLine(outcome));
    else this.#draw();
  };

  finish = (): void => {
    this.#clear();
  };

  #draw(): void {
    if (this.#isLive) this.#stream.write(`\r${formatProgressLine(this.#view)}\x1b[K`);
  }

  #clear(): void {
    if (this.#isLive) this.#stream.write('\r\x1b[K');
  }
}
