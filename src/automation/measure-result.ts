// Runs in: the retouch command's headless page. Measures one finished result from its files (photo, mask, cut-out, picture).
import { readAlphaAsMask, readGreyAsMask, readTruthMask } from '../core/cutout';
import { computeReachableFill } from '../core/framing';
import type { Mask } from '../core/image';
import { resizeMask } from '../core/resize';
import { backgroundReferenceRgb, type Look } from '../pipeline/look';
import { decodeImageFile } from '../platform/image-codec';
import { renderShadowMap } from '../core/shadow';
import { renderLookCanvas } from '../pipeline/stages/compose/layout';
import {
  computeDiagonalTolerancePx,
  measureBackgroundPurity,
  measureFill,
  measureFramedFillError,
  measureHalo,
  measureMaskAccuracy,
  measurePieceStatistics,
  renderCleanEdgeReference,
  type ImageQuality,
  type PieceStatistics,
} from '../quality';
import type { AutomationMeasurement } from './protocol';
import type { RgbaImage } from '../core/image';

/** Same pixel budget as the decode stage, so the photo measured is the photo retouched. */
const photoBudgetPx = 24_000_000;
/** JPEG codes 16×16 blocks (with 4:2:0 chroma): ringing from an edge stays within this distance of it. */
const edgeBandPx = 16;

export interface ResultFiles {
  source: Blob;
  output: Blob;
  cutout: Blob;
  mask: Blob;
  truth?: Blob;
}

/** The pictures a contact-sheet row is drawn from. */
export interface MeasuredPictures {
  photo: RgbaImage;
  mask: Mask;
  output: RgbaImage;
}

async function decode(blob: Blob): Promise<RgbaImage> {
  return (await decodeImageFile(blob, Number.POSITIVE_INFINITY)).image;
}

function requireStatistics(statistics: PieceStatistics | null, what: string): PieceStatistics {
  if (!statistics) throw new Error(`No piece pixels to measure in the ${what}.`);
  return statistics;
}

/**
 * Every quality figure of one result (see src/quality), computed from the files as written: the mask against
 * the ground truth when given, background purity, fill, halo against a clean-edge cut, and the piece's
 * statistics in the photo and in the finished picture.
 */
export async function measureResult(name: string, look: Look, files: ResultFiles): Promise<{ measurement: Omit<AutomationMeasurement, 'measureMs'>; pictures: MeasuredPictures }> {
  const photo = (await decodeImageFile(files.source, photoBudgetPx)).image;
  const mask = readGreyAsMask(await decode(files.mask));
  if (mask.width !== photo.width || mask.height !== photo.height) {
    throw new Error(`The mask is ${mask.width}×${mask.height} but the photo decodes to ${photo.width}×${photo.height}.`);
  }
  const output = await decode(files.output);
  const alpha = readAlphaAsMask(await decode(files.cutout));
  const background = backgroundReferenceRgb(look.background);
  // The canvas the piece was put on (background and the look's shadow, redrawn from the cut-out's alpha).
  const { kind: shadowKind, ...shadowSpec } = look.shadow;
  const shadowMap = shadowKind === 'none' ? null : renderShadowMap(alpha, { kind: shadowKind, ...shadowSpec });
  const canvas = renderLookCanvas(look, shadowMap);
  if (look.output.widthPx !== output.width || look.output.heightPx !== output.height) throw new Error('The picture is not the size of the look.');

  const quality: ImageQuality = { name };
  if (files.truth) {
    let truth = readTruthMask(await decode(files.truth));
    if (truth.width !== mask.width || truth.height !== mask.height) truth = resizeMask(truth, mask.width, mask.height);
    const accuracy = measureMaskAccuracy(mask, truth, { tolerancePx: computeDiagonalTolerancePx(mask.width, mask.height) });
    quality.maskIoU = accuracy.iou;
    quality.boundaryFMeasure = accuracy.fMeasure;
  }
  // Background: outside the piece and its shadow; compared with the look's canvas pixel by pixel.
  const exclusionMask = shadowMap ?? undefined;
  quality.backgroundPurity = measureBackgroundPurity(output, alpha, canvas, { exclusionMask }).purity;
  quality.backgroundPurityBeyondEdgeBand = measureBackgroundPurity(output, alpha, canvas, { excludeMarginPx: edgeBandPx, exclusionMask }).purity;
  // As compose frames it, against the fill the look's margins let it reach (the export check's target too).
  const fill = measureFramedFillError(output, alpha, canvas, computeReachableFill(look.framing));
  if (fill) {
    quality.fillPct = fill.fillPct;
    quality.fillErrorPoints = fill.errorPoints;
  }
  const halo = measureHalo(output, alpha, background, { image: renderCleanEdgeReference(output, alpha, background) });
  quality.haloDeltaE00 = halo.haloDeltaE00;
  quality.edgeRingDeltaE00 = halo.measuredDeltaE00;
  quality.referenceEdgeRingDeltaE00 = halo.referenceDeltaE00 ?? undefined;

  const inputFill = measureFill(mask);
  const input = requireStatistics(measurePieceStatistics(photo, mask), 'photo');
  const outputStatistics = requireStatistics(measurePieceStatistics(output, alpha), 'finished picture');
  return {
    measurement: {
      quality,
      input: { ...input, ...(inputFill === null ? {} : { fillPct: inputFill * 100 }) },
      output: { ...outputStatistics, ...(fill ? { fillPct: fill.fillPct } : {}) },
    },
    pictures: { photo, mask, output },
  };
}
