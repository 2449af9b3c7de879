// White-on-white op: on a uniform, light backdrop, pixels near the piece that clearly differ from the backdrop (bright white metal, diamonds, thin wires) join the mask.
import {
  closeBinary,
  createBinaryPlaneWhere,
  dilateBinary,
  findEnclosedBinary,
  createBinaryPlane,
  invertBinary,
  labelBinaryRegions,
  measureDistanceInside,
  type BinaryPlane,
} from '../../../core/binary-morphology';
import { renderBackdropField } from '../../../core/backdrop-model';
import { computeLuma, measureRatioSpread } from '../../../core/color';
import { createFloatPlane, type FloatPlane } from '../../../core/float-plane';
import { expandRect, intersectRects, type Rect } from '../../../core/geometry';
import { measureThinLineContrast } from '../../../core/grey-morphology';
import type { Mask, RgbaImage } from '../../../core/image';
import { rampUp } from '../../../core/ramp';
import { createWorkingPlanes } from '../../../core/working-planes';
import { assessLightBackdrop, type LightBackdropOptions } from './light-backdrop';
import { raiseJoinedCandidates } from './raise-joined';

export interface WhiteOnWhiteOptions extends LightBackdropOptions {
  /** Longer side of the working resolution (backdrop model, connectivity), px. */
  workingSidePx: number;
  /** Colour distance from the backdrop (RGB Euclidean, levels): alpha 0 at or below the first, 1 at or above the second. */
  difference: [number, number];
  /** Spread of the channel ratios pixel / backdrop (0 = same hue as the backdrop): full at or below the first, none at or above the second. */
  neutralSpread: [number, number];
  /** Working-resolution alpha (0..255) from which a pixel inside the outline counts as half seen by the model. */
  partialAlpha: number;
  /** Luma of the pixel over the backdrop's where the model half saw it: none at or below the first (shadows), full at or above the second. */
  brightness: [number, number];
  /** The same everywhere else (on the piece, in its holes, outside it), where contact shadows and reflections lie: only parts brighter than the backdrop count there. */
  outsideBrightness: [number, number];
  /** 0..1: a working pixel whose strongest full-resolution pixel reaches this candidate alpha may join the piece. */
  candidateAbove: number;
  /** How far outside the piece (its enclosed areas aside) pixels may join, as a fraction of the piece's diagonal. */
  reachFraction: number;
  /** Closing radius (working px) that seals small gaps before the piece's enclosed areas are found. */
  sealPx: number;
  /** Thin wires (ear wires, fine chains) the model dropped: lines at most twice this wide (working px)... */
  wireWindowPx: number;
  /** ...standing out of their surroundings by at least this much (levels), darker or lighter (a grey top-hat)... */
  wireContrast: number;
  /** ...connected to the piece through such pixels, within this fraction of its diagonal, and leading at least `wireMinLengthFraction` of it away from the piece (6 px at least). */
  wireReachFraction: number;
  wireMinLengthFraction: number;
  /** A wire's line is no thicker than this anywhere (inner distance, working px) and has at most this many pixels per px of its extent. */
  wireMaxThicknessPx: number;
  wirePixelsPerLength: number;
  /** Colour distance from the backdrop (levels) of a wire's full-resolution pixels: alpha 0 at or below the first, 1 at or above the second. */
  wireDifference: [number, number];
}

export const defaultWhiteOnWhiteOptions: WhiteOnWhiteOptions = {
  workingSidePx: 1024,
  backdropQuantile: 0.75,
  uniformDeviation: [0.8, 1.2],
  lightLuma: [180, 210],
  difference: [16, 32],
  neutralSpread: [0.03, 0.06],
  partialAlpha: 64,
  brightness: [0.55, 0.65],
  outsideBrightness: [1.02, 1.06],
  candidateAbove: 0.25,
  reachFraction: 0.01,
  sealPx: 2,
  wireWindowPx: 2,
  wireContrast: 14,
  wireReachFraction: 0.5,
  wireMinLengthFraction: 0.03,
  wireMaxThicknessPx: 3,
  wirePixelsPerLength: 6,
  wireDifference: [12, 36],
};

/** What the op decided, for tests and diagnostics. */
export interface WhiteOnWhiteReport {
  /** 0..1: how uniform and light the backdrop near the piece is (0: the op did nothing). */
  gate: number;
  backdropDeviation: number | null;
  backdropLuma: number | null;
  /** Pixels whose alpha was raised. */
  raisedPixels: number;
  /** Of those, pixels of thin wires. */
  wirePixels: number;
}

/** Called between row blocks with the fraction done (0..1); may throw to abort. */
export type Checkpoint = (fraction: number) => void;

/**
 * Raises the alpha of pixels that clearly differ from a uniform, light backdrop and are connected to the piece
 * (inside its enclosed areas, or within `reachFraction` of it): alpha ≥ strength · gate · candidate, where the
 * candidate alpha grows with the colour difference and is 0 for tinted or dark pixels (shadows, reflections of
 * coloured props). Thin wires it dropped join too (see findThinWires), their alpha growing with their difference
 * from the backdrop. Never lowers alpha. Returns the new mask (or `mask` itself when nothing applies).
 * Extra memory: working-resolution planes over the piece's neighbourhood (≈ 30 bytes per working pixel) and over
 * the wires' wider one (≈ 100 bytes per working pixel: luma, four filter passes, labels, distances), plus the output mask.
 */
export function recoverBrightParts(
  image: RgbaImage,
  mask: Mask,
  strength: number,
  options: WhiteOnWhiteOptions,
  checkpoint: Checkpoint,
): { mask: Mask; report: WhiteOnWhiteReport } {
  const unchanged = (gate: number, deviation: number | null = null, luma: number | null = null) => ({
    mask,
    report: { gate, backdropDeviation: deviation, backdropLuma: luma, raisedPixels: 0, wirePixels: 0 },
  });
  if (strength <= 0) return unchanged(0);
  const planes = createWorkingPlanes(image, mask, options.workingSidePx);
  const { width: W, height: H } = planes.mask;
  const backdrop = assessLightBackdrop(planes, planes.mask, options);
  if (!backdrop) return unchanged(0);
  const { piece: wholePiece, box, diagonal, model, summary, gate } = backdrop;
  if (gate <= 0) return unchanged(0, summary.deviation, summary.luma);
  checkpoint(0.2);

  // Everything below happens in the piece's neighbourhood: its bounding box plus the reach (working px).
  const reachPx = Math.max(1, Math.round(options.reachFraction * diagonal));
  const crop = intersectRects(expandRect(box, reachPx + options.sealPx + 2), { x: 0, y: 0, width: W, height: H })!;
  const cw = crop.width;
  const ch = crop.height;
  const piece = createBinaryPlaneWhere(cw, ch, (k) => wholePiece.data[(crop.y + Math.floor(k / cw)) * W + crop.x + (k % cw)] === 1);
  const field = renderBackdropField(model, crop);
  const { width, height } = image;
  const f = planes.factor;
  const [d0, d1] = options.difference;
  const low2 = d0 * d0;
  const [n0, n1] = options.neutralSpread;
  const data = image.data;
  /** Candidate alpha 0..1 of full-resolution pixel p whose working pixel in the crop is k; [b0, b1] is the brightness ramp. */
  const measureCandidate = (p: number, k: number, b0: number, b1: number): number => {
    const r = data[p * 4];
    const g = data[p * 4 + 1];
    const b = data[p * 4 + 2];
    const br = field.data[k * 3];
    const bg = field.data[k * 3 + 1];
    const bb = field.data[k * 3 + 2];
    const distance2 = (r - br) * (r - br) + (g - bg) * (g - bg) + (b - bb) * (b - bb);
    if (distance2 <= low2) return 0;
    const difference = rampUp(Math.sqrt(distance2), d0, d1);
    const spread = measureRatioSpread(r, g, b, br, bg, bb);
    if (spread >= n1) return 0;
    const neutral = 1 - rampUp(spread, n0, n1);
    const bright = rampUp(computeLuma(r, g, b) / Math.max(1, computeLuma(br, bg, bb)), b0, b1);
    return difference * neutral * bright;
  };

  // The piece's outline: the piece with small gaps sealed and its enclosed areas; outside it, a thin band may join.
  const sealed = closeBinary(piece, options.sealPx);
  const enclosed = findEnclosedBinary(sealed);
  const inOutline = createBinaryPlaneWhere(cw, ch, (k) => sealed.data[k] === 1 || enclosed.data[k] === 1);
  const reach = dilateBinary(piece, reachPx);
  // Darker-than-backdrop candidates only count inside the outline where the model half saw something; on and
  // around the piece and elsewhere in its holes and gaps, where ISNet's own reflections and the piece's shadows
  // lie, only parts brighter than the backdrop are raised.
  const partial = createBinaryPlaneWhere(cw, ch, (k) => {
    const a = planes.mask.data[(crop.y + Math.floor(k / cw)) * W + crop.x + (k % cw)];
    return a >= options.partialAlpha && inOutline.data[k] === 1;
  });
  const brightnessAt = (k: number): readonly [number, number] => (!piece.data[k] && partial.data[k] ? options.brightness : options.outsideBrightness);

  // The strongest candidate inside each working pixel (so thin bright wires still register), joined to the piece
  // through candidates; everything considered lies in the outline or the reach.
  const scale = 255 * gate * Math.min(1, strength);
  const raised = raiseJoinedCandidates({
    mask,
    factor: f,
    crop,
    piece,
    isConsidered: (k) => inOutline.data[k] === 1 || reach.data[k] === 1,
    measureCandidate: (p, k) => {
      const [b0, b1] = brightnessAt(k);
      return measureCandidate(p, k, b0, b1);
    },
    candidateAbove: options.candidateAbove,
    scale,
    checkpoint: (fraction) => checkpoint(0.2 + 0.6 * fraction),
  });
  const { joined, mask: out } = raised;
  let raisedPixels = raised.raisedPixels;

  // Thin wires, in their own (wider) neighbourhood: what joined above counts as piece there.
  const wireReachPx = Math.max(reachPx, Math.round(options.wireReachFraction * diagonal));
  const wireCrop = intersectRects(expandRect(box, wireReachPx + 2), { x: 0, y: 0, width: W, height: H })!;
  const onPiece = (k: number): boolean => {
    const x = (k % wireCrop.width) + wireCrop.x;
    const y = Math.floor(k / wireCrop.width) + wireCrop.y;
    if (wholePiece.data[y * W + x]) return true;
    const cx = x - crop.x;
    const cy = y - crop.y;
    return cx >= 0 && cy >= 0 && cx < cw && cy < ch && joined.data[cy * cw + cx] === 1;
  };
  const wireField = renderBackdropField(model, wireCrop);
  const wires = findThinWires(planes.image, wireField, wireCrop, onPiece, wireReachPx, Math.max(6, options.wireMinLengthFraction * diagonal), options);
  checkpoint(0.9);
  const [w0, w1] = options.wireDifference;
  let wirePixels = 0;
  for (let k = 0; k < wires.data.length; k++) {
    if (!wires.data[k]) continue;
    const wx = (k % wireCrop.width) + wireCrop.x;
    const wy = Math.floor(k / wireCrop.width) + wireCrop.y;
    for (let y = wy * f; y < Math.min(height, (wy + 1) * f); y++) {
      for (let x = wx * f, p = y * width + wx * f; x < Math.min(width, (wx + 1) * f); x++, p++) {
        const dr = data[p * 4] - wireField.data[k * 3];
        const dg = data[p * 4 + 1] - wireField.data[k * 3 + 1];
        const db = data[p * 4 + 2] - wireField.data[k * 3 + 2];
        const target = Math.round(scale * rampUp(Math.sqrt(dr * dr + dg * dg + db * db), w0, w1));
        if (target > out.data[p]) {
          out.data[p] = target;
          raisedPixels++;
          wirePixels++;
        }
      }
    }
  }
  return { mask: out, report: { gate, backdropDeviation: summary.deviation, backdropLuma: summary.luma, raisedPixels, wirePixels } };
}

/**
 * Thin wires the model dropped, in `crop` (working px): pixels of thin lines (at most 2·`wireWindowPx` wide)
 * standing out of their surroundings by `wireContrast` (a grey top-hat: a step edge, a hard shadow's border or a
 * wide band gives none), within `reachPx` of the piece (`onPiece`, which reads as backdrop here). A line counts when
 * it comes within 3 px of the piece and leads at least `minLengthPx` away from it (a contact shadow's dark line
 * hugs the piece), or bridges two separate parts of it with 6 px or more (the gap between two kept pieces of a
 * wire or chain); lines within 2 px of the piece are left out (its own outline), and a counted line joins it through that
 * band. Widened by one pixel for the wire's sides. `field` is the backdrop over the crop.
 */
function findThinWires(
  image: FloatPlane,
  field: FloatPlane,
  crop: Rect,
  onPiece: (k: number) => boolean,
  reachPx: number,
  minLengthPx: number,
  options: WhiteOnWhiteOptions,
): BinaryPlane {
  const { width: cw, height: ch } = crop;
  const seeds = createBinaryPlaneWhere(cw, ch, onPiece);
  const luma = createFloatPlane(cw, ch, 1);
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const k = y * cw + x;
      const source = seeds.data[k] ? field.data : image.data;
      const i = seeds.data[k] ? k * 3 : ((crop.y + y) * image.width + crop.x + x) * 3;
      luma.data[k] = computeLuma(source[i], source[i + 1], source[i + 2]);
    }
  }
  const contrast = measureThinLineContrast(luma, options.wireWindowPx);
  const near = dilateBinary(seeds, reachPx);
  const band = dilateBinary(seeds, 2);
  const lines = createBinaryPlaneWhere(cw, ch, (k) => near.data[k] === 1 && band.data[k] === 0 && contrast[k] >= options.wireContrast);
  const { labels, count } = labelBinaryRegions(lines);
  const wires = createBinaryPlane(cw, ch);
  if (count === 0) return wires;
  // How far each line reaches from the piece, how many pixels it has, and which separate parts of the piece it
  // comes within 3 px of. A bridge needs 6 px at least (a speck of grain between two links is none).
  const minBridgePx = 6;
  const away = measureDistanceInside(invertBinary(seeds));
  const parts = labelBinaryRegions(seeds).labels;
  const thickness = measureDistanceInside(lines);
  // The piece's lowest pixel in each column: what lies under the piece lies on the surface it stands on (a
  // reflection, a shadow), not in the air as a wire does.
  const lowest = new Int32Array(cw).fill(-1);
  for (let k = 0; k < seeds.data.length; k++) if (seeds.data[k]) lowest[k % cw] = Math.floor(k / cw);
  const under = new Uint32Array(count + 1);
  const farthest = new Uint16Array(count + 1);
  const size = new Uint32Array(count + 1);
  const thickest = new Uint16Array(count + 1);
  const minX = new Int32Array(count + 1).fill(cw);
  const minY = new Int32Array(count + 1).fill(ch);
  const maxX = new Int32Array(count + 1).fill(-1);
  const maxY = new Int32Array(count + 1).fill(-1);
  const firstPart = new Int32Array(count + 1);
  const bridges = new Uint8Array(count + 1);
  for (let k = 0; k < labels.length; k++) {
    const label = labels[k];
    if (!label) continue;
    const x = k % cw;
    const y = Math.floor(k / cw);
    size[label]++;
    if (away[k] > farthest[label]) farthest[label] = away[k];
    if (thickness[k] > thickest[label]) thickest[label] = thickness[k];
    if (lowest[x] >= 0 && y > lowest[x] + 2) under[label]++;
    minX[label] = Math.min(minX[label], x);
    minY[label] = Math.min(minY[label], y);
    maxX[label] = Math.max(maxX[label], x);
    maxY[label] = Math.max(maxY[label], y);
    if (away[k] > 3 || bridges[label]) continue;
    for (let dy = -3; dy <= 3; dy++) {
      for (let dx = -3; dx <= 3; dx++) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= cw || yy >= ch) continue;
        const part = parts[yy * cw + xx];
        if (!part) continue;
        if (!firstPart[label]) firstPart[label] = part;
        else if (part !== firstPart[label]) bridges[label] = 1;
      }
    }
  }
  // A wire is a curve: thin all along (no pixel deeper than `wireMaxThicknessPx`) and not much more pixels than
  // its extent times a wire's width (the crisp details of a reflection or a print come in patches), and mostly not
  // under the piece (a reflection's or a shadow's lines lie there).
  // It counts when it comes near the piece and leads away from it, or bridges two parts of it.
  const isWire = new Uint8Array(count + 1);
  for (let l = 1; l <= count; l++) {
    const extent = Math.hypot(maxX[l] - minX[l] + 1, maxY[l] - minY[l] + 1);
    const isCurve = thickest[l] <= options.wireMaxThicknessPx && size[l] <= options.wirePixelsPerLength * extent && under[l] <= 0.5 * size[l];
    const isAttached = farthest[l] >= minLengthPx || (bridges[l] === 1 && size[l] >= minBridgePx);
    isWire[l] = firstPart[l] && isCurve && isAttached ? 1 : 0;
  }
  for (let k = 0; k < labels.length; k++) wires.data[k] = isWire[labels[k]];
  // Through the band to the piece, and one pixel either side.
  const reachBack = dilateBinary(wires, 3);
  for (let k = 0; k < labels.length; k++) if (reachBack.data[k] && band.data[k] && !seeds.data[k]) wires.data[k] = 1;
  const widened = dilateBinary(wires, 1);
  for (let k = 0; k < labels.length; k++) if (seeds.data[k]) widened.data[k] = 0;
  return widened;
}
