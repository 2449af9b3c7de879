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
  selectConnectedToSeeds,
  type BinaryPlane,
} from '../../../core/binary-morphology';
import { fitBackdropModel, renderBackdropField, summarizeBackdrop } from '../../../core/backdrop-model';
import { filterBoxMeanPlaneInPlace } from '../../../core/box-filter';
import { computeLuma } from '../../../core/color';
import { createFloatPlane, type FloatPlane } from '../../../core/float-plane';
import { expandRect, intersectRects, type Rect } from '../../../core/geometry';
import { createMask, type Mask, type RgbaImage } from '../../../core/image';
import { computeMaskBoundingBox } from '../../../core/mask-ops';
import { rampUp } from '../../../core/ramp';
import { createWorkingPlanes } from '../../../core/working-planes';

export interface WhiteOnWhiteOptions {
  /** Longer side of the working resolution (backdrop model, connectivity), px. */
  workingSidePx: number;
  /** Which quantile of each cell's background pixels is the backdrop colour (above the median: the lit backdrop, not the piece's shadow). */
  backdropQuantile: number;
  /** Backdrop deviation near the piece (levels, see BackdropSummary): full effect at or below the first, none at or above the second. */
  uniformDeviation: [number, number];
  /** Backdrop luma near the piece (0..255): no effect at or below the first, full at or above the second. */
  lightLuma: [number, number];
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
  /** Thin wires (ear wires, fine chains) the model dropped: working pixels whose luma stands out from the mean of the window of this radius (px)... */
  wireWindowPx: number;
  /** ...by at least this much (levels), darker or lighter (a crisp line; a shadow's soft edge does not)... */
  wireContrast: number;
  /** ...connected to the piece through such pixels, within this fraction of its diagonal, and leading at least `wireMinLengthFraction` of it away from the piece (6 px at least). */
  wireReachFraction: number;
  wireMinLengthFraction: number;
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
  wireWindowPx: 3,
  wireContrast: 14,
  wireReachFraction: 0.5,
  wireMinLengthFraction: 0.03,
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
 * coloured props). Never lowers alpha. Returns the new mask (or `mask` itself when nothing applies).
 * Extra memory: a few working-resolution planes (≈ 30 bytes per working pixel) plus the output mask.
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
  const wholePiece = createBinaryPlaneWhere(W, H, (k) => planes.mask.data[k] >= 127.5);
  const box = computeMaskBoundingBox(wholePiece, 0);
  if (!box) return unchanged(0);
  const diagonal = Math.hypot(box.width, box.height);
  const model = fitBackdropModel(planes.image, planes.mask, { colourQuantile: options.backdropQuantile });
  if (!model) return unchanged(0);
  const summary = summarizeBackdrop(model, dilateBinary(wholePiece, Math.max(4, Math.round(0.15 * diagonal))));
  if (!summary) return unchanged(0);
  const gate =
    (1 - rampUp(summary.deviation, options.uniformDeviation[0], options.uniformDeviation[1])) * rampUp(summary.luma, options.lightLuma[0], options.lightLuma[1]);
  if (gate <= 0) return unchanged(0, summary.deviation, summary.luma);
  checkpoint(0.2);

  // Everything below happens in the piece's neighbourhood: its bounding box plus the reach (working px).
  const reachPx = Math.max(1, Math.round(options.reachFraction * diagonal));
  const wireReachPx = Math.max(reachPx, Math.round(options.wireReachFraction * diagonal));
  const crop = intersectRects(expandRect(box, wireReachPx + options.sealPx + 2), { x: 0, y: 0, width: W, height: H })!;
  const cw = crop.width;
  const ch = crop.height;
  const piece = createBinaryPlaneWhere(cw, ch, (k) => wholePiece.data[(crop.y + Math.floor(k / cw)) * W + crop.x + (k % cw)] === 1);
  const field = renderBackdropField(model, crop);
  const { width, height } = image;
  const f = planes.factor;
  const fx0 = crop.x * f;
  const fx1 = Math.min(width, (crop.x + cw) * f);
  const fy0 = crop.y * f;
  const fy1 = Math.min(height, (crop.y + ch) * f);
  const columnOf = new Int32Array(fx1);
  for (let x = fx0; x < fx1; x++) columnOf[x] = Math.floor(x / f);
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
    const qr = r / Math.max(1, br);
    const qg = g / Math.max(1, bg);
    const qb = b / Math.max(1, bb);
    const spread = Math.max(qr, qg, qb) - Math.min(qr, qg, qb);
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

  // Pass 1: the strongest candidate inside each working pixel, so thin bright wires still register.
  const strongest = new Float32Array(cw * ch);
  for (let y = fy0; y < fy1; y++) {
    const row = (Math.floor(y / f) - crop.y) * cw - crop.x;
    for (let x = fx0, p = y * width + fx0; x < fx1; x++, p++) {
      const k = row + columnOf[x];
      if (!inOutline.data[k] && !reach.data[k]) continue;
      const [b0, b1] = brightnessAt(k);
      const a = measureCandidate(p, k, b0, b1);
      if (a > strongest[k]) strongest[k] = a;
    }
    if ((y & 63) === 63) checkpoint(0.2 + (0.35 * (y - fy0)) / (fy1 - fy0));
  }

  // Joined pixels must connect to the piece through candidates.
  const region = createBinaryPlaneWhere(cw, ch, (k) => piece.data[k] === 1 || strongest[k] >= options.candidateAbove);
  const joined = selectConnectedToSeeds(region, piece);
  const wires = findThinWires(planes.image, field, crop, piece, joined, wireReachPx, Math.max(6, options.wireMinLengthFraction * diagonal), options);
  checkpoint(0.6);

  const out = createMask(width, height);
  out.data.set(mask.data);
  const scale = 255 * gate * Math.min(1, strength);
  let raisedPixels = 0;
  let wirePixels = 0;
  const [w0, w1] = options.wireDifference;
  for (let y = fy0; y < fy1; y++) {
    const row = (Math.floor(y / f) - crop.y) * cw - crop.x;
    for (let x = fx0, p = y * width + fx0; x < fx1; x++, p++) {
      const k = row + columnOf[x];
      const isWire = wires.data[k] === 1;
      if (!joined.data[k] && !isWire) continue;
      let a = 0;
      if (joined.data[k]) {
        const [b0, b1] = brightnessAt(k);
        a = measureCandidate(p, k, b0, b1);
      }
      if (isWire) {
        const dr = data[p * 4] - field.data[k * 3];
        const dg = data[p * 4 + 1] - field.data[k * 3 + 1];
        const db = data[p * 4 + 2] - field.data[k * 3 + 2];
        a = Math.max(a, rampUp(Math.sqrt(dr * dr + dg * dg + db * db), w0, w1));
      }
      const target = Math.round(scale * a);
      if (target > out.data[p]) {
        out.data[p] = target;
        raisedPixels++;
        if (isWire) wirePixels++;
      }
    }
    if ((y & 63) === 63) checkpoint(0.6 + (0.4 * (y - fy0)) / (fy1 - fy0));
  }
  return { mask: out, report: { gate, backdropDeviation: summary.deviation, backdropLuma: summary.luma, raisedPixels, wirePixels } };
}

/**
 * Thin wires the model dropped (crop coordinates): working pixels whose luma stands out from their window's mean
 * by `wireContrast` (a crisp line, darker or lighter than the backdrop around it), within `reachPx` of the piece.
 * The piece (and what already joined it) reads as backdrop here, and lines within 2 px of it are left out, so its
 * own outline is no wire; a line counts when it comes within 3 px of the piece and leads at least `minLengthPx`
 * away from it (a contact shadow's dark line hugs the piece) or bridges two separate parts of it (the gap between
 * two kept pieces of a wire), and then joins it through that 2 px band. Widened by one pixel for the wire's sides. `field` is the backdrop over the crop.
 */
function findThinWires(
  image: FloatPlane,
  field: FloatPlane,
  crop: Rect,
  piece: BinaryPlane,
  joined: BinaryPlane,
  reachPx: number,
  minLengthPx: number,
  options: WhiteOnWhiteOptions,
): BinaryPlane {
  const { width: cw, height: ch } = crop;
  const seeds = createBinaryPlaneWhere(cw, ch, (k) => piece.data[k] === 1 || joined.data[k] === 1);
  const luma = createFloatPlane(cw, ch, 1);
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const k = y * cw + x;
      const source = seeds.data[k] ? field.data : image.data;
      const i = seeds.data[k] ? k * 3 : ((crop.y + y) * image.width + crop.x + x) * 3;
      luma.data[k] = computeLuma(source[i], source[i + 1], source[i + 2]);
    }
  }
  const mean = createFloatPlane(cw, ch, 1);
  mean.data.set(luma.data);
  filterBoxMeanPlaneInPlace(mean, options.wireWindowPx);
  const near = dilateBinary(piece, reachPx);
  const band = dilateBinary(seeds, 2);
  const touch = dilateBinary(seeds, 3);
  const lines = createBinaryPlaneWhere(cw, ch, (k) => near.data[k] === 1 && band.data[k] === 0 && Math.abs(luma.data[k] - mean.data[k]) >= options.wireContrast);
  const { labels, count } = labelBinaryRegions(lines);
  const wires = createBinaryPlane(cw, ch);
  if (count === 0) return wires;
  // How far each line reaches from the piece (a wire leads away from it; a contact shadow's dark line hugs it),
  // and which separate parts of the piece it comes near (a wire's gap between two kept pieces of it bridges them).
  const away = measureDistanceInside(invertBinary(seeds));
  const parts = labelBinaryRegions(seeds).labels;
  const farthest = new Uint16Array(count + 1);
  const firstPart = new Int32Array(count + 1);
  const bridges = new Uint8Array(count + 1);
  for (let k = 0; k < labels.length; k++) {
    const label = labels[k];
    if (!label) continue;
    if (away[k] > farthest[label]) farthest[label] = away[k];
    if (!touch.data[k] || bridges[label]) continue;
    const x = k % cw;
    const y = Math.floor(k / cw);
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
  for (let k = 0; k < labels.length; k++) {
    const label = labels[k];
    if (label && firstPart[label] && (farthest[label] >= minLengthPx || bridges[label])) wires.data[k] = 1;
  }
  // Through the band to the piece, and one pixel either side.
  const reachBack = dilateBinary(wires, 3);
  for (let k = 0; k < labels.length; k++) if (reachBack.data[k] && band.data[k] && !seeds.data[k]) wires.data[k] = 1;
  const widened = dilateBinary(wires, 1);
  for (let k = 0; k < labels.length; k++) if (seeds.data[k]) widened.data[k] = 0;
  return widened;
}
