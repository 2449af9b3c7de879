// Morphology and connectivity on small binary planes (0/1 bytes): square dilation and erosion, closing, hole filling, regions grown from seeds.
import { computeMaskBoundingBox } from './mask-ops';

/** One byte per pixel, 0 or 1, row-major. Meant for working resolutions (about a megapixel), not full photos. */
export interface BinaryPlane {
  width: number;
  height: number;
  data: Uint8Array;
}

export function createBinaryPlane(width: number, height: number): BinaryPlane {
  return { width, height, data: new Uint8Array(width * height) };
}

/** 1 where `predicate(index)` holds. */
export function createBinaryPlaneWhere(width: number, height: number, predicate: (index: number) => boolean): BinaryPlane {
  const plane = createBinaryPlane(width, height);
  for (let k = 0; k < plane.data.length; k++) plane.data[k] = predicate(k) ? 1 : 0;
  return plane;
}

/** How many pixels are 1. */
export function countBinaryPixels(plane: BinaryPlane): number {
  let count = 0;
  for (let k = 0; k < plane.data.length; k++) count += plane.data[k];
  return count;
}

/**
 * Dilates one line of `length` values, read from `input` at `offset + i·stride`, by `radius`: writes 1 into
 * `output` (same layout) where any 1 lies within `radius`. `nearest` is scratch of at least `length`.
 */
function dilateLine(input: Uint8Array, output: Uint8Array, offset: number, stride: number, length: number, radius: number, nearest: Int32Array): void {
  let last = -1e9;
  for (let i = 0, k = offset; i < length; i++, k += stride) {
    if (input[k]) last = i;
    nearest[i] = i - last;
  }
  last = 1e9;
  for (let i = length - 1, k = offset + (length - 1) * stride; i >= 0; i--, k -= stride) {
    if (input[k]) last = i;
    output[k] = nearest[i] <= radius || last - i <= radius ? 1 : 0;
  }
}

/** Dilation by a (2·radiusPx + 1)² square; pixels outside the plane count as 0. */
export function dilateBinary(plane: BinaryPlane, radiusPx: number): BinaryPlane {
  const { width, height, data } = plane;
  const r = Math.max(0, Math.floor(radiusPx));
  const out = createBinaryPlane(width, height);
  if (r === 0) {
    out.data.set(data);
    return out;
  }
  const across = new Uint8Array(width * height);
  const nearest = new Int32Array(Math.max(width, height));
  for (let y = 0; y < height; y++) dilateLine(data, across, y * width, 1, width, r, nearest);
  for (let x = 0; x < width; x++) dilateLine(across, out.data, x, width, height, r, nearest);
  return out;
}

/** 1 − plane. */
export function invertBinary(plane: BinaryPlane): BinaryPlane {
  const out = createBinaryPlane(plane.width, plane.height);
  for (let k = 0; k < plane.data.length; k++) out.data[k] = 1 - plane.data[k];
  return out;
}

/** Erosion by a (2·radiusPx + 1)² square; pixels outside the plane count as 1, so the frame does not eat the piece. */
export function erodeBinary(plane: BinaryPlane, radiusPx: number): BinaryPlane {
  return invertBinary(dilateBinary(invertBinary(plane), radiusPx));
}

/** Closing (dilation, then erosion) by a (2·radiusPx + 1)² square: seals gaps narrower than about 2·radiusPx. */
export function closeBinary(plane: BinaryPlane, radiusPx: number): BinaryPlane {
  return erodeBinary(dilateBinary(plane, radiusPx), radiusPx);
}

/** Calls `visit` with each neighbour of pixel `k` inside the frame: 4 (sides), or 8 with the diagonals. */
function visitNeighbours(k: number, width: number, height: number, fourConnected: boolean, visit: (n: number) => void): void {
  const x = k % width;
  const hasLeft = x > 0;
  const hasRight = x < width - 1;
  const hasUp = k >= width;
  const hasDown = k < (height - 1) * width;
  if (hasLeft) visit(k - 1);
  if (hasRight) visit(k + 1);
  if (hasUp) visit(k - width);
  if (hasDown) visit(k + width);
  if (fourConnected) return;
  if (hasUp && hasLeft) visit(k - width - 1);
  if (hasUp && hasRight) visit(k - width + 1);
  if (hasDown && hasLeft) visit(k + width - 1);
  if (hasDown && hasRight) visit(k + width + 1);
}

/**
 * Floods from the pixels where `isStart` holds through pixels where `canEnter` holds (8-connected, or 4 with
 * `fourConnected`); returns the reached pixels. Start pixels must also pass `canEnter` to count.
 */
export function floodBinary(
  width: number,
  height: number,
  isStart: (index: number) => boolean,
  canEnter: (index: number) => boolean,
  fourConnected = false,
): BinaryPlane {
  const reached = createBinaryPlane(width, height);
  const seen = reached.data;
  const queue = new Int32Array(width * height);
  let tail = 0;
  for (let k = 0; k < width * height; k++) {
    if (isStart(k) && canEnter(k)) {
      seen[k] = 1;
      queue[tail++] = k;
    }
  }
  const visit = (n: number): void => {
    if (seen[n] || !canEnter(n)) return;
    seen[n] = 1;
    queue[tail++] = n;
  };
  for (let head = 0; head < tail; head++) visitNeighbours(queue[head], width, height, fourConnected, visit);
  return reached;
}

/** The pixels that are 0 in `plane` and not connected (4-connected) to the frame's border through other 0 pixels. */
export function findEnclosedBinary(plane: BinaryPlane): BinaryPlane {
  const { width, height, data } = plane;
  const outside = floodBinary(
    width,
    height,
    (k) => {
      const x = k % width;
      const y = (k - x) / width;
      return x === 0 || y === 0 || x === width - 1 || y === height - 1;
    },
    (k) => data[k] === 0,
    true,
  );
  const enclosed = createBinaryPlane(width, height);
  for (let k = 0; k < data.length; k++) enclosed.data[k] = data[k] === 0 && outside.data[k] === 0 ? 1 : 0;
  return enclosed;
}

/** The pixels of `region` 8-connected, through `region`, to a pixel that is 1 in both `region` and `seeds`. */
export function selectConnectedToSeeds(region: BinaryPlane, seeds: BinaryPlane): BinaryPlane {
  return floodBinary(
    region.width,
    region.height,
    (k) => seeds.data[k] === 1,
    (k) => region.data[k] === 1,
  );
}

/** 8-connected regions of 1 pixels: a label per pixel (0 for 0 pixels, 1..count for regions). */
export function labelBinaryRegions(plane: BinaryPlane): { labels: Int32Array; count: number } {
  const { width, height, data } = plane;
  const labels = new Int32Array(width * height);
  const queue = new Int32Array(width * height);
  let count = 0;
  let tail = 0;
  const visit = (n: number): void => {
    if (!data[n] || labels[n]) return;
    labels[n] = count;
    queue[tail++] = n;
  };
  for (let start = 0; start < data.length; start++) {
    if (!data[start] || labels[start]) continue;
    count++;
    tail = 0;
    visit(start);
    for (let head = 0; head < tail; head++) visitNeighbours(queue[head], width, height, false, visit);
  }
  return { labels, count };
}

/** Area (px) and bounding box of each labelled region (`labels` from labelBinaryRegions, rows of `width`). */
export interface RegionBoxes {
  areas: Uint32Array;
  /** x0, y0, x1, y1 (inclusive) per label, at index label·4. */
  boxes: Int32Array;
  /** Squared diagonal (px²) of a region's bounding box, its end pixels included. */
  diagonalSquared(label: number): number;
}

export function measureRegionBoxes(labels: Int32Array, count: number, width: number): RegionBoxes {
  const areas = new Uint32Array(count + 1);
  const boxes = new Int32Array((count + 1) * 4).fill(-1);
  const height = labels.length / width;
  for (let y = 0, k = 0; y < height; y++) {
    for (let x = 0; x < width; x++, k++) {
      const label = labels[k];
      if (label === 0) continue;
      areas[label]++;
      const b = label * 4;
      if (boxes[b] < 0 || x < boxes[b]) boxes[b] = x;
      if (boxes[b + 1] < 0) boxes[b + 1] = y;
      if (x > boxes[b + 2]) boxes[b + 2] = x;
      boxes[b + 3] = y;
    }
  }
  const diagonalSquared = (label: number): number =>
    (boxes[label * 4 + 2] - boxes[label * 4] + 1) ** 2 + (boxes[label * 4 + 3] - boxes[label * 4 + 1] + 1) ** 2;
  return { areas, boxes, diagonalSquared };
}

/**
 * Chessboard distance (px) from each 1 pixel to the nearest 0 pixel or to the outside of the frame; 0 on 0 pixels.
 * Two raster passes.
 */
export function measureDistanceInside(plane: BinaryPlane): Uint16Array {
  const { width, height, data } = plane;
  const distance = new Uint16Array(width * height);
  const cap = 65535;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const k = y * width + x;
      if (!data[k]) continue;
      if (x === 0 || y === 0) {
        distance[k] = 1;
        continue;
      }
      const d = Math.min(distance[k - 1], distance[k - width], distance[k - width - 1], x + 1 < width ? distance[k - width + 1] : 0);
      distance[k] = Math.min(cap, d + 1);
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const k = y * width + x;
      if (!data[k]) continue;
      if (x === width - 1 || y === height - 1) {
        distance[k] = 1;
        continue;
      }
      const d = Math.min(distance[k + 1], distance[k + width], distance[k + width + 1], x > 0 ? distance[k + width - 1] : 0);
      distance[k] = Math.min(distance[k], d + 1);
    }
  }
  return distance;
}

/** Diagonal (px) of the bounding box of the 1 pixels, or 0 when there are none. */
export function measureBinaryDiagonal(plane: BinaryPlane): number {
  const box = computeMaskBoundingBox(plane, 0);
  return box ? Math.hypot(box.width, box.height) : 0;
}
