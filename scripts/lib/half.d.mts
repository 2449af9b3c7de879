// Types for half.mjs (IEEE 754 half → single conversion used by the model assembly script).
export function convertHalfBitsToFloatBits(half: number): number;
export function convertHalfToFloat(half: number): number;
export function convertHalfBytesToFloatBytes(halfBytes: Uint8Array): Uint8Array;
export function convertHalfInt32DataToFloatBytes(int32Data: ArrayLike<number>): Uint8Array;
