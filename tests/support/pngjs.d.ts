// Minimal types for pngjs 7 (no @types package installed): just the sync API the test codecs use.
declare module 'pngjs' {
  export interface PNGOptions {
    width?: number;
    height?: number;
  }
  export interface PNGWriteOptions {
    /** 0 greyscale, 2 RGB, 4 greyscale+alpha, 6 RGBA (default). */
    colorType?: 0 | 2 | 4 | 6;
    inputColorType?: 0 | 2 | 4 | 6;
  }
  export class PNG {
    constructor(options?: PNGOptions);
    width: number;
    height: number;
    data: Buffer;
    static sync: {
      read(buffer: Buffer): PNG;
      write(png: PNG, options?: PNGWriteOptions): Buffer;
    };
  }
}
