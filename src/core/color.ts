// Colour constants and helpers on 8-bit sRGB values (no linearisation).

/** Rec. 709 luma weights applied to sRGB-encoded values (Y′ = 0.2126 R′ + 0.7152 G′ + 0.0722 B′). */
export const lumaWeights = [0.2126, 0.7152, 0.0722] as const;

/** Luma of an sRGB-encoded colour; output has the input's range (0..255 in, 0..255 out). */
export function computeLuma(r: number, g: number, b: number): number {
  return lumaWeights[0] * r + lumaWeights[1] * g + lumaWeights[2] * b;
}

/**
 * Spread of the channel ratios of a colour over a reference colour (max − min of r/rRef, g/gRef, b/bRef; references
 * under 1 count as 1): 0 for the reference's own hue at any brightness (its shading, its shadow), larger as the hue parts.
 */
export function measureRatioSpread(r: number, g: number, b: number, rRef: number, gRef: number, bRef: number): number {
  const qr = r / Math.max(1, rRef);
  const qg = g / Math.max(1, gRef);
  const qb = b / Math.max(1, bRef);
  return Math.max(qr, qg, qb) - Math.min(qr, qg, qb);
}
