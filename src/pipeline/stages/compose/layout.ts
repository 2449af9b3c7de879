// Compose op: reads the canvas layout (size, background, fill, anchor) out of a look.
import type { CanvasLayout } from '../../../core/composite';
import { backgroundReferenceRgb, type Look } from '../../look';

export function computeLayoutFromLook(look: Look): CanvasLayout {
  return {
    widthPx: look.output.widthPx,
    heightPx: look.output.heightPx,
    backgroundRgb: backgroundReferenceRgb(look.background),
    fill: look.framing.fill,
    anchorX: look.framing.anchorX,
    anchorY: look.framing.anchorY,
  };
}
