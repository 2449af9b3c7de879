// Pure ISNet pre/post-processing: photo → normalized NCHW float tensor, model output → 8-bit mask.
import type { Mask, RgbaImage } from '../core/image';

/** ISNet input normalization on 0..255 RGB: value = (v − 128) / 256. */
export const isnetMean = 128;
export const isnetStd = 256;

/**
 * Resampling weights along one axis: destination index i reads `count[i]` source indices from
 * `first[i]`, with weights `weights[i * maxTaps + k]` that sum to 1.
 */
interface AxisWeights {
  first: Int32Array;
  count: Int32Array;
  weights: Float32Array;
  maxTaps: number;
}

/**
 * Triangle (bilinear) filter with half-pixel centres, widened by the scale factor when shrinking so
 * every source pixel contributes (an antialiased, area-like average, as Pillow's BILINEAR does).
 * Enlarging it is plain bilinear interpolation with edge pixels repeated.
 */
function computeAxisWeights(sourceLength: number, targetLength: number): AxisWeights {
  const scale = sourceLength / targetLength;
  const filterScale = Math.max(scale, 1);
  const support = filterScale;
  const maxTaps = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(targetLength);
  const count = new Int32Array(targetLength);
  const weights = new Float32Array(targetLength * maxTaps);
  for (let i = 0; i < targetLength; i++) {
    const center = (i + 0.5) * scale;
    const low = Math.max(0, Math.floor(center - support));
    const high = Math.min(sourceLength, Math.ceil(center + support));
    let sum = 0;
    let taps = 0;
    for (let j = low; j < high && taps < maxTaps; j++) {
      const w = Math.max(0, 1 - Math.abs((j + 0.5 - center) / filterScale));
      weights[i * maxTaps + taps] = w;
      sum += w;
      taps++;
    }
    for (let k = 0; k < taps; k++) weights[i * maxTaps + k] /= sum;
    first[i] = low;
    count[i] = taps;
  }
  return { first, count, weights, maxTaps };
}

/** For each source row, the destination rows it contributes to and with what weight (the transpose). */
function invertAxisWeights(axis: AxisWeights, sourceLength: number) {
  const targetLength = axis.first.length;
  const start = new Int32Array(sourceLength + 1);
  for (let i = 0; i < targetLength; i++) {
    for (let k = 0; k < axis.count[i]; k++) start[axis.first[i] + k + 1]++;
  }
  for (let j = 0; j < sourceLength; j++) start[j + 1] += start[j];
  const fill = start.slice(0, sourceLength);
  const targets = new Int32Array(start[sourceLength]);
  const weights = new Float32Array(start[sourceLength]);
  for (let i = 0; i < targetLength; i++) {
    for (let k = 0; k < axis.count[i]; k++) {
      const j = axis.first[i] + k;
      targets[fill[j]] = i;
      weights[fill[j]] = axis.weights[i * axis.maxTaps + k];
      fill[j]++;
    }
  }
  return { start, targets, weights };
}

/**
 * The ISNet input for a photo: the whole photo stretched (aspect ratio not kept) to size×size,
 * as float32 NCHW planes R, G, B with value = (v − 128) / 256. Shrinking averages every source
 * pixel (antialiased bilinear); enlarging is bilinear. Alpha is ignored: RGB is used as stored.
 *
 * Works one source row at a time, so the only large buffer is the returned 3·size² tensor.
 */
export function imageToIsnetInput(image: RgbaImage, size = 1024): Float32Array {
  const { width, height, data } = image;
  if (width < 1 || height < 1) throw new RangeError(`Cannot make a model input from a ${width}×${height} image.`);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Model input size must be a positive integer, got ${size}.`);
  const plane = size * size;
  const tensor = new Float32Array(3 * plane);
  const columns = computeAxisWeights(width, size);
  const rows = invertAxisWeights(computeAxisWeights(height, size), height);
  const row = new Float32Array(size * 3);

  for (let sy = 0; sy < height; sy++) {
    const rowStart = rows.start[sy];
    const rowEnd = rows.start[sy + 1];
    if (rowStart === rowEnd) continue;
    // Horizontal pass: this source row resampled to `size` columns, interleaved RGB.
    const base = sy * width * 4;
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let p = base + columns.first[x] * 4;
      const w0 = x * columns.maxTaps;
      for (let k = 0; k < columns.count[x]; k++, p += 4) {
        const w = columns.weights[w0 + k];
        r += w * data[p];
        g += w * data[p + 1];
        b += w * data[p + 2];
      }
      row[x * 3] = r;
      row[x * 3 + 1] = g;
      row[x * 3 + 2] = b;
    }
    // Vertical pass: add this row into every output row it contributes to.
    for (let t = rowStart; t < rowEnd; t++) {
      const wy = rows.weights[t];
      const offset = rows.targets[t] * size;
      for (let x = 0; x < size; x++) {
        tensor[offset + x] += wy * row[x * 3];
        tensor[plane + offset + x] += wy * row[x * 3 + 1];
        tensor[2 * plane + offset + x] += wy * row[x * 3 + 2];
      }
    }
  }
  for (let i = 0; i < tensor.length; i++) tensor[i] = (tensor[i] - isnetMean) / isnetStd;
  return tensor;
}

/**
 * The ISNet `output` ([1, 1, size, size], 0..1) as a size×size mask, 0..255 = round(v · 255),
 * clamped; NaN becomes 0. No min-max stretch: the model's output already spans 0..1 on photos with
 * a piece, and stretching would turn faint noise into foreground on a photo without one.
 */
export function isnetOutputToMask(output: Float32Array, size: number): Mask {
  if (output.length !== size * size) {
    throw new RangeError(`ISNet output has ${output.length} values, expected ${size}×${size}.`);
  }
  const data = new Uint8Array(size * size);
  for (let i = 0; i < data.length; i++) {
    const v = output[i];
    data[i] = v > 0 ? (v >= 1 ? 255 : Math.round(v * 255)) : 0;
  }
  return { width: size, height: size, data };
}
