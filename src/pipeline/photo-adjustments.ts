// One photo's own adjustments over its batch's look (the piece's size in the frame, its brightness): a photo that
// comes out too big, too small, too dark or too bright is re-made with them, and the rest of the batch is untouched.
import type { Look } from './look';

export interface PhotoAdjustments {
  /** The piece's fill instead of the look's (0.4..0.95). */
  fill?: number;
  /** The piece's highlight level instead of the look's (L*, 80..100). */
  highlightL?: number;
}

/** The ranges the adjustments may take (as the look editor's). */
export const photoAdjustmentRanges = { fill: [0.4, 0.95], highlightL: [80, 100] } as const;

const clamp = (value: number, [low, high]: readonly [number, number]) => Math.min(high, Math.max(low, value));

/** Whether `adjustments` change anything. */
export function hasPhotoAdjustments(adjustments: PhotoAdjustments | undefined): adjustments is PhotoAdjustments {
  return adjustments !== undefined && (adjustments.fill !== undefined || adjustments.highlightL !== undefined);
}

/** The look one photo is made with: its batch's, with its own adjustments (clamped to their ranges); the same object when it has none. */
export function applyPhotoAdjustments(look: Look, adjustments: PhotoAdjustments | undefined): Look {
  if (!hasPhotoAdjustments(adjustments)) return look;
  const { fill, highlightL } = adjustments;
  return {
    ...look,
    framing: fill === undefined ? look.framing : { ...look.framing, fill: clamp(fill, photoAdjustmentRanges.fill) },
    tone: highlightL === undefined ? look.tone : { ...look.tone, highlightL: clamp(highlightL, photoAdjustmentRanges.highlightL) },
  };
}

/** Only the adjustments that differ from `look` (a slider left at the look's value is no adjustment); undefined when none do. */
export function keepPhotoAdjustments(look: Look, adjustments: PhotoAdjustments): PhotoAdjustments | undefined {
  const kept: PhotoAdjustments = {};
  if (adjustments.fill !== undefined && Math.abs(adjustments.fill - look.framing.fill) > 1e-6) kept.fill = clamp(adjustments.fill, photoAdjustmentRanges.fill);
  if (adjustments.highlightL !== undefined && Math.abs(adjustments.highlightL - look.tone.highlightL) > 1e-6) {
    kept.highlightL = clamp(adjustments.highlightL, photoAdjustmentRanges.highlightL);
  }
  return hasPhotoAdjustments(kept) ? kept : undefined;
}
