// Compose ops: the canvas layout (size, background, fill, anchor) and the background canvas, read out of a look.
import type { CanvasLayout } from '../../../core/composite';
import { renderBackgroundImage } from '../../../core/composite';
import type { FramingTarget } from '../../../core/framing';
import type { Mask, RgbaImage } from '../../../core/image';
import { renderShadowedBackground } from '../../../core/shadow';
import type { Look, Rgb } from '../../look';

export function computeLayoutFromLook(look: Look): CanvasLayout {
  const { background } = look;
  return {
    widthPx: look.output.widthPx,
    heightPx: look.output.heightPx,
    backgroundRgb: background.kind === 'solid' ? background.rgb : background.topRgb,
    backgroundBottomRgb: background.kind === 'gradient' ? background.bottomRgb : undefined,
    fill: look.framing.fill,
    anchorX: look.framing.anchorX,
    anchorY: look.framing.anchorY,
  };
}

export function computeFramingTarget(look: Look): FramingTarget {
  return { widthPx: look.output.widthPx, heightPx: look.output.heightPx, ...look.framing };
}

/**
 * The finished canvas without the piece — the look's background darkened by its shadow (`shadowMap`, from the
 * shadow stage) — as one colour when that is all it is (no full-size image is drawn then). What a cut-out is
 * un-blended from and what background purity is judged against.
 */
export function renderLookCanvas(look: Look, shadowMap: Mask | null): Rgb | RgbaImage {
  if (look.background.kind === 'solid' && !shadowMap) return look.background.rgb;
  return renderShadowedBackground(renderLookBackground(look), shadowMap, look.shadow.opacity);
}

/** The look's empty canvas: its background, flat or a dithered gradient (exactly what compose starts from). */
export function renderLookBackground(look: Look): RgbaImage {
  const layout = computeLayoutFromLook(look);
  return renderBackgroundImage(layout.widthPx, layout.heightPx, layout.backgroundRgb, layout.backgroundBottomRgb);
}
