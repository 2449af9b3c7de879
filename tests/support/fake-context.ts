// A fake StageContext for stage tests: a real AbortSignal and a look; model, decode and encode ports refuse.
import { whiteCatalogLook, type Look } from '../../src/pipeline/look';
import type { StageContext } from '../../src/pipeline/stage';

export interface FakeStageContext extends StageContext {
  /** Every fraction passed to `progress`, in order. */
  progressReports: number[];
}

export function createFakeStageContext(overrides: Partial<StageContext> & { look?: Look } = {}): FakeStageContext {
  const progressReports: number[] = [];
  return {
    signal: new AbortController().signal,
    look: whiteCatalogLook,
    infer: () => Promise.reject(new Error('fake context: infer is not available')),
    decode: () => Promise.reject(new Error('fake context: decode is not available')),
    encode: () => Promise.reject(new Error('fake context: encode is not available')),
    progress: (fraction) => progressReports.push(fraction),
    ...overrides,
    progressReports,
  };
}
