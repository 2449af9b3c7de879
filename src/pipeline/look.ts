// The look (recipe): plain, versioned JSON that says what every finished photo of a batch looks like.
// Saved with the batch, exported and imported as a .json file; `look-json.ts` reads and migrates it.
import type { OutputFormat } from './stage';

/** sRGB 0..255. */
export type Rgb = [number, number, number];

/** A flat colour, or a smooth vertical gradient (a sweep: lighter or darker towards the top). */
export type LookBackground = { kind: 'solid'; rgb: Rgb } | { kind: 'gradient'; topRgb: Rgb; bottomRgb: Rgb };

export interface LookShadow {
  /** none; contact: a tight dark line hugging the piece's base; drop: a soft shadow cast by the whole piece. */
  kind: 'none' | 'contact' | 'drop';
  /** 0..1: darkness at the shadow's core. */
  opacity: number;
  /** Blur radius as a fraction of the piece's longest side, 0..0.5. */
  softness: number;
  /** Offset of the shadow from the piece, fractions of the piece's width and height (drop: usually down). */
  offsetX: number;
  offsetY: number;
}

export interface LookTone {
  /** Target 95th-percentile L* of the piece (its metal highlights), 0..100. */
  highlightL: number;
  /** Contrast around the piece's midtones: 1 keeps it, > 1 more, < 1 less. 0.5..1.5. */
  contrast: number;
  /** Saturation multiplier for the piece, 0..2 (1 keeps it). */
  saturation: number;
}

/** How strongly each correction is applied, 0 (off) .. 1 (full). */
export interface LookStrengths {
  whiteBalance: number;
  exposure: number;
  metal: number;
  holes: number;
  whiteOnWhite: number;
  decontaminate: number;
  /** Stones more vivid and facets crisper (the brilliance stage). */
  brilliance: number;
}

export interface Look {
  /** Schema version of this JSON; bump with a migration (look-json.ts) when fields change meaning. */
  schemaVersion: 2;
  name: string;
  output: {
    widthPx: number;
    heightPx: number;
    format: OutputFormat;
    /** 0..1, for JPEG and WebP. */
    quality: number;
  };
  background: LookBackground;
  framing: {
    /** 0..1: the piece's bounding box longest side over the frame's matching side. */
    fill: number;
    /** 0..1 of the frame: where the centre of the piece's bounding box goes. */
    anchorX: number;
    anchorY: number;
    /** 0..0.45: the smallest space kept between the piece and each frame edge, fraction of the frame's side. */
    margin: number;
  };
  shadow: LookShadow;
  tone: LookTone;
  strengths: LookStrengths;
}

export const noShadow: LookShadow = { kind: 'none', opacity: 0, softness: 0, offsetX: 0, offsetY: 0 };

export const defaultTone: LookTone = { highlightL: 96, contrast: 1, saturation: 1 };

export const fullStrengths: LookStrengths = { whiteBalance: 1, exposure: 1, metal: 1, holes: 1, whiteOnWhite: 1, decontaminate: 1, brilliance: 1 };

/** The foundation look: pure white, 2000×2000, the piece centred filling 85 %, JPEG, no shadow. */
export const whiteCatalogLook: Look = {
  schemaVersion: 2,
  name: 'White catalog 2000',
  output: { widthPx: 2000, heightPx: 2000, format: 'image/jpeg', quality: 0.92 },
  background: { kind: 'solid', rgb: [255, 255, 255] },
  framing: { fill: 0.85, anchorX: 0.5, anchorY: 0.5, margin: 0.02 },
  shadow: noShadow,
  tone: defaultTone,
  strengths: fullStrengths,
};

/** The background colour at the frame's vertical position `y01` (0 top .. 1 bottom). */
export function sampleBackground(background: LookBackground, y01: number): Rgb {
  if (background.kind === 'solid') return background.rgb;
  const t = Math.min(1, Math.max(0, y01));
  return background.topRgb.map((top, c) => Math.round(top + (background.bottomRgb[c] - top) * t)) as Rgb;
}

/** The colour edges are judged against and cut-outs are un-blended from: the background at the frame's centre. */
export function backgroundReferenceRgb(background: LookBackground): Rgb {
  return sampleBackground(background, 0.5);
}
