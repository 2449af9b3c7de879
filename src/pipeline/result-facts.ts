// What is known of one finished result, wherever it travels: from the worker, onto the stored image record.
import type { StageTiming } from './runner';
import type { Backend, DecodeInfo } from './stage';

export interface ResultFacts {
  /** Cache key of the stages, versions, options and look that made it (stale when it differs). */
  pipelineKey: string;
  backend: Backend;
  timings: StageTiming[];
  decodeInfo: DecodeInfo;
  widthPx: number;
  heightPx: number;
}
