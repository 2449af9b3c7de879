import { beforeAll, describe, expect, it } from 'vitest';
import { decodeJpeg, decodePng, encodeJpeg, encodePng } from '../../../../tests/support/codecs';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderRingScene } from '../../../../tests/support/images';
import type { Look } from '../../look';
import { findLookPreset } from '../../look-presets';
import type { PipelineState, StageContext } from '../../stage';
import { compose } from '../compose/stage';
import { frame } from '../frame/stage';
import { shadow } from '../shadow/stage';
import { computePipelineKey } from '../../runner';
import { pipelineStages } from '../index';
import { checkExport } from './stage';

/** Decodes the file as written (PNG or JPEG), like the worker's browser decoder. */
const decode: StageContext['decode'] = async (blob) => {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const image = blob.type === 'image/png' ? decodePng(bytes) : decodeJpeg(bytes);
  return { image, info: { originalWidth: image.width, originalHeight: image.height, wasDownscaled: false } };
};

const small = (look: Look): Look => ({ ...look, output: { ...look.output, widthPx: 600, heightPx: 600 } });

async function composeWith(look: Look): Promise<PipelineState> {
  const scene = renderRingScene({ widthPx: 640, heightPx: 480, seed: 7, metal: 'silver', backdrop: 'paper', backdropRgb: [120, 150, 120] });
  const ctx = createFakeStageContext({ look });
  let state: PipelineState = { source: new Blob([]), image: scene.image, mask: scene.mask };
  state = await frame.run(state, frame.defaults, ctx);
  state = await compose.run(state, compose.defaults, ctx);
  return shadow.run(state, shadow.defaults, ctx);
}

describe('check-export stage', () => {
  const amazon = small(findLookPreset('amazon')!.look);
  const dark = small(findLookPreset('dark-luxury')!.look);
  let onWhite: PipelineState;
  let onDark: PipelineState;
  beforeAll(async () => {
    [onWhite, onDark] = await Promise.all([composeWith(amazon), composeWith(dark)]);
  });

  it('passes a lossless file of the composed picture, with the file size it was given', async () => {
    const encoded = new Blob([encodePng(onWhite.output!) as BlobPart], { type: 'image/png' });
    const state = await checkExport.run({ ...onWhite, encoded }, checkExport.defaults, createFakeStageContext({ look: amazon, decode }));
    expect(state.exportChecks?.map((check) => [check.id, check.pass])).toEqual([
      ['size', true],
      ['background', true],
      ['fill', true],
      ['file-size', true],
    ]);
    expect(encoded.size).toBeGreaterThan(10_000);
    expect(state.exportChecks?.[3].message).toBe(`File: ${Math.round(encoded.size / 1000)} KB, within the 10.0 MB that Etsy and Amazon take.`);
  });

  it('measures the finished piece on the decoded file: its fill as the look frames it, its highlights, a silver ring neutral', async () => {
    const encoded = new Blob([encodePng(onWhite.output!) as BlobPart], { type: 'image/png' });
    const state = await checkExport.run({ ...onWhite, encoded }, checkExport.defaults, createFakeStageContext({ look: amazon, decode }));
    const piece = state.pieceMeasures!;
    // Compose frames the box at the look's fill to a pixel (600 px: 1 px is 0.17 points).
    expect(Math.abs(piece.fillPct! - amazon.framing.fill * 100)).toBeLessThan(0.5);
    expect(piece.highlightL).toBeGreaterThan(piece.medianL);
    expect(piece.highlightL).toBeLessThanOrEqual(100);
    expect(Math.abs(piece.metalB)).toBeLessThan(3);
  });

  it('judges the file as decoded: a plain JPEG rings off pure white next to the piece, though the picture was pure', async () => {
    const encoded = new Blob([encodeJpeg(onWhite.output!, 60) as BlobPart], { type: 'image/jpeg' });
    const state = await checkExport.run({ ...onWhite, encoded }, checkExport.defaults, createFakeStageContext({ look: amazon, decode }));
    const background = state.exportChecks?.find((check) => check.id === 'background');
    expect(background?.pass).toBe(false);
    expect(background?.message).toMatch(/^Background: [\d,]+ pixels are not pure white/);
  });

  it('keeps the picture when the file cannot be decoded for the check, and says it is unchecked', async () => {
    const encoded = new Blob([encodePng(onWhite.output!) as BlobPart], { type: 'image/png' });
    const failing = createFakeStageContext({ look: amazon, decode: () => Promise.reject(new Error('out of memory')) });
    const state = await checkExport.run({ ...onWhite, encoded }, checkExport.defaults, failing);
    expect(state.encoded).toBe(encoded);
    expect(state.exportChecks).toEqual([
      { id: 'decoded', pass: false, message: 'Not checked: the finished file could not be decoded to check it (out of memory). Look at it before uploading.' },
    ]);
  });

  it('lets a fault in the measurement itself fail the job (a shadow map of the wrong size)', async () => {
    const encoded = new Blob([encodePng(onDark.output!) as BlobPart], { type: 'image/png' });
    const wrongShadow = { width: 10, height: 10, data: new Uint8Array(100).fill(1) };
    await expect(checkExport.run({ ...onDark, encoded, shadowMap: wrongShadow }, checkExport.defaults, createFakeStageContext({ look: dark, decode }))).rejects.toThrow(RangeError);
  });

  it('is left out of the results\' cache key: adding it made no finished result stale', () => {
    const withIt = computePipelineKey(pipelineStages, amazon);
    expect(computePipelineKey(pipelineStages.filter((stage) => stage.id !== 'check-export'), amazon)).toBe(withIt);
    expect(computePipelineKey(pipelineStages, amazon, { 'check-export': { fillTolerancePoints: 2 } })).toBe(withIt);
    expect(computePipelineKey(pipelineStages.filter((stage) => stage.id !== 'encode'), amazon)).not.toBe(withIt);
  });

  it('on the dark preset (a gradient and a drop shadow), a good JPEG passes', async () => {
    const encoded = new Blob([encodeJpeg(onDark.output!, 95) as BlobPart], { type: 'image/jpeg' });
    const state = await checkExport.run({ ...onDark, encoded }, checkExport.defaults, createFakeStageContext({ look: dark, decode }));
    expect(state.exportChecks?.filter((check) => !check.pass)).toEqual([]);
  });
});
