// Reads a photo file's format, pixel size and EXIF orientation from its first bytes, without decoding.

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'heic' | 'avif' | 'bmp' | 'unknown';

export interface ImageHeader {
  format: ImageFormat;
  /** Stored size, before EXIF orientation; 0 when the header does not say. */
  width: number;
  height: number;
  /** EXIF orientation 1..8 (1 = as stored). */
  orientation: number;
}

/** How many leading bytes `readImageHeader` needs at most to find size and orientation. */
export const imageHeaderBytes = 256 * 1024;

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let text = '';
  for (let i = start; i < start + length && i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

export function detectImageFormat(bytes: Uint8Array): ImageFormat {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG') return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 0, 3) === 'GIF') return 'gif';
  if (ascii(bytes, 0, 2) === 'BM') return 'bmp';
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (brand.startsWith('avi')) return 'avif';
    if (/^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(brand)) return 'heic';
  }
  return 'unknown';
}

export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const format = detectImageFormat(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header: ImageHeader = { format, width: 0, height: 0, orientation: 1 };
  try {
    if (format === 'png' && bytes.length >= 24) {
      header.width = view.getUint32(16);
      header.height = view.getUint32(20);
    } else if (format === 'gif' && bytes.length >= 10) {
      header.width = view.getUint16(6, true);
      header.height = view.getUint16(8, true);
    } else if (format === 'webp') {
      readWebpSize(bytes, view, header);
    } else if (format === 'jpeg') {
      readJpegHeader(bytes, view, header);
    }
  } catch {
    // A truncated header leaves the size at 0: the decoder will tell whether the file is usable.
  }
  return header;
}

function readWebpSize(bytes: Uint8Array, view: DataView, header: ImageHeader): void {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X') {
    header.width = 1 + (view.getUint16(24, true) | (bytes[26] << 16));
    header.height = 1 + (view.getUint16(27, true) | (bytes[29] << 16));
  } else if (chunk === 'VP8 ') {
    header.width = view.getUint16(26, true) & 0x3fff;
    header.height = view.getUint16(28, true) & 0x3fff;
  } else if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    header.width = (bits & 0x3fff) + 1;
    header.height = ((bits >> 14) & 0x3fff) + 1;
  }
}

function readJpegHeader(bytes: Uint8Array, view: DataView, header: ImageHeader): void {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const length = view.getUint16(offset + 2);
    if (marker === 0xe1 && ascii(bytes, offset + 4, 4) === 'Exif') {
      try {
        header.orientation = readExifOrientation(view, offset + 10) ?? 1;
      } catch {
        // A damaged EXIF block must not hide the frame size (the pixel budget depends on it).
        header.orientation = 1;
      }
    }
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      header.height = view.getUint16(offset + 5);
      header.width = view.getUint16(offset + 7);
      return;
    }
    offset += 2 + length;
  }
}

function readExifOrientation(view: DataView, tiffStart: number): number | undefined {
  const little = view.getUint16(tiffStart) === 0x4949;
  const ifd = tiffStart + view.getUint32(tiffStart + 4, little);
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return undefined;
}

/** Size after EXIF orientation: orientations 5..8 swap width and height. */
export function orientedSize(header: ImageHeader): { width: number; height: number } {
  return header.orientation >= 5
    ? { width: header.height, height: header.width }
    : { width: header.width, height: header.height };
}

/** Largest size with the same aspect that fits in `maxPixels`; the size itself when it already fits. */
export function fitPixelBudget(width: number, height: number, maxPixels: number): { width: number; height: number } {
  if (width * height <= maxPixels) return { width, height };
  const scale = Math.sqrt(maxPixels / (width * height));
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}
