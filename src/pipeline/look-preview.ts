// A small live preview of a look: a finished piece's cut-out framed, placed and shadowed as the look says (no model run).
import { readAlphaAsMask } from '../core/cutout';
import { composePieceOnCanvas } from '../core/composite';
import { computePlacement } from '../core/framing';
import type { RgbaImage } from '../core/image';
import { applyShadowInPlace, renderShadowMap } from '../core/shadow';
import type { Look } from './look';
import { computeFramingTarget, computeLayoutFromLook, renderLookBackground } from './stages/compose/layout';

/** The look at a preview size: same proportions, its long side `longSidePx`. */
export function scaleLookForPreview(look: Look, longSidePx: number): Look {
  const scale = longSidePx / Math.max(look.output.widthPx, look.output.heightPx);
  return {
    ...look,
    output: { ...look.output, widthPx: Math.max(16, Math.round(look.output.widthPx * scale)), heightPx: Math.max(16, Math.round(look.output.heightPx * scale)) },
  };
}

/**
 * Draws `cutout` (the piece on transparency, any size) the way `look` frames it, at a preview whose long side is
 * `longSidePx`: background, fill, anchor, margins and shadow, exactly as the frame, compose and shadow stages do.
 * Tone corrections are not redone (the cut-out already has them). Null when the cut-out is empty.
 */
export function renderLookPreview(cutout: RgbaImage, look: Look, longSidePx = 360): RgbaImage | null {
  const preview = scaleLookForPreview(look, longSidePx);
  const alpha = readAlphaAsMask(cutout);
  const placement = computePlacement(alpha, computeFramingTarget(preview));
  if (!placement) return null;
  const composition = composePieceOnCanvas(cutout, alpha, { ...computeLayoutFromLook(preview), placement }, { decontaminate: false });
  if (!composition) return null;
  const { kind, ...spec } = preview.shadow;
  if (kind !== 'none' && spec.opacity > 0) {
    const map = renderShadowMap(composition.alpha, { kind, ...spec });
    if (map) applyShadowInPlace(composition.image, composition.alpha, renderLookBackground(preview), map, spec.opacity);
  }
  return composition.image;
}
