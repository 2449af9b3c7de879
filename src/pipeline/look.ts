// The look (recipe): plain, versioned JSON that says what every finished photo of a batch looks like.
import type { OutputFormat } from './stage';

export interface Look {
  /** Schema version of this JSON; bump with a migration when fields change meaning. */
  schemaVersion: 1;
  name: string;
  output: {
    widthPx: number;
    heightPx: number;
    format: OutputFormat;
    /** 0..1, for JPEG and WebP. */
    quality: number;
  };
  background: {
    kind: 'solid';
    /** sRGB 0..255. */
    rgb: [number, number, number];
  };
  framing: {
    /** 0..1: the piece's bounding box longest side over the frame's matching side. */
    fill: number;
    /** 0..1 of the frame: where the centre of the piece's bounding box goes. */
    anchorX: number;
    anchorY: number;
  };
}

/** The foundation look: pure white, 2000×2000, the piece centred filling 85 %, JPEG. */
export const whiteCatalogLook: Look = {
  schemaVersion: 1,
  name: 'White catalog 2000',
  output: { widthPx: 2000, heightPx: 2000, format: 'image/jpeg', quality: 0.92 },
  background: { kind: 'solid', rgb: [255, 255, 255] },
  framing: { fill: 0.85, anchorX: 0.5, anchorY: 0.5 },
};
