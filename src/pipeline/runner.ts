// The runner: walks the ordered stages for one photo, checks cancellation, times each stage.
import { hashString, stableStringify } from './hash';
import type { Look } from './look';
import type { AnyStage, PipelineState, StageContext } from './stage';

export interface StageTiming {
  stageId: string;
  durationMs: number;
}

export interface StageProgress {
  stageId: string;
  /** Stages finished so far. */
  done: number;
  total: number;
}

export type StageOptionsById = Partial<Record<string, object>>;

export interface RunOptions {
  /** Per-stage option overrides, merged over each stage's defaults. */
  options?: StageOptionsById;
  /** Called when a stage starts. */
  onstage?: (progress: StageProgress) => void;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export interface RunResult {
  state: PipelineState;
  timings: StageTiming[];
}

export async function runPipeline(
  stages: readonly AnyStage[],
  initial: PipelineState,
  ctx: StageContext,
  run: RunOptions = {},
): Promise<RunResult> {
  const now = run.now ?? (() => performance.now());
  const timings: StageTiming[] = [];
  let state = initial;
  for (const [index, stage] of stages.entries()) {
    ctx.signal.throwIfAborted();
    run.onstage?.({ stageId: stage.id, done: index, total: stages.length });
    const options = { ...stage.defaults, ...(run.options?.[stage.id] ?? {}) };
    const started = now();
    state = await stage.run(state, options, ctx);
    timings.push({ stageId: stage.id, durationMs: now() - started });
  }
  return { state, timings };
}

/**
 * Cache key of a result: the id, version and options of every stage that changes pixels, plus the look (its name
 * aside: renaming changes no pixel). Stages that only measure (`changesPixels: false`) are left out.
 */
export function computePipelineKey(stages: readonly AnyStage[], look: Look, options: StageOptionsById = {}): string {
  const { name: _name, ...recipe } = look;
  const parts = stages.filter((stage) => stage.changesPixels !== false).map((stage) => ({
    id: stage.id,
    version: stage.version,
    options: { ...stage.defaults, ...(options[stage.id] ?? {}) },
  }));
  return hashString(stableStringify({ parts, look: recipe }));
}
