// Export checks: the finished file, as a browser decodes it, measured against its look before the seller uploads it
// (size, background, fill) and against the marketplaces' file limit. Pass or fail, each with one sentence.
import type { Mask, RgbaImage } from '../core/image';
import { measureBackgroundPurity, measureFillError, measureVisibleFillError } from '../quality';
import type { Look } from './look';
import { renderLookCanvas } from './stages/compose/layout';

export interface ExportCheck {
  id: 'size' | 'background' | 'fill' | 'file-size';
  pass: boolean;
  /** One sentence for the seller, with the measured figure. */
  message: string;
}

export interface ExportCheckOptions {
  /** Largest difference (percentage points) between the piece's fill and the look's. */
  fillTolerancePoints: number;
  /** Largest file, bytes: the strictest marketplace limit (Etsy and Amazon take 10 MB). */
  maxFileBytes: number;
  /** Off a background that is not pure white, JPEG may move a level or two per channel: this many still count as the look's colour... */
  backgroundToleranceLevels: number;
  /** ...and this share (0..1) of the background must be within it. A pure white background must be exact everywhere. */
  minBackgroundShare: number;
}

export const defaultExportCheckOptions: ExportCheckOptions = {
  fillTolerancePoints: 1,
  maxFileBytes: 10 * 1024 * 1024,
  backgroundToleranceLevels: 3,
  minBackgroundShare: 0.999,
};

export interface ExportCheckInput {
  /** The finished file as decoded (not the pixels before encoding: what the marketplace will see). */
  picture: RgbaImage;
  /** The piece's alpha on the picture (compose's). */
  pieceAlpha: Mask;
  /** The shadow under the piece (the shadow stage's), left out of the background. */
  shadowMap?: Mask;
  fileBytes: number;
  look: Look;
}

function isPureWhite(look: Look): boolean {
  return look.background.kind === 'solid' && look.background.rgb.every((level) => level === 255);
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The checks of one finished picture, in a fixed order: size, background, fill, file size. */
export function checkExport(input: ExportCheckInput, options: ExportCheckOptions = defaultExportCheckOptions): ExportCheck[] {
  const { picture, pieceAlpha, shadowMap, look } = input;
  const checks: ExportCheck[] = [];
  const { widthPx, heightPx } = look.output;
  const sized = picture.width === widthPx && picture.height === heightPx;
  checks.push({
    id: 'size',
    pass: sized,
    message: sized ? `Size: ${widthPx} × ${heightPx} px, as the look asks.` : `Size: ${picture.width} × ${picture.height} px, but the look asks for ${widthPx} × ${heightPx} px.`,
  });
  if (!sized || pieceAlpha.width !== picture.width || pieceAlpha.height !== picture.height) return checks;

  const canvas = renderLookCanvas(look, shadowMap ?? null);
  const white = isPureWhite(look);
  const purity = measureBackgroundPurity(picture, pieceAlpha, canvas, { exclusionMask: shadowMap, toleranceLevels: white ? 0 : options.backgroundToleranceLevels });
  const offPixels = purity.backgroundPx - purity.pureBackgroundPx;
  if (white) {
    checks.push({
      id: 'background',
      pass: offPixels === 0,
      message: offPixels === 0 ? 'Background: every pixel pure white (255, 255, 255).' : `Background: ${offPixels.toLocaleString('en')} ${offPixels === 1 ? 'pixel is' : 'pixels are'} not pure white (255, 255, 255).`,
    });
  } else {
    const pass = purity.purity >= options.minBackgroundShare;
    // Rounded down, so a background short of all of it never reads 100 %.
    const share = purity.purity === 1 ? '100 %' : `${(Math.floor(purity.purity * 10_000) / 100).toFixed(2)} %`;
    checks.push({ id: 'background', pass, message: `Background: ${share} within ${options.backgroundToleranceLevels} levels of the look's colour${pass ? '.' : ` (at least ${options.minBackgroundShare * 100} % expected).`}` });
  }

  // What is seen of the piece, as compose frames it; the alpha's box when nothing is (a white piece on white).
  const fill = measureVisibleFillError(picture, pieceAlpha, canvas, look.framing.fill) ?? measureFillError(pieceAlpha, look.framing.fill);
  const target = `${Math.round(look.framing.fill * 100)} %`;
  if (fill) {
    const pass = Math.abs(fill.errorPoints) <= options.fillTolerancePoints;
    checks.push({ id: 'fill', pass, message: `Fill: the piece fills ${fill.fillPct.toFixed(1)} % of the frame; the look asks ${target}${pass ? '.' : ` ± ${options.fillTolerancePoints}.`}` });
  } else {
    checks.push({ id: 'fill', pass: false, message: `Fill: no piece is seen in the picture; the look asks ${target}.` });
  }

  const small = input.fileBytes <= options.maxFileBytes;
  checks.push({
    id: 'file-size',
    pass: small,
    message: small ? `File: ${formatMegabytes(input.fileBytes)}, under the marketplaces' ${formatMegabytes(options.maxFileBytes)} limit.` : `File: ${formatMegabytes(input.fileBytes)}, over the ${formatMegabytes(options.maxFileBytes)} that Etsy and Amazon take.`,
  });
  return checks;
}
