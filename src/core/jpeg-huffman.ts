// JPEG Huffman coding (ITU T.81): tables as stored in a DHT segment, their decoder and encoder, optimal tables
// built from symbol counts (Annex K.2), and the bit reader and writer of entropy-coded data (with 0xFF stuffing).

/** A table as a DHT segment stores it: how many codes of each length 1..16, then the symbols in code order. */
export interface HuffmanTable {
  /** 16 entries: codes of length 1..16. */
  countsByLength: Uint8Array;
  symbols: Uint8Array;
}

/** The canonical code of each symbol (Annex C): code and length, 0 length for symbols not in the table. */
export interface HuffmanCodes {
  code: Uint16Array;
  length: Uint8Array;
}

/** Decoding arrays of Annex F.2.2.3, indexed by code length 1..16. */
export interface HuffmanDecoder {
  maxCode: Int32Array;
  valueOffset: Int32Array;
  symbols: Uint8Array;
}

export function buildHuffmanCodes(table: HuffmanTable): HuffmanCodes {
  const code = new Uint16Array(256);
  const length = new Uint8Array(256);
  let next = 0;
  let k = 0;
  for (let bits = 1; bits <= 16; bits++) {
    for (let n = 0; n < table.countsByLength[bits - 1]; n++) {
      const symbol = table.symbols[k++];
      code[symbol] = next++;
      length[symbol] = bits;
    }
    next <<= 1;
  }
  return { code, length };
}

export function buildHuffmanDecoder(table: HuffmanTable): HuffmanDecoder {
  const maxCode = new Int32Array(18).fill(-1);
  const valueOffset = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let bits = 1; bits <= 16; bits++) {
    const count = table.countsByLength[bits - 1];
    if (count > 0) {
      valueOffset[bits] = k - code;
      code += count;
      k += count;
      maxCode[bits] = code - 1;
    }
    code <<= 1;
  }
  maxCode[17] = 0x7fffffff;
  return { maxCode, valueOffset, symbols: table.symbols };
}

/**
 * The optimal table for `counts` (how often each symbol 0..255 occurs), limited to 16-bit codes and never using
 * the all-ones code, as libjpeg builds it (Annex K.2). Symbols that never occur get no code.
 */
export function buildOptimalHuffmanTable(counts: ArrayLike<number>): HuffmanTable {
  const frequency = new Float64Array(257);
  for (let i = 0; i < 256; i++) frequency[i] = counts[i];
  frequency[256] = 1; // reserved: keeps the all-ones code unused
  const codeSize = new Int32Array(257);
  const others = new Int32Array(257).fill(-1);
  for (;;) {
    // The two least frequent trees (ties go to the larger symbol, as in libjpeg).
    let c1 = -1;
    let c2 = -1;
    let v1 = Infinity;
    let v2 = Infinity;
    for (let i = 0; i <= 256; i++) {
      const f = frequency[i];
      if (f === 0) continue;
      if (f <= v1) {
        v2 = v1;
        c2 = c1;
        v1 = f;
        c1 = i;
      } else if (f <= v2) {
        v2 = f;
        c2 = i;
      }
    }
    if (c2 < 0) break;
    frequency[c1] += frequency[c2];
    frequency[c2] = 0;
    codeSize[c1]++;
    while (others[c1] >= 0) {
      c1 = others[c1];
      codeSize[c1]++;
    }
    others[c1] = c2;
    codeSize[c2]++;
    while (others[c2] >= 0) {
      c2 = others[c2];
      codeSize[c2]++;
    }
  }
  const bits = new Int32Array(258); // a code is at most 256 long (257 symbols)
  for (let i = 0; i <= 256; i++) if (codeSize[i] > 0) bits[codeSize[i]]++;
  // Lengths over 16: move pairs of leaves up the tree (Annex K, figure K.3).
  for (let i = 257; i > 16; i--) {
    while (bits[i] > 0) {
      let j = i - 2;
      while (bits[j] === 0) j--;
      bits[i] -= 2;
      bits[i - 1]++;
      bits[j + 1] += 2;
      bits[j]--;
    }
  }
  let longest = 16;
  while (bits[longest] === 0) longest--;
  bits[longest]--; // drop the reserved symbol's code
  const symbols: number[] = [];
  for (let size = 1; size <= 257; size++) {
    for (let symbol = 0; symbol < 256; symbol++) if (codeSize[symbol] === size) symbols.push(symbol);
  }
  return { countsByLength: Uint8Array.from(bits.subarray(1, 17)), symbols: Uint8Array.from(symbols) };
}

/** Reads entropy-coded bits from `bytes` at `offset`, undoing 0xFF00 stuffing; a marker reads as 1 bits. */
export class JpegBitReader {
  /** Up to 32 bits not yet read, the next in the highest of the `bitCount` low bits. */
  private bitBuffer = 0;
  private bitCount = 0;

  constructor(
    private readonly bytes: Uint8Array,
    public offset: number,
  ) {}

  /** Tops the buffer up to at least 25 bits (a marker or the end of the data gives 1 bits and is not passed). */
  private fill(): void {
    const bytes = this.bytes;
    while (this.bitCount <= 24) {
      let byte = 0xff;
      if (this.offset < bytes.length) {
        byte = bytes[this.offset];
        if (byte !== 0xff) this.offset++;
        else if (bytes[this.offset + 1] === 0x00) this.offset += 2;
      }
      this.bitBuffer = ((this.bitBuffer << 8) | byte) >>> 0;
      this.bitCount += 8;
    }
  }

  /** The next `count` (1..16) bits without consuming them. */
  private peek(count: number): number {
    if (this.bitCount < count) this.fill();
    return (this.bitBuffer >>> (this.bitCount - count)) & ((1 << count) - 1);
  }

  readBits(count: number): number {
    if (count === 0) return 0;
    const value = this.peek(count);
    this.bitCount -= count;
    return value;
  }

  decodeSymbol(decoder: HuffmanDecoder): number {
    const next = this.peek(16);
    for (let bits = 1; bits <= 16; bits++) {
      const code = next >>> (16 - bits);
      if (code <= decoder.maxCode[bits]) {
        this.bitCount -= bits;
        return decoder.symbols[decoder.valueOffset[bits] + code];
      }
    }
    throw new Error('Corrupt JPEG: no Huffman code matches.');
  }

  /**
   * Drops the bits left (the current byte's padding, and 1 bits made up at the marker: reading never passes a
   * marker, so `offset` is at it) and steps over the restart marker that must follow.
   */
  skipRestartMarker(): void {
    this.bitBuffer = 0;
    this.bitCount = 0;
    while (this.bytes[this.offset] === 0xff && this.bytes[this.offset + 1] === 0xff) this.offset++; // fill bytes
    if (this.bytes[this.offset] !== 0xff || (this.bytes[this.offset + 1] & 0xf8) !== 0xd0) {
      throw new Error('Corrupt JPEG: a restart marker is missing.');
    }
    this.offset += 2;
  }
}

/** Writes entropy-coded bits, stuffing a 0x00 after every 0xFF byte. */
export class JpegBitWriter {
  private chunks: Uint8Array[] = [];
  private buffer = new Uint8Array(1 << 16);
  private length = 0;
  private bitBuffer = 0;
  private bitCount = 0;

  private pushByte(byte: number): void {
    if (this.length === this.buffer.length) {
      this.chunks.push(this.buffer);
      this.buffer = new Uint8Array(this.buffer.length * 2);
      this.length = 0;
    }
    this.buffer[this.length++] = byte;
  }

  /** Appends the low `count` (0..16) bits of `value`, most significant first. */
  writeBits(value: number, count: number): void {
    // At most 7 bits wait in the buffer, so 7 + 16 bits fit in a 32-bit integer.
    this.bitBuffer = (this.bitBuffer << count) | (value & ((1 << count) - 1));
    this.bitCount += count;
    while (this.bitCount >= 8) {
      this.bitCount -= 8;
      const byte = (this.bitBuffer >>> this.bitCount) & 0xff;
      this.pushByte(byte);
      if (byte === 0xff) this.pushByte(0);
    }
    this.bitBuffer &= (1 << this.bitCount) - 1;
  }

  /** Pads the last byte with 1 bits (T.81 F.1.2.3). */
  flush(): void {
    if (this.bitCount > 0) this.writeBits(0xff, 8 - this.bitCount);
  }

  /** A marker (e.g. a restart) written as is, after flushing. */
  writeMarker(marker: number): void {
    this.flush();
    this.pushByte(0xff);
    this.pushByte(marker);
  }

  toBytes(): Uint8Array {
    this.flush();
    const total = this.chunks.reduce((sum, chunk) => sum + chunk.length, 0) + this.length;
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    out.set(this.buffer.subarray(0, this.length), at);
    return out;
  }
}
