// The stage contract: what a pipeline stage declares, what it receives, and the state it passes on.
import type { Placement } from '../core/framing';
import type { Mask, RgbaImage } from '../core/image';
import type { Look } from './look';
import type { ExportCheck, PackshotCheck, PieceMeasures, UpscaleFact } from './result-facts';

/** Model ids are stable kebab-case literals (stored in IndexedDB). */
export type ModelId = 'isnet' | 'esrgan-x4';

export type Backend = 'wasm' | 'webgpu';

export type OutputFormat = 'image/jpeg' | 'image/png' | 'image/webp';

/** The piece's metal, as the metal stage classifies it from its pixels. */
export type MetalType = 'yellow' | 'rose' | 'white' | 'mixed';

/** What decoding a file reports about it. */
export interface DecodeInfo {
  /** Size of the file as stored, after EXIF orientation. */
  originalWidth: number;
  originalHeight: number;
  /** True when the photo was larger than the pixel budget and was downscaled while decoding. */
  wasDownscaled: boolean;
}

export interface EncodeOptions {
  /** Pixels (> 0) a JPEG must decode to exactly white: the white background. */
  mustStayWhite?: Mask;
  /** The piece's alpha on the picture: its soft edge may take a little of the colour's rounding (see keepJpegWhitePure). */
  pieceAlpha?: Mask;
  signal?: AbortSignal;
}

/** Part of the photo enlarged by the upscaler, with its mask and the placement moved onto it. Compose uses it in place of the photo. */
export interface EnlargedPiece {
  image: RgbaImage;
  mask: Mask;
  placement: Placement;
  /** The photo rectangle (px) it shows, and its enlargement. */
  region: { x: number; y: number; width: number; height: number };
  factor: number;
}

/** Ports a stage uses to reach the outside world; the worker (or a Node harness) supplies them. */
export interface StageContext {
  signal: AbortSignal;
  look: Look;
  /** Runs a model on one input tensor and returns its single requested output. */
  infer(modelId: ModelId, input: Float32Array, dims: readonly number[]): Promise<Float32Array>;
  /** Decodes a file into pixels with EXIF orientation applied, bounded to `maxPixels`. */
  decode(blob: Blob, maxPixels: number): Promise<{ image: RgbaImage; info: DecodeInfo }>;
  /**
   * Encodes pixels into a file. `quality` 0..1 for lossy formats. A JPEG keeps every pixel that
   * `options.mustStayWhite` marks (> 0, same size as `image`) exactly white.
   */
  encode(image: RgbaImage, format: OutputFormat, quality: number, options?: EncodeOptions): Promise<Blob>;
  /** Reports progress inside a long stage. `fraction` 0..1. */
  progress(fraction: number): void;
}

/** What refine-mask left out of the model's mask, each as a share of the piece the model was sure of. */
export interface LeftOut {
  /** A wide, skin-coloured area the model half-kept beside the piece (a hand under a bracelet). */
  bodyShare: number;
  /** Small parts the model was sure of nowhere, apart from the piece (print, text, clutter). */
  fragmentShare: number;
}

/** The value handed from stage to stage. Each stage fills in what it produces. */
export interface PipelineState {
  source: Blob;
  decodeInfo?: DecodeInfo;
  /** The photo, oriented and bounded. */
  image?: RgbaImage;
  /** The segmentation model's mask at model resolution (e.g. 1024×1024, stretched). */
  modelMask?: Mask;
  /** The model's mask as refine-mask kept it: what it left out (a hand, print around the piece) at 0 (set by refine-mask). */
  keptModelMask?: Mask;
  /** Alpha of the piece at the photo's resolution. */
  mask?: Mask;
  /** What refine-mask left out of the model's mask, as shares of the area the model was sure of (set by refine-mask). */
  leftOut?: LeftOut;
  /** The piece's metal (set by the metal stage). */
  metal?: MetalType;
  /** Reasons to look at this photo first (set by the check stage). */
  checks?: PackshotCheck[];
  /** Where the piece goes on the canvas (set by the frame stage). */
  placement?: Placement;
  /** A sharper, enlarged copy of the piece's part of the photo, when the framing enlarges it a lot (set by the upscale stage; compose uses it up). */
  enlarged?: EnlargedPiece;
  /** How a piece enlarged past the upscale stage's threshold was enlarged (set by the upscale stage). */
  upscale?: UpscaleFact;
  /** The finished picture before encoding. */
  output?: RgbaImage;
  /** The piece's alpha on the finished picture (0..255), e.g. for a transparent cut-out. */
  outputAlpha?: Mask;
  /** Shadow strength on the finished picture (0..255, before the look's opacity), when the look has a shadow. */
  shadowMap?: Mask;
  encoded?: Blob;
  /** The encoded file checked against the look and the marketplaces' file limit (set by the check-export stage). */
  exportChecks?: ExportCheck[];
  /** The finished piece measured on the decoded file (set by the check-export stage). */
  pieceMeasures?: PieceMeasures;
}

export interface Stage<Options extends object = object> {
  id: string;
  /** Bump whenever output pixels change. */
  version: number;
  /**
   * False for a stage that only measures (it changes no pixel of the picture): it is left out of the results' cache
   * key, so adding or tuning it does not make finished results stale. Default true.
   */
  changesPixels?: boolean;
  label: string;
  model?: ModelId;
  defaults: Options;
  run(state: PipelineState, options: Options, ctx: StageContext): Promise<PipelineState>;
}

/** A stage of any options type, for lists of stages (each stage checks its own options). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStage = Stage<any>;

/** Identity helper so a stage declaration is type-checked against the contract. */
export function defineStage<Options extends object>(stage: Stage<Options>): Stage<Options> {
  return stage;
}
