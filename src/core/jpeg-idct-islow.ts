// The inverse DCT that IJG decoders run by default (libjpeg's "islow": 13-bit fixed-point constants, two passes,
// each result rounded, clamped to 0..255), re-implemented so a block's decoded samples can be known exactly without
// decoding the file. libjpeg-turbo's SIMD versions give the same samples, so this is what Chrome, Firefox, Pillow and
// MozJPEG's own decoder show for a block. Used where a level matters: the white next to the piece in a JPEG.

/** Natural (row-major) index of each zig-zag position. */
export const zigZagToNatural = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36,
  29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
]);

const constBits = 13;
const pass1Bits = 2;
// round(c · 2^13) for the rotations of the Loeffler–Ligtenberg–Moschytz factorisation.
const fix0298631336 = 2446;
const fix0390180644 = 3196;
const fix0541196100 = 4433;
const fix0765366865 = 6270;
const fix0899976223 = 7373;
const fix1175875602 = 9633;
const fix1501321110 = 12299;
const fix1847759065 = 15137;
const fix1961570560 = 16069;
const fix2053119869 = 16819;
const fix2562915447 = 20995;
const fix3072711026 = 25172;

/** Rounded arithmetic right shift (libjpeg's DESCALE); exact in doubles for the magnitudes a block reaches. */
function descale(value: number, bits: number): number {
  return Math.floor((value + 2 ** (bits - 1)) / 2 ** bits);
}

/**
 * One 8-point pass over `input[at + i·stride]` (i = 0..7), already dequantised; writes the 8 outputs, still scaled
 * by 2^(shift) (not descaled), to `out[outAt + i·outStride]`.
 */
function idct8(input: Float64Array, at: number, stride: number, out: Float64Array, outAt: number, outStride: number): void {
  // Even part.
  let z2 = input[at + 2 * stride];
  let z3 = input[at + 6 * stride];
  let z1 = (z2 + z3) * fix0541196100;
  let tmp2 = z1 - z3 * fix1847759065;
  let tmp3 = z1 + z2 * fix0765366865;
  z2 = input[at];
  z3 = input[at + 4 * stride];
  let tmp0 = (z2 + z3) * 2 ** constBits;
  let tmp1 = (z2 - z3) * 2 ** constBits;
  const tmp10 = tmp0 + tmp3;
  const tmp13 = tmp0 - tmp3;
  const tmp11 = tmp1 + tmp2;
  const tmp12 = tmp1 - tmp2;
  // Odd part.
  tmp0 = input[at + 7 * stride];
  tmp1 = input[at + 5 * stride];
  tmp2 = input[at + 3 * stride];
  tmp3 = input[at + stride];
  z1 = tmp0 + tmp3;
  z2 = tmp1 + tmp2;
  z3 = tmp0 + tmp2;
  let z4 = tmp1 + tmp3;
  const z5 = (z3 + z4) * fix1175875602;
  tmp0 *= fix0298631336;
  tmp1 *= fix2053119869;
  tmp2 *= fix3072711026;
  tmp3 *= fix1501321110;
  z1 *= -fix0899976223;
  z2 *= -fix2562915447;
  z3 = z3 * -fix1961570560 + z5;
  z4 = z4 * -fix0390180644 + z5;
  tmp0 += z1 + z3;
  tmp1 += z2 + z4;
  tmp2 += z2 + z3;
  tmp3 += z1 + z4;
  out[outAt] = tmp10 + tmp3;
  out[outAt + 7 * outStride] = tmp10 - tmp3;
  out[outAt + outStride] = tmp11 + tmp2;
  out[outAt + 6 * outStride] = tmp11 - tmp2;
  out[outAt + 2 * outStride] = tmp12 + tmp1;
  out[outAt + 5 * outStride] = tmp12 - tmp1;
  out[outAt + 3 * outStride] = tmp13 + tmp0;
  out[outAt + 4 * outStride] = tmp13 - tmp0;
}

const dequantised = new Float64Array(64);
const columnOut = new Float64Array(64);
const workspace = new Float64Array(64);
const rowOut = new Float64Array(8);

/**
 * The block's decoded samples (0..255, row-major) from its quantised coefficients in zig-zag order
 * (`coefficients[offset..offset+63]`) and their quantisation table (zig-zag order), as libjpeg's islow inverse DCT
 * gives them, written to `out`.
 */
export function inverseDctIslow(coefficients: Int16Array, offset: number, quantTable: Uint16Array, out: Uint8Array): void {
  dequantised.fill(0);
  for (let k = 0; k < 64; k++) {
    const value = coefficients[offset + k];
    if (value !== 0) dequantised[zigZagToNatural[k]] = value * quantTable[k];
  }
  // Pass 1: columns, kept with pass1Bits extra bits. A column with no AC terms is its DC, shifted (libjpeg's shortcut
  // gives the same result as the full pass there).
  for (let column = 0; column < 8; column++) {
    idct8(dequantised, column, 8, columnOut, column, 8);
    for (let row = 0; row < 8; row++) workspace[row * 8 + column] = descale(columnOut[row * 8 + column], constBits - pass1Bits);
  }
  // Pass 2: rows, descaled by the pass-1 bits and the 8 of the transform's normalisation, shifted to 0..255.
  for (let row = 0; row < 8; row++) {
    idct8(workspace, row * 8, 1, rowOut, 0, 1);
    for (let x = 0; x < 8; x++) {
      // libjpeg looks the sample up in a range-limit table (index masked to 10 bits): a clamp for anything a
      // block of real coefficients reaches; past ±512 it would wrap, which is left out here.
      const sample = descale(rowOut[x], constBits + pass1Bits + 3) + 128;
      out[row * 8 + x] = sample < 0 ? 0 : sample > 255 ? 255 : sample;
    }
  }
}

/** IJG's YCbCr → RGB (16-bit fixed point, as its lookup tables hold it) for one pixel's samples; writes `out[at..at+2]`. */
export function convertYccToRgbIjg(y: number, cb: number, cr: number, out: Uint8Array | Uint8ClampedArray, at: number): void {
  const half = 1 << 15;
  const red = y + Math.floor((91881 * (cr - 128) + half) / 65536);
  const green = y + Math.floor((-22554 * (cb - 128) + half - 46802 * (cr - 128)) / 65536);
  const blue = y + Math.floor((116130 * (cb - 128) + half) / 65536);
  out[at] = red < 0 ? 0 : red > 255 ? 255 : red;
  out[at + 1] = green < 0 ? 0 : green > 255 ? 255 : green;
  out[at + 2] = blue < 0 ? 0 : blue > 255 ? 255 : blue;
}
