// Runs in: Node. Builds report.json from an engine run (timings, backend, memory, quality, consistency) and prints its tables.
import { cpus, totalmem } from 'node:os';
import type { AutomationMeasurement } from '../automation/protocol';
import type { WorkerStatus } from '../workers/protocol';
import { readSortedMedian, sortAscending } from '../core/statistics';
import { scoreBatchMatch } from '../pipeline/batch-match';
import type { Look } from '../pipeline/look';
import { listFailedExportChecks, type ExportCheck, type PackshotCheck, type PieceMeasures, type UpscaleFact } from '../pipeline/result-facts';
import type { Backend, DecodeInfo, MetalType } from '../pipeline/stage';
import { measureBatchConsistency, summarizeQuality, type BatchConsistency, type ImageQuality, type QualitySummary } from '../quality';
import type { EngineRun } from './engine';
import type { SkippedInput } from './inputs';

type SessionTiming = NonNullable<WorkerStatus['sessionTiming']>;

export interface Spread {
  medianMs: number;
  p90Ms: number;
}

export interface ReportImage {
  source: string;
  name: string;
  status: 'done' | 'failed';
  error?: { code: string; message: string };
  /** Files written, relative to the output folder. */
  files: Record<string, string>;
  widthPx?: number;
  heightPx?: number;
  backend?: Backend;
  decodeInfo?: DecodeInfo;
  /** The piece's metal, as classified. */
  metal?: MetalType;
  /** Reasons to look at this photo first (not a clean packshot); empty when none. */
  checks?: PackshotCheck[];
  /** How a piece the framing enlarged a lot was enlarged (by the upscaler, or by interpolation and why). */
  upscale?: UpscaleFact;
  /** The finished file checked against the look and the marketplaces' file limit. */
  exportChecks?: ExportCheck[];
  /** The finished piece measured (highlights, median L*, the metal's cast, fill). */
  piece?: PieceMeasures;
  /** How well it matches the batch and the look, as the app scores it: 0..100, and the measures past their bar. */
  match?: { score: number; unlikeBecause: string[] };
  /** Each stage's time, ms. */
  stageMs?: Record<string, number>;
  /** Sum of the stage times, ms: the pipeline's own time for this photo. */
  totalMs?: number;
  /** From handing the photo over to its result, ms (includes queueing behind other photos and measuring). */
  wallMs: number;
  quality?: ImageQuality;
  pieces?: Pick<AutomationMeasurement, 'input' | 'output'>;
  measurementError?: string;
}

export interface RetouchReport {
  tool: 'lustre retouch';
  createdAt: string;
  machine: { cpuModel: string; cores: number; memoryBytes: number; platform: string; node: string; browser: string; userAgent: string };
  look: Look;
  engine: {
    requestedBackend: Backend;
    backend?: Backend;
    reason?: string;
    modelFile?: string;
    /** WASM threads per worker (0 on WebGPU). */
    threads?: number;
    poolSize: number;
    isCrossOriginIsolated: boolean;
    /** Creating the model session in the first worker, ms. */
    sessionMs?: number;
    /** Where that time went. */
    sessionTiming?: SessionTiming;
  };
  counts: { photos: number; done: number; failed: number; skipped: number; toCheck: number };
  skipped: SkippedInput[];
  timing: {
    stages: Record<string, Spread>;
    total: Spread | null;
    startupMs: number;
    processingMs: number;
    /** Finished photos per minute over `processingMs`, with the worker pool (session creation included). */
    imagesPerMinute: number;
    peakMemoryBytes: number | null;
  };
  quality?: {
    summary: QualitySummary;
    /** Spread across the batch of the pieces in the photos and in the finished pictures. */
    consistency: { input: BatchConsistency; output: BatchConsistency };
    /**
     * The cast of the pieces classified as white metal, input and output; neutral is 0 (yellow +): the metal's
     * b* (median of the piece's less saturated half, see `PieceStatistics.metalB`) and the whole piece's mean b*.
     */
    whiteMetalCast: { name: string; inputMetalB: number; outputMetalB: number; inputMeanB: number; outputMeanB: number }[];
    contactSheets: string[];
  };
  images: ReportImage[];
}

/** Median and 90th percentile (nearest rank) of a non-empty list. */
export function computeSpread(values: readonly number[]): Spread {
  const sorted = sortAscending(values);
  return { medianMs: readSortedMedian(sorted), p90Ms: sorted[Math.max(0, Math.ceil(0.9 * sorted.length) - 1)] };
}

export function buildReport(run: EngineRun, context: { look: Look; requestedBackend: Backend; skipped: SkippedInput[]; isMeasured: boolean; createdAt?: Date }): RetouchReport {
  const images: ReportImage[] = run.outcomes.map(({ photo, result, files, measurement, measurementError }) => {
    const base = { source: photo.path, name: photo.outputStem, files: files as Record<string, string>, wallMs: Math.round(result.wallMs) };
    if (!result.isOk) return { ...base, status: 'failed', error: { code: result.code, message: result.message } };
    const stageMs = Object.fromEntries(result.timings.map((t) => [t.stageId, Math.round(t.durationMs)]));
    return {
      ...base,
      status: 'done',
      widthPx: result.widthPx,
      heightPx: result.heightPx,
      backend: result.backend,
      decodeInfo: result.decodeInfo,
      metal: result.metal,
      checks: result.checks ?? [],
      ...(result.upscale ? { upscale: result.upscale } : {}),
      ...(result.exportChecks ? { exportChecks: result.exportChecks } : {}),
      ...(result.piece ? { piece: result.piece } : {}),
      stageMs,
      totalMs: Math.round(result.timings.reduce((sum, t) => sum + t.durationMs, 0)),
      ...(measurement ? { quality: measurement.quality, pieces: { input: measurement.input, output: measurement.output } } : {}),
      ...(measurementError ? { measurementError } : {}),
    };
  });
  const done = images.filter((image) => image.status === 'done');
  const matches = scoreBatchMatch(done.flatMap((image) => (image.piece ? [{ id: image, piece: image.piece, metal: image.metal, look: context.look }] : [])));
  for (const [image, match] of matches) {
    image.match = { score: match.score, unlikeBecause: match.differences.filter((difference) => difference.isOff).map((difference) => difference.message) };
  }
  const stageIds = [...new Set(done.flatMap((image) => Object.keys(image.stageMs ?? {})))];
  const stages = Object.fromEntries(stageIds.map((id) => [id, computeSpread(done.flatMap((image) => image.stageMs?.[id] ?? []))]));
  const measured = done.filter((image) => image.quality && image.pieces);
  const cpu = cpus();
  return {
    tool: 'lustre retouch',
    createdAt: (context.createdAt ?? new Date()).toISOString(),
    machine: {
      cpuModel: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      memoryBytes: totalmem(),
      platform: `${process.platform} ${process.arch}`,
      node: process.version,
      browser: run.browserVersion,
      userAgent: run.start.userAgent,
    },
    look: context.look,
    engine: {
      requestedBackend: context.requestedBackend,
      backend: run.status?.backend,
      reason: run.status?.reason,
      modelFile: run.status?.modelFile,
      threads: run.status?.threads,
      poolSize: run.start.poolSize,
      isCrossOriginIsolated: run.start.isCrossOriginIsolated,
      sessionMs: run.status?.sessionMs,
      sessionTiming: run.status?.sessionTiming,
    },
    counts: {
      photos: images.length,
      done: done.length,
      failed: images.length - done.length,
      skipped: context.skipped.length,
      toCheck: done.filter(needsCheck).length,
    },
    skipped: context.skipped,
    timing: {
      stages,
      total: done.length ? computeSpread(done.map((image) => image.totalMs!)) : null,
      startupMs: Math.round(run.startupMs),
      processingMs: Math.round(run.processingMs),
      imagesPerMinute: run.processingMs > 0 ? (done.length * 60_000) / run.processingMs : 0,
      peakMemoryBytes: run.peakMemoryBytes,
    },
    ...(context.isMeasured
      ? {
          quality: {
            summary: summarizeQuality(measured.map((image) => image.quality!)),
            consistency: {
              input: measureBatchConsistency(measured.map((image) => image.pieces!.input)),
              output: measureBatchConsistency(measured.map((image) => image.pieces!.output)),
            },
            whiteMetalCast: measured
              .filter((image) => image.metal === 'white')
              .map(({ name, pieces }) => ({
                name,
                inputMetalB: pieces!.input.metalB,
                outputMetalB: pieces!.output.metalB,
                inputMeanB: pieces!.input.meanB,
                outputMeanB: pieces!.output.meanB,
              })),
            contactSheets: run.contactSheets,
          },
        }
      : {}),
    images,
  };
}

function formatRow(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
}

function formatTable(header: readonly string[], rows: readonly string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  return [formatRow(header, widths), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((row) => formatRow(row, widths))];
}

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')}`;
const fixed = (value: number | undefined, digits: number) => (value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits));

function formatSessionTiming(timing: SessionTiming | undefined): string {
  if (!timing) return '';
  return ` (runtime ${ms(timing.runtimeMs)}, download ${ms(timing.downloadMs)}, sha256 ${ms(timing.verifyMs)}, create ${ms(timing.createMs)})`;
}

/** A finished photo to look at first, as the app lists it: a packshot check, or a failed export check. */
function needsCheck(image: ReportImage): boolean {
  return (image.checks ?? []).length > 0 || listFailedExportChecks(image.exportChecks).length > 0;
}

/** How many finished pictures pass every export check, and which fail which (none before these checks existed). */
function formatExportChecks(report: RetouchReport): string[] {
  const checked = report.images.filter((image) => image.exportChecks);
  if (checked.length === 0) return [];
  const failing = checked.filter((image) => listFailedExportChecks(image.exportChecks).length > 0);
  const list = failing.map((image) => `${image.name} (${listFailedExportChecks(image.exportChecks).map((check) => check.id).join(', ')})`).join('; ');
  return [`export checks (size, background, fill, file size): ${checked.length - failing.length} of ${checked.length} pass${list ? `; not ready: ${list}` : ''}`];
}

/** How many finished pictures look like the batch, as the app scores them, and which do not, worst first. */
function formatBatchMatch(report: RetouchReport): string[] {
  const scored = report.images.filter((image) => image.match);
  if (scored.length === 0) return [];
  const unlike = scored.filter((image) => image.match!.unlikeBecause.length > 0).sort((a, b) => a.match!.score - b.match!.score);
  const list = unlike.map((image) => `${image.name} (${image.match!.score}: ${image.match!.unlikeBecause.join(' ')})`).join('; ');
  return [`like the batch (highlights, white-metal cast, fill): ${scored.length - unlike.length} of ${scored.length}${list ? `; unlike: ${list}` : ''}`];
}

/** The timing table: per-stage median and p90, per-photo total, throughput, session, memory, backend. */
export function formatTimingTable(report: RetouchReport): string[] {
  const rows = Object.entries(report.timing.stages).map(([id, spread]) => [id, ms(spread.medianMs), ms(spread.p90Ms)]);
  if (report.timing.total) rows.push(['total per photo', ms(report.timing.total.medianMs), ms(report.timing.total.p90Ms)]);
  const memory = report.timing.peakMemoryBytes === null ? 'not measured' : `${Math.round(report.timing.peakMemoryBytes / 2 ** 20).toLocaleString('en-US')} MiB`;
  const { engine } = report;
  return [
    ...formatTable(['stage (ms)', 'median', 'p90'], rows),
    '',
    `photos: ${report.counts.done} done (${report.counts.toCheck} to check), ${report.counts.failed} failed, ${report.counts.skipped} skipped`,
    ...formatExportChecks(report),
    ...formatBatchMatch(report),
    `throughput: ${report.timing.imagesPerMinute.toFixed(1)} photos/min with ${engine.poolSize} worker(s) (${(report.timing.processingMs / 1000).toFixed(1)} s)`,
    `model session: ${engine.sessionMs === undefined ? '—' : `${ms(engine.sessionMs)} ms`}${formatSessionTiming(engine.sessionTiming)}; browser start: ${ms(report.timing.startupMs)} ms`,
    `peak memory (browser processes): ${memory}`,
    `backend: ${engine.backend ?? engine.requestedBackend}${engine.threads ? `, ${engine.threads} threads` : ''}${engine.isCrossOriginIsolated ? '' : ' (not cross-origin isolated)'} — ${engine.reason ?? ''}`,
  ];
}

/** The quality table: each figure's median, mean, min and max over the photos that have it, and the batch consistency. */
export function formatQualityTable(report: RetouchReport): string[] {
  if (!report.quality) return [];
  const { summary, consistency } = report.quality;
  const digits: Partial<Record<string, number>> = { maskIoU: 4, boundaryFMeasure: 4, backgroundPurity: 5, backgroundPurityBeyondEdgeBand: 5 };
  const rows = Object.entries(summary.figures).flatMap(([figure, s]) => {
    if (!s) return [];
    const d = digits[figure] ?? 2;
    return [[figure, String(s.count), fixed(s.median, d), fixed(s.mean, d), fixed(s.min, d), fixed(s.max, d)]];
  });
  const consistencyRows = (['medianLStd', 'p95LStd', 'meanAStd', 'meanBStd', 'castChromaStd', 'fillPctStd'] as const).map((key) => [
    key,
    fixed(consistency.input[key] ?? undefined, 2),
    fixed(consistency.output[key] ?? undefined, 2),
  ]);
  const cast = report.quality.whiteMetalCast;
  const worstCast = cast.reduce((worst, c) => Math.max(worst, Math.abs(c.outputMetalB)), 0);
  const castWithin2 = cast.filter((c) => Math.abs(c.outputMetalB) <= 2).length;
  return [
    ...formatTable(['quality figure', 'photos', 'median', 'mean', 'min', 'max'], rows),
    '',
    ...formatTable(['batch spread (std)', 'input', 'output'], consistencyRows),
    ...(cast.length ? ['', `white-metal pieces: ${cast.length}, metal b* within ±2 of neutral: ${castWithin2}, largest |metal b*| ${worstCast.toFixed(2)}`] : []),
    ...(report.counts.toCheck ? ['', `to check: ${report.images.filter(needsCheck).map((i) => `${i.name} (${[...(i.checks ?? []).map((c) => c.code), ...listFailedExportChecks(i.exportChecks).map((c) => `not ready: ${c.id}`)].join(', ')})`).join('; ')}`] : []),
  ];
}
