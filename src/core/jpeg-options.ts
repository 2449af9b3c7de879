// MozJPEG encoder options for the final JPEG: the look's quality (0..1) mapped onto what the retouch worker passes to MozJPEG.

/**
 * The options Lustre sets; the encoder's defaults hold for the rest, among them `auto_subsample` (4:4:4 chroma at
 * quality ≥ 90, 4:2:0 below) and overshoot deringing (always on in MozJPEG), which keep the background around the
 * piece pure white. Field names are MozJPEG's (jSquash's `EncodeOptions`).
 */
export interface MozJpegOptions {
  /** 1..100 */
  quality: number;
  /** Baseline (sequential) rather than progressive: about 3× faster here, and only slightly larger. */
  baseline: boolean;
  progressive: boolean;
  /** Optimised Huffman tables (a second pass; smaller files, same pixels). */
  optimize_coding: boolean;
}

/** MozJPEG options for the final picture at `quality` (0..1, as in the look); quality×100 rounded, kept within 1..100 (92, the looks' default, when it is not a number). */
export function chooseMozJpegOptions(quality: number): MozJpegOptions {
  const percent = Number.isFinite(quality) ? Math.round(quality * 100) : 92;
  return { quality: Math.min(100, Math.max(1, percent)), baseline: true, progressive: false, optimize_coding: true };
}
