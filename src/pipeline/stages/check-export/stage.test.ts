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
import { checkExportStage } from './stage';

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
    const state = await checkExportStage.run({ ...onWhite, encoded }, checkExportStage.defaults, createFakeStageContext({ look: amazon, decode }));
    expect(state.exportChecks?.map((check) => [check.id, check.pass])).toEqual([
      ['size', true],
      ['background', true],
      ['fill', true],
      ['file-size', true],
    ]);
    expect(state.exportChecks?.[3].message).toContain(`${(encoded.size / 2 ** 20).toFixed(1)} MB`);
  });

  it('judges the file as decoded: a plain JPEG rings off pure white next to the piece, though the picture was pure', async () => {
    const encoded = new Blob([encodeJpeg(onWhite.output!, 60) as BlobPart], { type: 'image/jpeg' });
    const state = await checkExportStage.run({ ...onWhite, encoded }, checkExportStage.defaults, createFakeStageContext({ look: amazon, decode }));
    const background = state.exportChecks?.find((check) => check.id === 'background');
    expect(background?.pass).toBe(false);
    expect(background?.message).toMatch(/^Background: [\d,]+ pixels are not pure white/);
  });

  it('on the dark preset (a gradient and a drop shadow), a good JPEG passes', async () => {
    const encoded = new Blob([encodeJpeg(onDark.output!, 95) as BlobPart], { type: 'image/jpeg' });
    const state = await checkExportStage.run({ ...onDark, encoded }, checkExportStage.defaults, createFakeStageContext({ look: dark, decode }));
    expect(state.exportChecks?.filter((check) => !check.pass)).toEqual([]);
  });
});
