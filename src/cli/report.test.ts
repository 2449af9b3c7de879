import { describe, expect, it } from 'vitest';
import { whiteCatalogLook } from '../pipeline/look';
import type { AutomationJobResult } from '../automation/protocol';
import type { WorkerStatus } from '../workers/protocol';
import type { EngineRun, PhotoOutcome } from './engine';
import { buildReport, computeSpread, formatQualityTable, formatTimingTable } from './report';

const status: WorkerStatus = { backend: 'wasm', reason: 'WASM chosen in settings.', modelFile: 'isnet-fp32.onnx', threads: 2, isCrossOriginIsolated: true, sessionMs: 5000 };

function done(name: string, segmentMs: number, p95L: number, fillPct: number): PhotoOutcome {
  const result: AutomationJobResult = {
    isOk: true,
    wallMs: segmentMs + 1000,
    files: { output: 1 },
    pipelineKey: 'k',
    backend: 'wasm',
    timings: [
      { stageId: 'decode', durationMs: 100 },
      { stageId: 'segment', durationMs: segmentMs },
    ],
    decodeInfo: { originalWidth: 4000, originalHeight: 3000, wasDownscaled: false },
    widthPx: 2000,
    heightPx: 2000,
    status,
    metal: name === 'a' ? 'white' : 'yellow',
    checks: name === 'b' ? [{ code: 'touches-edge', message: 'runs off the edge' }] : [],
    exportChecks: [
      { id: 'size', pass: true, message: 'Size: 2000 × 2000 px, as the look asks.' },
      { id: 'fill', pass: name === 'a', message: 'Fill: …' },
    ],
    piece: { highlightL: 96, medianL: 60, metalB: name === 'a' ? 3 : 25, fillPct: 85 },
  };
  const pieces = { medianL: 60, p95L, meanA: 0, meanB: 2, metalB: 1, pixelCount: 100 };
  return {
    photo: { path: `/in/${name}.jpg`, outputStem: name },
    result,
    files: { output: `${name}.jpg` },
    measurement: { quality: { name, backgroundPurity: 1, fillPct: 85, fillErrorPoints: 0 }, input: { ...pieces, fillPct }, output: { ...pieces, p95L: 90, fillPct: 85 }, measureMs: 5 },
  };
}

function makeRun(): EngineRun {
  const failed: PhotoOutcome = { photo: { path: '/in/bad.jpg', outputStem: 'bad' }, result: { isOk: false, code: 'decode-failed', message: 'damaged', wallMs: 10 }, files: {} };
  return {
    start: { poolSize: 1, hardwareConcurrency: 2, isCrossOriginIsolated: true, userAgent: 'test' },
    browserVersion: '156',
    status,
    startupMs: 2000,
    processingMs: 60_000,
    peakMemoryBytes: 2 * 2 ** 30,
    outcomes: [done('a', 7000, 80, 40), failed, done('b', 9000, 90, 60)],
    contactSheets: ['contact-sheet.jpg'],
  };
}

describe('computeSpread', () => {
  it('takes the median and the nearest-rank 90th percentile', () => {
    expect(computeSpread([5, 1, 3])).toEqual({ medianMs: 3, p90Ms: 5 });
    expect(computeSpread([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ medianMs: 5.5, p90Ms: 9 });
  });
});

describe('buildReport', () => {
  const report = buildReport(makeRun(), { look: whiteCatalogLook, requestedBackend: 'wasm', skipped: [{ path: 'x.txt', reason: 'not a photo' }], isMeasured: true });

  it('counts photos, keeps failures with their reason, and summarises stage times over the finished ones', () => {
    expect(report.counts).toEqual({ photos: 3, done: 2, failed: 1, skipped: 1, toCheck: 1 });
    expect(report.images[1]).toMatchObject({ name: 'bad', status: 'failed', error: { code: 'decode-failed', message: 'damaged' } });
    expect(report.images[2].exportChecks?.map((check) => check.pass)).toEqual([true, false]);
    expect(report.timing.stages.segment).toEqual({ medianMs: 8000, p90Ms: 9000 });
    expect(report.timing.total).toEqual({ medianMs: 8100, p90Ms: 9100 });
    expect(report.timing.imagesPerMinute).toBe(2);
    expect(report.engine).toMatchObject({ backend: 'wasm', threads: 2, sessionMs: 5000, poolSize: 1 });
  });

  it('summarises quality and the spread of the inputs against the outputs', () => {
    expect(report.quality?.summary.figures.backgroundPurity).toMatchObject({ count: 2, median: 1 });
    expect(report.quality?.consistency.input).toMatchObject({ p95LStd: 5, fillPctStd: 10 });
    expect(report.quality?.consistency.output).toMatchObject({ p95LStd: 0, fillPctStd: 0 });
    expect(report.quality?.whiteMetalCast).toEqual([{ name: 'a', inputMetalB: 1, outputMetalB: 1, inputMeanB: 2, outputMeanB: 2 }]);
  });

  it('prints the tables people read', () => {
    const timing = formatTimingTable(report).join('\n');
    expect(timing).toContain('segment');
    expect(timing).toContain('2.0 photos/min with 1 worker(s)');
    expect(timing).toContain('peak memory (browser processes): 2,048 MiB');
    expect(timing).toContain('export checks (size, background, fill, file size): 1 of 2 pass; not ready: b (fill)');
    const quality = formatQualityTable(report).join('\n');
    expect(quality).toMatch(/p95LStd\s+5\.00\s+0\.00/);
    expect(quality).toContain('white-metal pieces: 1, metal b* within ±2 of neutral: 1, largest |metal b*| 1.00');
    expect(quality).toContain('to check: b (touches-edge, not ready: fill)');
    expect(timing).toContain('like the batch (highlights, white-metal cast, fill): 1 of 2; unlike: a (63: White metal looks yellowish: b* +3, more than 2 from neutral.)');
  });

  it('scores each finished picture against the batch and the look, as the app does', () => {
    expect(report.images[0].match).toEqual({ score: 63, unlikeBecause: ['White metal looks yellowish: b* +3, more than 2 from neutral.'] });
    expect(report.images[2].match).toEqual({ score: 100, unlikeBecause: [] });
    expect(report.images[1].match).toBeUndefined();
  });
});
