// Model-mask defects seen on real photos, applied to a scene's exact mask: bright white metal dropped on a white backdrop, grey haze left inside holes.
import { findEnclosedBinary } from '../../src/core/binary-morphology';
import { computeLuma } from '../../src/core/color';
import { createMask, type Mask, type RgbaImage } from '../../src/core/image';

/**
 * The exact mask with the piece's bright parts dropped, as ISNet drops bright white metal on a white backdrop:
 * alpha 0 wherever the photo's luma (0..255, averaged over a (2·radiusPx + 1)² window) is at least `lumaAbove`.
 */
export function dropBrightParts(image: RgbaImage, truth: Mask, lumaAbove: number, radiusPx = 1): Mask {
  const { width, height } = truth;
  const out = createMask(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (truth.data[p] === 0) continue;
      let sum = 0;
      let n = 0;
      for (let dy = -radiusPx; dy <= radiusPx; dy++) {
        for (let dx = -radiusPx; dx <= radiusPx; dx++) {
          const nx = Math.min(width - 1, Math.max(0, x + dx));
          const ny = Math.min(height - 1, Math.max(0, y + dy));
          const q = (ny * width + nx) * 4;
          sum += computeLuma(image.data[q], image.data[q + 1], image.data[q + 2]);
          n++;
        }
      }
      out.data[p] = sum / n >= lumaAbove ? 0 : truth.data[p];
    }
  }
  return out;
}

/** The areas the exact mask encloses (a ring's hole, a link's eye): 1 inside them, 0 elsewhere. */
export function findHoles(truth: Mask): Mask {
  const solid = { width: truth.width, height: truth.height, data: Uint8Array.from(truth.data, (v) => (v > 0 ? 1 : 0)) };
  return findEnclosedBinary(solid);
}

/**
 * The exact mask with partly-on alpha over every area it encloses, like ISNet's grey haze inside rings: `hazeAlpha`
 * (0..255) everywhere, or a left-to-right ramp from `hazeAlpha` to `hazeAlphaRight` across each row of the holes.
 */
export function addHoleHaze(truth: Mask, hazeAlpha: number, hazeAlphaRight = hazeAlpha): Mask {
  const holes = findHoles(truth);
  const { width, height } = truth;
  let x0 = width;
  let x1 = -1;
  for (let p = 0; p < holes.data.length; p++) {
    if (!holes.data[p]) continue;
    x0 = Math.min(x0, p % width);
    x1 = Math.max(x1, p % width);
  }
  const out = createMask(width, height);
  for (let p = 0; p < out.data.length; p++) {
    const t = x1 > x0 ? ((p % width) - x0) / (x1 - x0) : 0;
    out.data[p] = holes.data[p] ? Math.round(hazeAlpha + (hazeAlphaRight - hazeAlpha) * t) : truth.data[p];
  }
  return { width, height, data: out.data };
}
