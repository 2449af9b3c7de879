// Compose ops: the canvas layout (size, background, fill, anchor) and the background canvas, read out of a look.
import type { CanvasLayout } from '../../../core/composite';
import { renderBackgroundImage } from '../../../core/composite';
import type { FramingTarget } from '../../../core/framing';
import type { RgbaImage } from '../../../core/image';
import type { Look } from '../../look';

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

/** The look's empty canvas: its background, flat or a dithered gradient (exactly what compose starts from). */
export function renderLookBackground(look: Look): RgbaImage {
  const layout = computeLayoutFromLook(look);
  return renderBackgroundImage(layout.widthPx, layout.heightPx, layout.backgroundRgb, layout.backgroundBottomRgb);
}
