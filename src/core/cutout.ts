// Turns a composed picture back into a transparent cut-out, and masks into viewable pictures (for PNG export).
import { createImage, type Mask, type RgbaImage } from './image';
import { resizeImage } from './resize';

/**
 * The piece alone with its alpha: un-blends `out = a·fg + (1 − a)·bg` (8-bit sRGB, as compose writes it)
 * for every pixel with alpha > 0; alpha-0 pixels become transparent black. `background` is one colour or the
 * canvas without the piece (a gradient, a shadow). Colour is exact where alpha is 255 and within ±0.5/a levels
 * elsewhere (invisible: those pixels are that transparent).
 */
export function extractCutout(composed: RgbaImage, alpha: Mask, background: readonly [number, number, number] | RgbaImage): RgbaImage {
  const { width, height, data } = composed;
  if (alpha.width !== width || alpha.height !== height || ('data' in background && (background.width !== width || background.height !== height))) {
    throw new RangeError(`extractCutout: alpha or background is not ${width}×${height}`);
  }
  const cutout = createImage(width, height);
  const out = cutout.data;
  for (let i = 0; i < alpha.data.length; i++) {
    const a = alpha.data[i];
    if (a === 0) continue;
    const p = i * 4;
    if (a === 255) {
      out[p] = data[p];
      out[p + 1] = data[p + 1];
      out[p + 2] = data[p + 2];
    } else {
      const f = a / 255;
      const keep = 1 - f;
      const isFlat = 'length' in background;
      out[p] = (data[p] - keep * (isFlat ? background[0] : background.data[p])) / f;
      out[p + 1] = (data[p + 1] - keep * (isFlat ? background[1] : background.data[p + 1])) / f;
      out[p + 2] = (data[p + 2] - keep * (isFlat ? background[2] : background.data[p + 2])) / f;
    }
    out[p + 3] = a;
  }
  return cutout;
}

/** A mask as an opaque grey picture (R = G = B = mask value), e.g. to save it as a PNG. */
export function renderMaskAsImage(mask: Mask): RgbaImage {
  const image = createImage(mask.width, mask.height);
  for (let i = 0; i < mask.data.length; i++) {
    const p = i * 4;
    image.data[p] = image.data[p + 1] = image.data[p + 2] = mask.data[i];
    image.data[p + 3] = 255;
  }
  return image;
}

/** The alpha channel of a picture as a mask (e.g. of a decoded cut-out PNG). */
export function readAlphaAsMask(image: RgbaImage): Mask {
  const data = new Uint8Array(image.width * image.height);
  for (let i = 0; i < data.length; i++) data[i] = image.data[i * 4 + 3];
  return { width: image.width, height: image.height, data };
}

/** The red channel of a grey picture as a mask (e.g. of a decoded mask PNG). */
export function readGreyAsMask(image: RgbaImage): Mask {
  const data = new Uint8Array(image.width * image.height);
  for (let i = 0; i < data.length; i++) data[i] = image.data[i * 4];
  return { width: image.width, height: image.height, data };
}

/** A hand-drawn mask may be grey (opaque) or drawn in the alpha channel; either way, 0..255 piece coverage. */
export function readTruthMask(image: RgbaImage): Mask {
  for (let i = 3; i < image.data.length; i += 4) if (image.data[i] !== 255) return readAlphaAsMask(image);
  return readGreyAsMask(image);
}

/** Resizes a cut-out with premultiplied colour, so transparent pixels do not darken its edges. */
export function resizeCutout(cutout: RgbaImage, widthPx: number, heightPx: number): RgbaImage {
  const premultiplied = createImage(cutout.width, cutout.height);
  for (let p = 0; p < cutout.data.length; p += 4) {
    const a = cutout.data[p + 3] / 255;
    premultiplied.data[p] = cutout.data[p] * a;
    premultiplied.data[p + 1] = cutout.data[p + 1] * a;
    premultiplied.data[p + 2] = cutout.data[p + 2] * a;
    premultiplied.data[p + 3] = cutout.data[p + 3];
  }
  const small = resizeImage(premultiplied, widthPx, heightPx);
  for (let p = 0; p < small.data.length; p += 4) {
    const a = small.data[p + 3];
    if (a === 0) continue;
    small.data[p] = (small.data[p] * 255) / a;
    small.data[p + 1] = (small.data[p + 1] * 255) / a;
    small.data[p + 2] = (small.data[p + 2] * 255) / a;
  }
  return small;
}
