// What is known of one finished result, wherever it travels: from the worker, onto the stored image record.
import type { StageTiming } from './runner';
import type { Backend, DecodeInfo, MetalType } from './stage';

/** Why a finished photo should be looked at first. */
export interface PackshotCheck {
  code: 'touches-edge' | 'several-objects' | 'unsure-mask' | 'left-out' | 'low-resolution';
  /** One sentence for the seller. */
  message: string;
}

/** One check of the finished file against its look, or against the marketplaces' file limit ('decoded': the file could not be decoded to check it). */
export interface ExportCheck {
  id: 'size' | 'background' | 'fill' | 'file-size' | 'decoded';
  pass: boolean;
  /** One sentence for the seller, with the measured figure. */
  message: string;
}

/** The export checks a finished file failed (none when it was made before these checks existed). */
export function listFailedExportChecks(checks: readonly ExportCheck[] | undefined): ExportCheck[] {
  return checks?.filter((check) => !check.pass) ?? [];
}

/**
 * The finished piece as a viewer sees it: CIELAB (D65) over its alpha on the decoded file, measured as the quality
 * report's batch-consistency bars measure it, so the app can say which photos are unlike the rest of the batch.
 */
export interface PieceMeasures {
  /** 95th-percentile L* of the piece, 0..100: its highlights, the metal's exposure. */
  highlightL: number;
  /** Median L* of the piece, 0..100 (a dark stone keeps it low: not compared, only reported). */
  medianL: number;
  /** The metal's cast: median b* of the piece's less saturated half (blue −, yellow +). */
  metalB: number;
  /** The piece's fill, percent of the frame, as the export check measures it (what is seen of it, or its alpha's box when nothing is); null when unmeasured. */
  fillPct: number | null;
}

/**
 * How a piece the framing enlarges a lot was enlarged: by the upscaler (`factor`× by the model, the rest by
 * interpolation), or by interpolation alone, with why (the model could not run, or the piece is too large for it).
 */
export type UpscaleFact = { by: 'model'; factor: number } | { by: 'interpolation'; reason: string };

export interface ResultFacts {
  /** Cache key of the stages, versions, options and look that made it (stale when it differs). */
  pipelineKey: string;
  backend: Backend;
  timings: StageTiming[];
  decodeInfo: DecodeInfo;
  widthPx: number;
  heightPx: number;
  /** The piece's metal, when classified. */
  metal?: MetalType;
  /** Reasons to look at this photo first; empty for a clean packshot (absent on results made before checks existed). */
  checks?: PackshotCheck[];
  /** The finished file checked against the look (size, background, fill) and the file limit (absent on results made before these checks). */
  exportChecks?: ExportCheck[];
  /** The finished piece measured (absent on results made before these measures). */
  piece?: PieceMeasures;
  /** Set when the framing enlarged the piece past the upscale stage's threshold. */
  upscale?: UpscaleFact;
}
