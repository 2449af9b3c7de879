// Colour constants and helpers on 8-bit sRGB values (no linearisation).

/** Rec. 709 luma weights applied to sRGB-encoded values (Y′ = 0.2126 R′ + 0.7152 G′ + 0.0722 B′). */
export const lumaWeights = [0.2126, 0.7152, 0.0722] as const;

/** Luma of an sRGB-encoded colour; output has the input's range (0..255 in, 0..255 out). */
export function computeLuma(r: number, g: number, b: number): number {
  return lumaWeights[0] * r + lumaWeights[1] * g + lumaWeights[2] * b;
}
