// Holes op: background seen through rings, links and loops (areas enclosed by the piece that look like the backdrop) leaves the mask, with the model's grey haze there.
import {
  closeBinary,
  createBinaryPlane,
  createBinaryPlaneWhere,
  dilateBinary,
  erodeBinary,
  findEnclosedBinary,
  labelBinaryRegions,
  measureDistanceInside,
  selectConnectedToSeeds,
  type BinaryPlane,
} from '../../../core/binary-morphology';
import { fitBackdropModel, renderBackdropField, type BackdropModel } from '../../../core/backdrop-model';
import { filterBoxMeanRows } from '../../../core/box-filter';
import { computeLuma, measureRatioSpread } from '../../../core/color';
import type { FloatPlane } from '../../../core/float-plane';
import { expandRect, intersectRects, type Rect } from '../../../core/geometry';
import { createMask, type Mask, type RgbaImage } from '../../../core/image';
import { measureLocalDeviation } from '../../../core/local-deviation';
import { computeMaskBoundingBox } from '../../../core/mask-ops';
import { rampUp } from '../../../core/ramp';
import { createWorkingPlanes } from '../../../core/working-planes';

export interface HolesOptions {
  /** Longer side of the working resolution (backdrop model, connectivity), px. */
  workingSidePx: number;
  /** Working-resolution alpha (0..255) at or above which a pixel is piece: the walls that enclose a hole. */
  pieceAlpha: number;
  /** Clear backdrop-like hole pixels away from the walls outright (else every pixel takes the colour test). */
  clearInside: boolean;
  /** Closing radius (working px) that seals small gaps in the walls before enclosed areas are found. */
  sealPx: number;
  /** Alpha (0..255) below which an enclosed pixel that looks like the backdrop counts as haze and joins its hole. */
  hazeAlpha: number;
  /** Window radius (working px) of the smoothness test. */
  smoothRadiusPx: number;
  /** Local luma deviation (levels) at or below which a pixel is smooth enough to be backdrop, at least... */
  smoothDeviation: number;
  /** ...or this multiple of the backdrop's own local deviation (textured backdrops). */
  textureFactor: number;
  /** Backdrop cells darker than this fraction of the lit backdrop nearby are taken for the piece's shadow (see BackdropModelOptions). */
  shadowRatio: number;
  /** Luma over the backdrop model's: the range a backdrop pixel seen through a hole may have (shaded to bright). */
  lumaRatio: [number, number];
  /** Largest spread of the channel ratios pixel / backdrop model for a backdrop pixel (shading keeps the backdrop's hue; pale metal does not quite). */
  hueSpread: number;
  /** Radius (working px) of the window that estimates a hole's own backdrop colour from its pixels. */
  holeColourRadiusPx: number;
  /** Colour distance (RGB levels) from the hole's backdrop colour: alpha removed at or below the first, kept at or above the second (scaled up on textured backdrops). */
  keepDifference: [number, number];
  /** Holes the model filled with full alpha: smooth pixels within this colour distance (levels) of the backdrop model, or... */
  filledMatch: number;
  /** ...of the backdrop's hue (largest spread of the channel ratios pixel / backdrop model) at this luma over the backdrop's (shaded by the walls, lit by their reflection)... */
  filledShadeHueSpread: number;
  filledShadeLumaRatio: [number, number];
  /** ...and whose mean luma over the backdrop's is in this range (the bulk of a hole is lit as the backdrop around it is; a pale stone need not be)... */
  filledMeanLumaRatio: [number, number];
  /** ...forming an area whose inscribed radius is at least this fraction of the piece's diagonal (2 px at least)... */
  filledRadiusFraction: number;
  /** ...and whose rim, for at least `filledRimShare` of its pixels, differs from the area's mean colour by this much (levels): a crisp metal edge, not a highlight's glow. */
  filledRimDifference: number;
  filledRimShare: number;
  /** An area this wide (fraction of the piece's diagonal) is a hole with a softer rim too (`filledWideRimShare`): pale silver walls around pale paper. */
  filledWideRadiusFraction: number;
  filledWideRimShare: number;
  /** An accepted area's mean local deviation over the backdrop's must be at least this: the backdrop's grain shows through a hole, a polished stone or face is smoother. */
  filledGrainShare: number;
  /** Specks inside an accepted area no larger than a disc of this radius (working px) join it (JPEG noise, paper grain). */
  filledSpeckRadiusPx: number;
}

export const defaultHolesOptions: HolesOptions = {
  workingSidePx: 1024,
  pieceAlpha: 127.5,
  clearInside: true,
  sealPx: 2,
  hazeAlpha: 230,
  smoothRadiusPx: 2,
  smoothDeviation: 3,
  textureFactor: 2.5,
  shadowRatio: 0.9,
  lumaRatio: [0.75, 1.15],
  hueSpread: 0.035,
  holeColourRadiusPx: 4,
  keepDifference: [8, 30],
  filledMatch: 6,
  filledShadeHueSpread: 0.03,
  filledShadeLumaRatio: [0.8, 1.12],
  filledMeanLumaRatio: [0.95, 1.05],
  filledRadiusFraction: 0.015,
  filledRimDifference: 40,
  filledRimShare: 0.6,
  filledWideRadiusFraction: 0.03,
  filledWideRimShare: 0.25,
  filledGrainShare: 0.7,
  filledSpeckRadiusPx: 4,
};

export interface HolesReport {
  /** Working pixels of enclosed background found (seeds and haze). */
  holePixels: number;
  /** Areas the model had filled that were recognised as holes. */
  filledHoles: number;
  /** Full-resolution pixels whose alpha was lowered. */
  clearedPixels: number;
}

/** Called between row blocks with the fraction done (0..1); may throw to abort. */
export type Checkpoint = (fraction: number) => void;

/** Crops a plane of `channels` floats per pixel to `rect`. */
function cropFloats(plane: FloatPlane, rect: Rect): Float32Array {
  const out = new Float32Array(rect.width * rect.height * plane.channels);
  for (let y = 0; y < rect.height; y++) {
    const from = ((rect.y + y) * plane.width + rect.x) * plane.channels;
    out.set(plane.data.subarray(from, from + rect.width * plane.channels), y * rect.width * plane.channels);
  }
  return out;
}

/** Median local deviation of the pixels the model calls background (alpha 0) in the crop (every 7th pixel read), or 0 if none. */
function measureBackdropTexture(deviation: Float32Array, alpha: Float32Array): number {
  const values = new Float32Array(Math.ceil(alpha.length / 7));
  let count = 0;
  for (let k = 0; k < alpha.length; k += 7) if (alpha[k] === 0) values[count++] = deviation[k];
  if (count === 0) return 0;
  return values.subarray(0, count).sort()[count >> 1];
}

/**
 * Areas the model filled with confident alpha that are holes all the same: enclosed by the piece, smooth and the
 * backdrop's colour (`matches`), lit as the backdrop on the whole and as grainy as it (`backdropGrain`: its median
 * local deviation), wide enough, and rimmed by a crisp edge that clearly differs from the area (a very wide area
 * with a softer rim). Small specks enclosed by an accepted area join it.
 */
function findFilledHoles(
  sealed: BinaryPlane,
  enclosed: BinaryPlane,
  matches: BinaryPlane,
  colours: FloatPlane,
  lumaRatio: Float32Array,
  deviation: Float32Array,
  backdropGrain: number,
  diagonal: number,
  options: HolesOptions,
): { holes: BinaryPlane; count: number } {
  const { width, height } = sealed;
  const inside = createBinaryPlaneWhere(width, height, (k) => sealed.data[k] === 1 || enclosed.data[k] === 1);
  const candidates = createBinaryPlaneWhere(width, height, (k) => sealed.data[k] === 1 && matches.data[k] === 1);
  const { labels, count } = labelBinaryRegions(candidates);
  const holes = createBinaryPlane(width, height);
  if (count === 0) return { holes, count: 0 };
  // Each area's mean colour, for its rim's contrast, and its mean luma over the backdrop's.
  const sums = new Float64Array((count + 1) * 4);
  const ratioSums = new Float64Array(count + 1);
  const devSums = new Float64Array(count + 1);
  for (let k = 0; k < labels.length; k++) {
    const label = labels[k];
    if (!label) continue;
    sums[label * 4] += colours.data[k * 3];
    sums[label * 4 + 1] += colours.data[k * 3 + 1];
    sums[label * 4 + 2] += colours.data[k * 3 + 2];
    sums[label * 4 + 3]++;
    ratioSums[label] += lumaRatio[k];
    devSums[label] += deviation[k];
  }
  const radius = measureDistanceInside(candidates);
  const widest = new Uint16Array(count + 1);
  const touchesOutside = new Uint8Array(count + 1);
  const rimPixels = new Uint32Array(count + 1);
  const rimCrisp = new Uint32Array(count + 1);
  for (let k = 0; k < labels.length; k++) {
    const label = labels[k];
    if (label && radius[k] > widest[label]) widest[label] = radius[k];
  }
  // The rim: pixels 3..4 px (chessboard) outside an area, each labelled with the area it is nearest to: far
  // enough out to be past the anti-aliased edge, so a crisp metal wall reads as different, a highlight's glow not.
  const grown = Int32Array.from(labels);
  const previous = new Int32Array(labels.length);
  for (let step = 1; step <= 4; step++) {
    previous.set(grown);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const k = y * width + x;
        if (previous[k]) continue;
        let label = 0;
        if (x > 0 && previous[k - 1]) label = previous[k - 1];
        else if (x < width - 1 && previous[k + 1]) label = previous[k + 1];
        else if (y > 0 && previous[k - width]) label = previous[k - width];
        else if (y < height - 1 && previous[k + width]) label = previous[k + width];
        else if (x > 0 && y > 0 && previous[k - width - 1]) label = previous[k - width - 1];
        else if (x < width - 1 && y > 0 && previous[k - width + 1]) label = previous[k - width + 1];
        else if (x > 0 && y < height - 1 && previous[k + width - 1]) label = previous[k + width - 1];
        else if (x < width - 1 && y < height - 1 && previous[k + width + 1]) label = previous[k + width + 1];
        if (!label) continue;
        grown[k] = label;
        if (!inside.data[k]) touchesOutside[label] = 1;
        if (step >= 3) {
          rimPixels[label]++;
          const n = sums[label * 4 + 3];
          const dr = colours.data[k * 3] - sums[label * 4] / n;
          const dg = colours.data[k * 3 + 1] - sums[label * 4 + 1] / n;
          const db = colours.data[k * 3 + 2] - sums[label * 4 + 2] / n;
          if (dr * dr + dg * dg + db * db >= options.filledRimDifference ** 2) rimCrisp[label]++;
        }
      }
    }
  }
  const minRadiusPx = Math.max(2, options.filledRadiusFraction * diagonal);
  const wideRadiusPx = Math.max(minRadiusPx, options.filledWideRadiusFraction * diagonal);
  const accepted = new Uint8Array(count + 1);
  let acceptedCount = 0;
  for (let l = 1; l <= count; l++) {
    const meanRatio = ratioSums[l] / sums[l * 4 + 3];
    const grain = devSums[l] / sums[l * 4 + 3];
    if (touchesOutside[l] || rimPixels[l] === 0 || meanRatio < options.filledMeanLumaRatio[0] || meanRatio > options.filledMeanLumaRatio[1]) continue;
    if (grain < options.filledGrainShare * backdropGrain) continue;
    const crispShare = rimCrisp[l] / rimPixels[l];
    if ((widest[l] >= minRadiusPx && crispShare >= options.filledRimShare) || (widest[l] >= wideRadiusPx && crispShare >= options.filledWideRimShare)) {
      accepted[l] = 1;
      acceptedCount++;
    }
  }
  for (let k = 0; k < labels.length; k++) holes.data[k] = accepted[labels[k]];
  // Specks inside an accepted area (JPEG noise, paper grain that failed the tests) join it; anything that reaches
  // the walls (a wire or prong across the opening) does not.
  if (acceptedCount > 0 && options.filledSpeckRadiusPx > 0) {
    const specks = labelBinaryRegions(findEnclosedBinary(holes));
    const speckArea = new Uint32Array(specks.count + 1);
    for (let k = 0; k < specks.labels.length; k++) speckArea[specks.labels[k]]++;
    const largest = Math.PI * options.filledSpeckRadiusPx ** 2;
    for (let k = 0; k < specks.labels.length; k++) if (specks.labels[k] && speckArea[specks.labels[k]] <= largest) holes.data[k] = 1;
  }
  return { holes, count: acceptedCount };
}

/**
 * Lowers the alpha of background seen through the piece: areas enclosed by the piece's walls (alpha ≥ `pieceAlpha`,
 * small gaps sealed), grown through enclosed haze (alpha < `hazeAlpha`) that is smooth and as light as the backdrop,
 * plus areas the model filled that look like the backdrop seen through the piece (see findFilledHoles). Within them, each pixel keeps
 * alpha only as far as it differs from the hole's own backdrop colour (so the walls' anti-aliased edges stay soft).
 * `strength` 0..1 blends towards the result. Never raises alpha. Extra memory: a few working-resolution planes.
 */
export function clearHoles(image: RgbaImage, mask: Mask, strength: number, options: HolesOptions, checkpoint: Checkpoint): { mask: Mask; report: HolesReport } {
  const unchanged = { mask, report: { holePixels: 0, filledHoles: 0, clearedPixels: 0 } };
  if (strength <= 0) return unchanged;
  const planes = createWorkingPlanes(image, mask, options.workingSidePx);
  const { width: W, height: H } = planes.mask;
  const wholePiece = createBinaryPlaneWhere(W, H, (k) => planes.mask.data[k] >= options.pieceAlpha);
  const box = computeMaskBoundingBox(wholePiece, 0);
  if (!box) return unchanged;
  // Shadow cells around the piece are left out, so what is seen through a hole is judged against lit backdrop.
  const model: BackdropModel | null = fitBackdropModel(planes.image, planes.mask, { shadowRatio: options.shadowRatio });
  if (!model) return unchanged;
  checkpoint(0.15);

  const crop = intersectRects(expandRect(box, options.sealPx + 3), { x: 0, y: 0, width: W, height: H })!;
  const cw = crop.width;
  const ch = crop.height;
  const alpha = cropFloats(planes.mask, crop);
  const colours: FloatPlane = { width: cw, height: ch, channels: 3, data: cropFloats(planes.image, crop) };
  const field = renderBackdropField(model, crop);
  const deviation = measureLocalDeviation(colours, options.smoothRadiusPx);
  const texture = measureBackdropTexture(deviation, alpha);
  const smoothBelow = Math.max(options.smoothDeviation, options.textureFactor * texture);
  const [ratio0, ratio1] = options.lumaRatio;
  const backdropLike = createBinaryPlane(cw, ch);
  const filledLike = createBinaryPlane(cw, ch);
  const lumaRatio = new Float32Array(cw * ch);
  const [shade0, shade1] = options.filledShadeLumaRatio;
  for (let k = 0; k < cw * ch; k++) {
    const r = colours.data[k * 3];
    const g = colours.data[k * 3 + 1];
    const b = colours.data[k * 3 + 2];
    const br = field.data[k * 3];
    const bg = field.data[k * 3 + 1];
    const bb = field.data[k * 3 + 2];
    const difference = Math.sqrt((r - br) * (r - br) + (g - bg) * (g - bg) + (b - bb) * (b - bb));
    const ratio = computeLuma(r, g, b) / Math.max(1, computeLuma(br, bg, bb));
    lumaRatio[k] = ratio;
    const spread = measureRatioSpread(r, g, b, br, bg, bb);
    const isSmooth = deviation[k] <= smoothBelow;
    backdropLike.data[k] = isSmooth && ratio >= ratio0 && ratio <= ratio1 && spread <= options.hueSpread ? 1 : 0;
    const isShadedBackdrop = ratio >= shade0 && ratio <= shade1 && spread <= options.filledShadeHueSpread;
    filledLike.data[k] = isSmooth && (difference <= options.filledMatch || isShadedBackdrop) ? 1 : 0;
  }
  checkpoint(0.3);

  const piece = createBinaryPlaneWhere(cw, ch, (k) => alpha[k] >= options.pieceAlpha);
  const sealed = closeBinary(piece, options.sealPx);
  const enclosed = findEnclosedBinary(sealed);
  const seeds = enclosed;
  const grown = selectConnectedToSeeds(
    createBinaryPlaneWhere(cw, ch, (k) => seeds.data[k] === 1 || (alpha[k] < options.hazeAlpha && backdropLike.data[k] === 1)),
    seeds,
  );
  const diagonal = Math.hypot(box.width, box.height);
  const filled = findFilledHoles(sealed, enclosed, filledLike, colours, lumaRatio, deviation, texture, diagonal, options);
  const holes = createBinaryPlaneWhere(cw, ch, (k) => grown.data[k] === 1 || filled.holes.data[k] === 1);
  // The pixels a hole's own backdrop colour is measured from: its backdrop-like pixels (not the metal seen through it).
  const sources = createBinaryPlaneWhere(cw, ch, (k) => holes.data[k] === 1 && (backdropLike.data[k] === 1 || filled.holes.data[k] === 1));
  let holePixels = 0;
  for (let k = 0; k < holes.data.length; k++) holePixels += holes.data[k];
  if (holePixels === 0) return { mask, report: { holePixels: 0, filledHoles: 0, clearedPixels: 0 } };
  const zone = dilateBinary(holes, 2);
  const zoneBox = computeMaskBoundingBox(zone, 0)!;
  // The hole's own backdrop colour near each pixel of the zone (R, G, B), from the sources within
  // holeColourRadiusPx, or within three times that where none is that close; NaN where there is none at all.
  const holeColour = new Float32Array(cw * ch * 3).fill(Number.NaN);
  for (const radius of [3 * options.holeColourRadiusPx, options.holeColourRadiusPx]) {
    const area = intersectRects(expandRect(zoneBox, radius), { x: 0, y: 0, width: cw, height: ch })!;
    filterBoxMeanRows(
      area.width,
      area.height,
      4,
      radius,
      (y, row) => {
        for (let x = 0, k = (area.y + y) * cw + area.x; x < area.width; x++, k++) {
          const w = sources.data[k];
          row[x * 4] = w * colours.data[k * 3];
          row[x * 4 + 1] = w * colours.data[k * 3 + 1];
          row[x * 4 + 2] = w * colours.data[k * 3 + 2];
          row[x * 4 + 3] = w;
        }
      },
      (y, mean) => {
        for (let x = 0, k = (area.y + y) * cw + area.x; x < area.width; x++, k++) {
          const w = mean[x * 4 + 3];
          if (w * (2 * radius + 1) ** 2 < 0.5) continue;
          holeColour[k * 3] = mean[x * 4] / w;
          holeColour[k * 3 + 1] = mean[x * 4 + 1] / w;
          holeColour[k * 3 + 2] = mean[x * 4 + 2] / w;
        }
      },
    );
  }
  // Backdrop-like hole pixels away from the walls are cleared outright; the rest (edges, anything seen through the
  // hole that is not backdrop) keep alpha as far as their colour differs from the hole's backdrop colour.
  const clear = options.clearInside ? erodeBinary(sources, 1) : createBinaryPlane(cw, ch);
  checkpoint(0.5);

  const { width, height } = image;
  const f = planes.factor;
  const fx0 = (crop.x + zoneBox.x) * f;
  const fx1 = Math.min(width, (crop.x + zoneBox.x + zoneBox.width) * f);
  const fy0 = (crop.y + zoneBox.y) * f;
  const fy1 = Math.min(height, (crop.y + zoneBox.y + zoneBox.height) * f);
  const columnOf = new Int32Array(fx1);
  for (let x = fx0; x < fx1; x++) columnOf[x] = Math.floor(x / f);
  const keepLow = Math.max(options.keepDifference[0], 2.5 * texture);
  const keepHigh = Math.max(options.keepDifference[1], 6 * texture, keepLow + 1);
  const blend = Math.min(1, strength);
  const out = createMask(width, height);
  out.data.set(mask.data);
  const data = image.data;
  let clearedPixels = 0;
  for (let y = fy0; y < fy1; y++) {
    const row = (Math.floor(y / f) - crop.y) * cw - crop.x;
    for (let x = fx0, p = y * width + fx0; x < fx1; x++, p++) {
      const k = row + columnOf[x];
      if (!zone.data[k] || out.data[p] === 0) continue;
      // Around a hole, confident pixels are the walls and stay; the half-confident (edges, haze, thin wires) are
      // judged more strictly than the hole itself.
      const isFringe = !holes.data[k];
      if (isFringe && out.data[p] >= options.hazeAlpha) continue;
      const strictness = isFringe && out.data[p] >= options.pieceAlpha ? 0.5 : 1;
      let keep = 0;
      if (!clear.data[k]) {
        const hr = holeColour[k * 3];
        if (Number.isNaN(hr)) continue;
        let hg = holeColour[k * 3 + 1];
        let hb = holeColour[k * 3 + 2];
        let r0 = hr;
        const r = data[p * 4];
        const g = data[p * 4 + 1];
        const b = data[p * 4 + 2];
        if (out.data[p] < options.hazeAlpha) {
          // Haze: the hole's backdrop may be shaded (the piece's shadow falls through the hole); compare hues at the pixel's light.
          const shade = Math.min(1.05, Math.max(ratio0, computeLuma(r, g, b) / Math.max(1, computeLuma(hr, hg, hb))));
          r0 *= shade;
          hg *= shade;
          hb *= shade;
        }
        const dr = r - r0;
        const dg = g - hg;
        const db = b - hb;
        keep = rampUp(Math.sqrt(dr * dr + dg * dg + db * db), keepLow * strictness, keepHigh * strictness);
      }
      const current = out.data[p];
      const target = Math.min(current, 255 * keep);
      if (target >= current) continue;
      out.data[p] = Math.round(current - blend * (current - target));
      clearedPixels++;
    }
    if ((y & 63) === 63) checkpoint(0.5 + (0.5 * (y - fy0)) / (fy1 - fy0));
  }
  return { mask: out, report: { holePixels, filledHoles: filled.count, clearedPixels } };
}
