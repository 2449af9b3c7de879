// What the retouch command (Node) and its headless page (src/automation/main.ts) say to each other.
import type { BackendPreference } from '../platform/backend-probe';
import type { Look } from '../pipeline/look';
import type { ResultFacts } from '../pipeline/result-facts';
import type { PieceStatistics } from '../quality/batch-consistency';
import type { ImageQuality } from '../quality/summary';
import type { ResultExtras, WorkerStatus } from '../workers/protocol';

/** URL prefix the command intercepts: the page reads inputs from it and posts finished files to it. */
export const automationRoute = '/__lustre-cli';

/** File kinds the page posts back: `${automationRoute}/file/<index>/<kind>` (contact sheets: `${automationRoute}/sheet/<n>`). */
export type AutomationFileKind = 'output' | 'cutout' | 'mask';

export interface AutomationStartOptions {
  preference: BackendPreference;
  /** Workers in the pool; default from the machine (as in the app). */
  poolSize?: number;
}

export interface AutomationStart {
  poolSize: number;
  hardwareConcurrency: number;
  isCrossOriginIsolated: boolean;
  userAgent: string;
}

export interface AutomationJob {
  /** Position in the command's input list; inputs are read from `${automationRoute}/source/<index>`. */
  index: number;
  name: string;
  look: Look;
  extras: ResultExtras;
}

/** Measuring one written result: its files are read back from `${automationRoute}/written/<index>/<kind>`. */
export interface AutomationMeasureJob {
  index: number;
  name: string;
  look: Look;
  /** A ground-truth mask can be read from `${automationRoute}/truth/<index>`. */
  hasTruth: boolean;
}

export interface AutomationMeasurement {
  quality: ImageQuality;
  /** The piece in the photo (under the predicted mask) and in the finished picture. */
  input: PieceStatistics;
  output: PieceStatistics;
  /** Milliseconds spent measuring (not part of the pipeline's time). */
  measureMs: number;
}

export type AutomationJobResult =
  | (ResultFacts & {
      isOk: true;
      /** Wall time from reading the file to the result, ms (includes waiting for a worker). */
      wallMs: number;
      status: WorkerStatus;
      /** Bytes posted for each file kind. */
      files: Partial<Record<AutomationFileKind, number>>;
    })
  | { isOk: false; code: string; message: string; wallMs: number };

/** The page's API, on `window.lustreAutomation`. */
export interface AutomationApi {
  start(options: AutomationStartOptions): Promise<AutomationStart>;
  process(job: AutomationJob): Promise<AutomationJobResult>;
  /** Measures a written result (after the batch, so measuring never slows the pipeline's timings). */
  measure(job: AutomationMeasureJob): Promise<AutomationMeasurement>;
  /** Draws the measured rows (input | mask | output) in input order; posts `sheet` JPEGs of up to `rowsPerSheet` rows. */
  writeContactSheets(rowsPerSheet: number): Promise<number>;
}

declare global {
  interface Window {
    lustreAutomation?: AutomationApi;
  }
}
