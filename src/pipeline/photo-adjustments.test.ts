// A photo's own adjustments over its batch's look: applied, clamped, and dropped when they equal the look.
import { describe, expect, it } from 'vitest';
import { whiteCatalogLook } from './look';
import { pipelineStages } from './stages';
import { computePipelineKey } from './runner';
import { applyPhotoAdjustments, hasPhotoAdjustments, keepPhotoAdjustments } from './photo-adjustments';

describe('photo adjustments', () => {
  it('leave the look itself (and so its results’ key) alone when there are none', () => {
    expect(applyPhotoAdjustments(whiteCatalogLook, undefined)).toBe(whiteCatalogLook);
    expect(applyPhotoAdjustments(whiteCatalogLook, {})).toBe(whiteCatalogLook);
    expect(hasPhotoAdjustments({})).toBe(false);
  });

  it('set the fill and the highlight level, within their ranges, and nothing else', () => {
    const look = applyPhotoAdjustments(whiteCatalogLook, { fill: 0.7, highlightL: 120 });
    expect(look.framing).toEqual({ ...whiteCatalogLook.framing, fill: 0.7 });
    expect(look.tone).toEqual({ ...whiteCatalogLook.tone, highlightL: 100 });
    expect({ ...look, framing: whiteCatalogLook.framing, tone: whiteCatalogLook.tone }).toEqual(whiteCatalogLook);
    expect(computePipelineKey(pipelineStages, look)).not.toBe(computePipelineKey(pipelineStages, whiteCatalogLook));
  });

  it('keep only what differs from the look', () => {
    const { fill, anchorX } = whiteCatalogLook.framing;
    expect(keepPhotoAdjustments(whiteCatalogLook, { fill, highlightL: whiteCatalogLook.tone.highlightL })).toBeUndefined();
    expect(keepPhotoAdjustments(whiteCatalogLook, { fill: 0.6, highlightL: whiteCatalogLook.tone.highlightL })).toEqual({ fill: 0.6 });
    expect(keepPhotoAdjustments(whiteCatalogLook, { fill: 0.1 })).toEqual({ fill: 0.4 });
    expect(anchorX).toBe(whiteCatalogLook.framing.anchorX);
  });
});
