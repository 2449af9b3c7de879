// The piece's highlight level (95th-percentile L*), read from its pixels under the mask.
import { writeSrgbAsLab } from './color-difference';
import type { Mask, RgbaImage } from './image';

/** 95th-percentile L* (0..100) of the pixels with alpha > 200, every `step`-th pixel; null when there are none. */
export function measurePieceHighlightL(image: RgbaImage, mask: Mask, step = 2): number | null {
  const histogram = new Uint32Array(1001);
  const lab = new Float64Array(3);
  let count = 0;
  for (let i = 0; i < mask.data.length; i += step) {
    if (mask.data[i] <= 200) continue;
    const p = i * 4;
    writeSrgbAsLab(image.data[p], image.data[p + 1], image.data[p + 2], lab, 0);
    histogram[Math.min(1000, Math.max(0, Math.round(lab[0] * 10)))]++;
    count++;
  }
  if (count === 0) return null;
  const rank = Math.ceil(0.95 * count);
  let seen = 0;
  for (let bin = 0; bin <= 1000; bin++) {
    seen += histogram[bin];
    if (seen >= rank) return bin / 10;
  }
  return 100;
}
