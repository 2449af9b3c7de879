// Export checks: the finished file, as a browser decodes it, measured against its look before the seller uploads it
// (size, background, fill) and against the marketplaces' file limit. Pass or fail, each with one sentence.
import { formatFileSize } from '../../../core/file-size';
import { computeReachableFill } from '../../../core/framing';
import type { Mask, RgbaImage } from '../../../core/image';
import { measureBackgroundPurity, measureFramedFillError, type FillError } from '../../../quality';
import type { Look } from '../../look';
import type { ExportCheck } from '../../result-facts';
import { renderLookCanvas } from '../compose/layout';

export interface ExportCheckOptions {
  /** Largest difference (percentage points) between the piece's fill and the fill the look can reach. */
  fillTolerancePoints: number;
  /** Largest file, bytes (decimal MB, the stricter reading): Etsy and Amazon take 10 MB. */
  maxFileBytes: number;
  /**
   * Off a background that is not pure white, a lossy file moves a level or two per channel: this many still count
   * as the look's colour, over at least `minBackgroundShare` of the background, leaving out a band of
   * `ringingBandPx` next to the piece where JPEG and WebP ring (a 16×16 macroblock: the canvas encoder Lustre falls
   * back to codes JPEG 4:2:0 at any quality). PNG is lossless: no band. A pure white background must be exact
   * everywhere, next to the piece too.
   */
  backgroundToleranceLevels: number;
  minBackgroundShare: number;
  ringingBandPx: number;
}

export const defaultExportCheckOptions: ExportCheckOptions = {
  fillTolerancePoints: 1,
  maxFileBytes: 10_000_000,
  backgroundToleranceLevels: 3,
  minBackgroundShare: 0.999,
  ringingBandPx: 16,
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
  /** The look's canvas and the piece's fill on it (`measureFramedLook`), when the caller already measured them. */
  framed?: FramedLook;
}

/** The look's empty canvas with its shadow, and the piece's fill as seen against it (what it is checked by). */
export interface FramedLook {
  canvas: ReturnType<typeof renderLookCanvas>;
  /** Null when no piece is seen. */
  fill: FillError | null;
}

/** The look's canvas for `picture` and the piece's fill on it, against what the look can reach (its margins may cap its fill). */
export function measureFramedLook(picture: RgbaImage, pieceAlpha: Mask, shadowMap: Mask | undefined, look: Look): FramedLook {
  const canvas = renderLookCanvas(look, shadowMap ?? null);
  return { canvas, fill: measureFramedFillError(picture, pieceAlpha, canvas, computeReachableFill(look.framing)) };
}

function isPureWhite(look: Look): boolean {
  return look.background.kind === 'solid' && look.background.rgb.every((level) => level === 255);
}

/** A percentage to one decimal, without a trailing ".0". */
function formatPercent(value01: number): string {
  return `${Number((value01 * 100).toFixed(1))} %`;
}


function checkBackground(input: ExportCheckInput, canvas: ReturnType<typeof renderLookCanvas>, options: ExportCheckOptions): ExportCheck {
  const { picture, pieceAlpha, shadowMap, look } = input;
  if (isPureWhite(look)) {
    const purity = measureBackgroundPurity(picture, pieceAlpha, canvas, { exclusionMask: shadowMap });
    const off = purity.backgroundPx - purity.pureBackgroundPx;
    if (off === 0) return { id: 'background', pass: true, message: 'Background: every pixel pure white (255, 255, 255).' };
    // Lustre's JPEG keeps white exact next to the piece; lossy WebP cannot.
    const hint = look.output.format === 'image/webp' ? ' WebP moves white next to the piece: choose JPEG or PNG for an exactly white background.' : '';
    return { id: 'background', pass: false, message: `Background: ${off.toLocaleString('en')} ${off === 1 ? 'pixel is' : 'pixels are'} not pure white (255, 255, 255).${hint}` };
  }
  const bandPx = look.output.format === 'image/png' ? 0 : options.ringingBandPx;
  const purity = measureBackgroundPurity(picture, pieceAlpha, canvas, { exclusionMask: shadowMap, excludeMarginPx: bandPx, toleranceLevels: options.backgroundToleranceLevels });
  const pass = purity.purity >= options.minBackgroundShare;
  // Rounded down, so a background short of all of it never reads 100 %.
  const share = purity.purity === 1 ? '100 %' : `${(Math.floor(purity.purity * 10_000) / 100).toFixed(2)} %`;
  const where = bandPx > 0 ? ` beyond ${bandPx} px of the piece` : '';
  return {
    id: 'background',
    pass,
    message: `Background: ${share} within ${options.backgroundToleranceLevels} levels of the look's colour${where}${pass ? '.' : ` (at least ${options.minBackgroundShare * 100} % expected).`}`,
  };
}

function checkFill(look: Look, fill: FillError | null, options: ExportCheckOptions): ExportCheck {
  // The margins can cap the fill (compose never crops): the check is against what the look can reach.
  const reachable = computeReachableFill(look.framing);
  const target = reachable < look.framing.fill ? `${formatPercent(reachable)} (${formatPercent(look.framing.fill)}, but its ${formatPercent(look.framing.margin)} margins leave ${formatPercent(reachable)})` : formatPercent(reachable);
  if (!fill) return { id: 'fill', pass: false, message: `Fill: no piece is seen in the picture; the look asks ${target}.` };
  const pass = Math.abs(fill.errorPoints) <= options.fillTolerancePoints;
  const off = pass ? '' : `: ${Math.abs(fill.errorPoints).toFixed(1)} points ${fill.errorPoints > 0 ? 'over' : 'under'}, more than the ${options.fillTolerancePoints} allowed`;
  return { id: 'fill', pass, message: `Fill: the piece fills ${fill.fillPct.toFixed(1)} % of the frame; the look asks ${target}${off}.` };
}

/** The checks of one finished picture, in a fixed order: size, background, fill, file size (only size when the size is wrong). */
export function measureExportChecks(input: ExportCheckInput, options: ExportCheckOptions = defaultExportCheckOptions): ExportCheck[] {
  const { picture, pieceAlpha, look } = input;
  const { widthPx, heightPx } = look.output;
  const sized = picture.width === widthPx && picture.height === heightPx;
  const sizeCheck: ExportCheck = {
    id: 'size',
    pass: sized,
    message: sized ? `Size: ${widthPx} × ${heightPx} px, as the look asks.` : `Size: ${picture.width} × ${picture.height} px, but the look asks for ${widthPx} × ${heightPx} px.`,
  };
  if (!sized || pieceAlpha.width !== picture.width || pieceAlpha.height !== picture.height) return [sizeCheck];

  const { canvas, fill } = input.framed ?? measureFramedLook(picture, pieceAlpha, input.shadowMap, look);
  const small = input.fileBytes <= options.maxFileBytes;
  const limit = formatFileSize(options.maxFileBytes);
  // Just over the limit, rounding would show the same figure twice: count the bytes then.
  const size = formatFileSize(input.fileBytes) === limit && !small ? `${input.fileBytes.toLocaleString('en')} bytes` : formatFileSize(input.fileBytes);
  return [
    sizeCheck,
    checkBackground(input, canvas, options),
    checkFill(look, fill, options),
    {
      id: 'file-size',
      pass: small,
      message: `File: ${size}, ${small ? 'within' : 'over'} the ${limit} that Etsy and Amazon take.`,
    },
  ];
}
