// The runner: stage order, option merging, per-stage timings, cancellation, and cache keys.
import { describe, expect, it } from 'vitest';
import { createImage } from '../core/image';
import { whiteCatalogLook } from './look';
import { computePipelineKey, runPipeline } from './runner';
import { defineStage, type StageContext } from './stage';

function fakeContext(signal = new AbortController().signal): StageContext {
  return {
    signal,
    look: whiteCatalogLook,
    infer: async () => new Float32Array(0),
    decode: async () => ({ image: createImage(2, 2), info: { originalWidth: 2, originalHeight: 2, wasDownscaled: false } }),
    encode: async () => new Blob(['x']),
    progress: () => undefined,
  };
}

const trace: string[] = [];
const first = defineStage({
  id: 'first',
  version: 1,
  label: 'First',
  defaults: { amount: 1, keep: 'a' },
  async run(state, options) {
    trace.push(`first:${options.amount}:${options.keep}`);
    return { ...state, image: createImage(1, 1) };
  },
});
const second = defineStage({
  id: 'second',
  version: 3,
  label: 'Second',
  defaults: {},
  async run(state) {
    trace.push(`second:${state.image?.width}`);
    return state;
  },
});

describe('runPipeline', () => {
  it('runs stages in order with merged options and reports each', async () => {
    trace.length = 0;
    const starts: string[] = [];
    let clock = 0;
    const { timings } = await runPipeline([first, second], { source: new Blob() }, fakeContext(), {
      options: { first: { amount: 5 } },
      onstage: (p) => starts.push(`${p.stageId} ${p.done}/${p.total}`),
      now: () => (clock += 10),
    });
    expect(trace).toEqual(['first:5:a', 'second:1']);
    expect(starts).toEqual(['first 0/2', 'second 1/2']);
    expect(timings).toEqual([
      { stageId: 'first', durationMs: 10 },
      { stageId: 'second', durationMs: 10 },
    ]);
  });

  it('stops before the next stage once aborted', async () => {
    const controller = new AbortController();
    const aborting = defineStage({ id: 'abort', version: 1, label: 'Abort', defaults: {}, async run(state) { controller.abort(new DOMException('Cancelled', 'AbortError')); return state; } });
    trace.length = 0;
    await expect(runPipeline([aborting, second], { source: new Blob() }, fakeContext(controller.signal))).rejects.toThrow('Cancelled');
    expect(trace).toEqual([]);
  });
});

describe('computePipelineKey', () => {
  it('changes with a stage version, an option or the look, and not otherwise', () => {
    const base = computePipelineKey([first, second], whiteCatalogLook);
    expect(computePipelineKey([first, second], whiteCatalogLook)).toBe(base);
    expect(computePipelineKey([first, { ...second, version: 4 }], whiteCatalogLook)).not.toBe(base);
    expect(computePipelineKey([first, second], whiteCatalogLook, { first: { amount: 2 } })).not.toBe(base);
    expect(computePipelineKey([first, second], { ...whiteCatalogLook, framing: { ...whiteCatalogLook.framing, fill: 0.9 } })).not.toBe(base);
  });
});
