// IEEE 754 half → single precision conversion, used to upcast the fp16 ISNet model to fp32.

/** Bit pattern (as an unsigned 32-bit integer) of the float32 equal to the half with bits `half`. */
export function convertHalfBitsToFloatBits(half) {
  const sign = (half & 0x8000) << 16;
  const exponent = (half >> 10) & 0x1f;
  let mantissa = half & 0x3ff;
  if (exponent === 0x1f) {
    // Inf keeps a zero mantissa; NaN keeps its payload (and stays NaN because the payload is non-zero).
    return (sign | 0x7f800000 | (mantissa << 13)) >>> 0;
  }
  if (exponent === 0) {
    if (mantissa === 0) return sign >>> 0; // ±0
    // Subnormal half: shift the mantissa up until its leading 1 becomes the implicit bit.
    let floatExponent = 127 - 15 + 1;
    while ((mantissa & 0x400) === 0) {
      mantissa <<= 1;
      floatExponent--;
    }
    mantissa &= 0x3ff;
    return (sign | (floatExponent << 23) | (mantissa << 13)) >>> 0;
  }
  return (sign | ((exponent + 127 - 15) << 23) | (mantissa << 13)) >>> 0;
}

/** The number a half-precision bit pattern stands for (exact: every half is a float32). */
export function convertHalfToFloat(half) {
  scratchBits[0] = convertHalfBitsToFloatBits(half & 0xffff);
  return scratchFloat[0];
}

const scratchBits = new Uint32Array(1);
const scratchFloat = new Float32Array(scratchBits.buffer);

let halfTable;

/** All 65,536 conversions, built once (256 KiB): the bulk conversion is then one lookup per value. */
function getHalfTable() {
  if (!halfTable) {
    halfTable = new Uint32Array(65536);
    for (let h = 0; h < 65536; h++) halfTable[h] = convertHalfBitsToFloatBits(h);
  }
  return halfTable;
}

const isLittleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Converts little-endian float16 bytes (ONNX raw_data) to little-endian float32 bytes.
 * @param {Uint8Array} halfBytes even length
 * @returns {Uint8Array} twice as long
 */
export function convertHalfBytesToFloatBytes(halfBytes) {
  if (halfBytes.length % 2 !== 0) throw new Error(`float16 data has an odd byte length (${halfBytes.length}).`);
  if (!isLittleEndianHost) throw new Error('convertHalfBytesToFloatBytes assumes a little-endian host.');
  const count = halfBytes.length / 2;
  const table = getHalfTable();
  const out = new Uint32Array(count);
  for (let i = 0, j = 0; i < count; i++, j += 2) out[i] = table[halfBytes[j] | (halfBytes[j + 1] << 8)];
  return new Uint8Array(out.buffer);
}

/**
 * Converts float16 values stored the ONNX way in int32_data (one half in the low 16 bits of each
 * element) to little-endian float32 bytes.
 * @param {ArrayLike<number>} int32Data
 * @returns {Uint8Array}
 */
export function convertHalfInt32DataToFloatBytes(int32Data) {
  if (!isLittleEndianHost) throw new Error('convertHalfInt32DataToFloatBytes assumes a little-endian host.');
  const table = getHalfTable();
  const out = new Uint32Array(int32Data.length);
  for (let i = 0; i < int32Data.length; i++) out[i] = table[int32Data[i] & 0xffff];
  return new Uint8Array(out.buffer);
}
