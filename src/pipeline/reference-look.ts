// Measures a look from a finished reference photo: its background (solid or sweep), the piece's fill and position, its shadow and its tone.
import { computeDeltaE00Components, writeSrgbAsLab } from '../core/color-difference';
import type { Mask, RgbaImage } from '../core/image';
import { computeMaskBoundingBox } from '../core/mask-ops';
import { measurePieceLightness } from '../core/tone-curve';
import { noShadow, type Look, type LookShadow, type Rgb } from './look';

export interface ReferenceMeasurement {
  look: Look;
  /** What was found, in words, for the person who picked the reference. */
  notes: string[];
}

/** Top-to-bottom change (ΔE00) above which the background is a deliberate sweep, not uneven light. */
const sweepMinDeltaE00 = 6;

/** Rows of background sampled for the background model (every n-th pixel keeps this cheap on 24 MP). */
const sampleStep = 3;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function luma(r: number, g: number, b: number): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The look a reference photo shows, with `base` supplying what a photo cannot say (output size, format,
 * strengths). `mask` is the piece's alpha at the photo's size (0..255). The background model is fitted to
 * background pixels away from the piece and outside the area a shadow would fall in, row band by row band
 * (median colour, so dust and reflections do not count); a top-to-bottom change over 6 ΔE00 makes it a sweep (less is uneven light).
 * The shadow is the darkening of the background just under the piece against that model.
 */
export function measureReferenceLook(image: RgbaImage, mask: Mask, base: Look, name = 'From a reference photo'): ReferenceMeasurement | null {
  const { width, height, data } = image;
  const box = computeMaskBoundingBox(mask, 127);
  if (!box) return null;
  const notes: string[] = [];
  const longSide = Math.max(box.width, box.height);
  // Keep clear of the piece and of where its shadow falls.
  const guard = Math.max(4, Math.round(0.04 * longSide));
  const shadowZone = { x0: box.x - 0.15 * box.width, x1: box.x + 1.15 * box.width, y0: box.y + 0.5 * box.height, y1: box.y + box.height + 0.5 * box.height };
  const isBackground = (x: number, y: number): boolean => {
    if (mask.data[y * width + x] > 8) return false;
    if (x > box.x - guard && x < box.x + box.width + guard && y > box.y - guard && y < box.y + box.height + guard) return false;
    return !(x >= shadowZone.x0 && x <= shadowZone.x1 && y >= shadowZone.y0 && y <= shadowZone.y1);
  };

  // Median colour of background pixels in ten horizontal bands.
  const bandCount = 10;
  const bands: { y: number; rgb: Rgb; count: number }[] = [];
  for (let band = 0; band < bandCount; band++) {
    const y0 = Math.floor((band * height) / bandCount);
    const y1 = Math.floor(((band + 1) * height) / bandCount);
    const r: number[] = [];
    const g: number[] = [];
    const b: number[] = [];
    for (let y = y0; y < y1; y += sampleStep) {
      for (let x = 0; x < width; x += sampleStep) {
        if (!isBackground(x, y)) continue;
        const p = (y * width + x) * 4;
        r.push(data[p]);
        g.push(data[p + 1]);
        b.push(data[p + 2]);
      }
    }
    if (r.length >= 20) bands.push({ y: (y0 + y1) / 2 / height, rgb: [median(r), median(g), median(b)], count: r.length });
  }
  if (bands.length === 0) {
    notes.push('No background was visible around the piece; the background of the current look is kept.');
  }
  // A straight line per channel through the band medians (least squares in y), read at the top and the bottom.
  const fitAt = (y: number): Rgb => {
    const n = bands.length;
    const meanY = bands.reduce((s, band) => s + band.y, 0) / n;
    return [0, 1, 2].map((c) => {
      const meanC = bands.reduce((s, band) => s + band.rgb[c], 0) / n;
      const covariance = bands.reduce((s, band) => s + (band.y - meanY) * (band.rgb[c] - meanC), 0);
      const variance = bands.reduce((s, band) => s + (band.y - meanY) ** 2, 0);
      const slope = variance > 0 ? covariance / variance : 0;
      return Math.round(Math.min(255, Math.max(0, meanC + slope * (y - meanY))));
    }) as Rgb;
  };
  let background = base.background;
  let backgroundAt = (_y: number): Rgb => (base.background.kind === 'solid' ? base.background.rgb : base.background.topRgb);
  if (bands.length > 0) {
    const top = fitAt(0);
    const bottom = fitAt(1);
    const lab = new Float64Array(6);
    writeSrgbAsLab(top[0], top[1], top[2], lab, 0);
    writeSrgbAsLab(bottom[0], bottom[1], bottom[2], lab, 3);
    const spread = computeDeltaE00Components(lab[0], lab[1], lab[2], lab[3], lab[4], lab[5]);
    if (bands.length >= 3 && spread > sweepMinDeltaE00) {
      background = { kind: 'gradient', topRgb: top, bottomRgb: bottom };
      backgroundAt = fitAt;
      notes.push(`Background: a sweep from rgb(${top.join(', ')}) to rgb(${bottom.join(', ')}).`);
    } else {
      const all = bands.reduce((s, band) => s + band.count, 0);
      const solid = [0, 1, 2].map((c) => Math.round(bands.reduce((s, band) => s + band.rgb[c] * band.count, 0) / all)) as Rgb;
      // A near-white studio background is meant to be white.
      const rgb = solid.every((c) => c >= 245) ? ([255, 255, 255] as Rgb) : solid;
      background = { kind: 'solid', rgb };
      backgroundAt = () => rgb;
      notes.push(`Background: solid rgb(${rgb.join(', ')}).`);
    }
  }

  // Framing: the piece's box in the reference frame.
  const fill = Math.min(0.95, Math.max(0.3, Math.max(box.width / width, box.height / height)));
  const anchorX = (box.x + box.width / 2) / width;
  const anchorY = (box.y + box.height / 2) / height;
  notes.push(`The piece fills ${Math.round(fill * 100)} % of the frame, centred at ${Math.round(anchorX * 100)} % × ${Math.round(anchorY * 100)} %.`);

  const shadow = measureShadowUnderPiece(image, mask, box, backgroundAt);
  notes.push(shadow.kind === 'none' ? 'No shadow under the piece.' : `A ${shadow.kind} shadow, ${Math.round(shadow.opacity * 100)} % strong.`);

  // The piece's solid pixels only (alpha > 200): a reference's soft edges are mixed with its backdrop.
  const highlightL = measurePieceLightness(image, mask, 400_000, 200)?.p95L ?? null;
  const tone = { ...base.tone, ...(highlightL === null ? {} : { highlightL: Math.min(99, Math.max(80, highlightL)) }) };
  return {
    look: {
      ...base,
      name,
      background,
      framing: { ...base.framing, fill, anchorX: Math.min(0.7, Math.max(0.3, anchorX)), anchorY: Math.min(0.7, Math.max(0.3, anchorY)) },
      shadow,
      tone,
    },
    notes,
  };
}

/**
 * Darkening of the background under the piece: for each row below the piece's box, the median (over the box's
 * columns, background pixels only) of 1 − luma / model luma. Its peak gives the opacity, its extent the softness,
 * where it peaks the offset; a short shadow is a contact shadow, a long one a drop shadow.
 */
function measureShadowUnderPiece(image: RgbaImage, mask: Mask, box: { x: number; y: number; width: number; height: number }, backgroundAt: (y01: number) => Rgb): LookShadow {
  const { width, height, data } = image;
  const longSide = Math.max(box.width, box.height);
  const x0 = Math.max(0, Math.round(box.x + 0.1 * box.width));
  const x1 = Math.min(width, Math.round(box.x + 0.9 * box.width));
  const yStart = Math.round(box.y + 0.5 * box.height);
  const yEnd = Math.min(height, Math.round(box.y + box.height + 0.4 * longSide));
  const profile: { offset: number; darkening: number }[] = [];
  for (let y = yStart; y < yEnd; y++) {
    const model = backgroundAt(y / height);
    const modelLuma = Math.max(1, luma(model[0], model[1], model[2]));
    const values: number[] = [];
    for (let x = x0; x < x1; x += 2) {
      if (mask.data[y * width + x] > 8) continue;
      const p = (y * width + x) * 4;
      values.push(1 - luma(data[p], data[p + 1], data[p + 2]) / modelLuma);
    }
    if (values.length >= 8) profile.push({ offset: y - (box.y + box.height), darkening: median(values) });
  }
  if (profile.length === 0) return noShadow;
  const peak = profile.reduce((best, row) => (row.darkening > best.darkening ? row : best));
  if (peak.darkening < 0.06) return noShadow;
  const half = peak.darkening / 2;
  const extentPx = profile.filter((row) => row.darkening >= half).length;
  const softness = Math.min(0.15, Math.max(0.01, extentPx / longSide / 2));
  const kind = extentPx / longSide < 0.12 ? 'contact' : 'drop';
  return {
    kind,
    opacity: Math.min(0.8, Math.round(peak.darkening * 100) / 100),
    softness: Math.round(softness * 1000) / 1000,
    offsetX: 0,
    offsetY: Math.round(Math.min(0.15, Math.max(0, peak.offset / box.height)) * 1000) / 1000,
  };
}
