// Interleaved float planes for intermediate results (filter coefficients, background fields) at reduced resolution.

/**
 * `channels` interleaved Float32 values per pixel, row-major. Keep these small (working resolution, tiles,
 * rows): a full-size float copy of a 24 MP photo is 96 MB per channel.
 */
export interface FloatPlane {
  width: number;
  height: number;
  channels: number;
  data: Float32Array;
}

export function createFloatPlane(width: number, height: number, channels: number): FloatPlane {
  return { width, height, channels, data: new Float32Array(width * height * channels) };
}
