// MozJPEG encoder options for the final JPEG: the look's quality (0..1) mapped onto what the retouch worker passes to MozJPEG.

/**
 * The options Lustre sets; the encoder's defaults hold for the rest, among them overshoot deringing (always on in
 * MozJPEG), which keeps most of the background around the piece pure white, and, unless the white must stay pure,
 * `auto_subsample` (4:4:4 chroma at quality ≥ 90, 4:2:0 below). Field names are MozJPEG's (jSquash's `EncodeOptions`).
 */
export interface MozJpegOptions {
  /** 1..100 */
  quality: number;
  /** Baseline (sequential) rather than progressive: about 3× faster here, and only slightly larger. */
  baseline: boolean;
  progressive: boolean;
  /** Optimised Huffman tables (a second pass; smaller files, same pixels). */
  optimize_coding: boolean;
  /** Set (false) with `chroma_subsample` when the colour must be at full resolution. */
  auto_subsample?: boolean;
  /** 1: 4:4:4. */
  chroma_subsample?: number;
  /** The colour's own quality (1..100) instead of `quality`'s. */
  separate_chroma_quality?: boolean;
  chroma_quality?: number;
}

/**
 * MozJPEG options for the final picture at `quality` (0..1, as in the look); quality×100 rounded, kept within 1..100
 * (92, the looks' default, when it is not a number). With `isWhiteKeptPure` (a white background that must decode to
 * exactly 255, see keepJpegWhitePure) the colour is coded at full resolution and quality 100: its steps are then
 * fine enough to hold the white next to the piece neutral without greying the piece's edge. The file is about twice
 * the size (about 0.4 MB at 2000×2000 on the corpus).
 */
export function chooseMozJpegOptions(quality: number, { isWhiteKeptPure = false } = {}): MozJpegOptions {
  const percent = Number.isFinite(quality) ? Math.round(quality * 100) : 92;
  const options: MozJpegOptions = { quality: Math.min(100, Math.max(1, percent)), baseline: true, progressive: false, optimize_coding: true };
  if (!isWhiteKeptPure) return options;
  return { ...options, auto_subsample: false, chroma_subsample: 1, separate_chroma_quality: true, chroma_quality: 100 };
}
