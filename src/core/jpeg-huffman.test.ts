import { describe, expect, it } from 'vitest';
import { JpegBitReader, JpegBitWriter, buildHuffmanCodes, buildHuffmanDecoder, buildOptimalHuffmanTable } from './jpeg-huffman';

/** A deterministic pseudo-random generator (xorshift), so the tests are repeatable. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

describe('buildOptimalHuffmanTable', () => {
  it('gives every occurring symbol a prefix code of at most 16 bits, never all ones, shorter for frequent symbols', () => {
    const counts = new Float64Array(256);
    // A steep (Fibonacci-like) distribution over 40 symbols forces lengths past 16 before limiting.
    let a = 1;
    let b = 1;
    for (let s = 0; s < 40; s++) {
      counts[s * 5] = a;
      [a, b] = [b, Math.min(a + b, 2 ** 40)];
    }
    const table = buildOptimalHuffmanTable(counts);
    expect(table.symbols.length).toBe(40);
    expect(table.countsByLength.reduce((sum, n) => sum + n, 0)).toBe(40);
    // Kraft: Σ 2^-length < 1 strictly (the all-ones code of the longest length stays free).
    const kraft = Array.from(table.countsByLength).reduce((sum, n, i) => sum + n * 2 ** -(i + 1), 0);
    expect(kraft).toBeLessThan(1);
    const codes = buildHuffmanCodes(table);
    for (let s = 0; s < 40; s++) {
      const length = codes.length[s * 5];
      expect(length).toBeGreaterThan(0);
      expect(length).toBeLessThanOrEqual(16);
      expect(codes.code[s * 5]).not.toBe(2 ** length - 1);
    }
    expect(codes.length[39 * 5]).toBeLessThanOrEqual(codes.length[0]);
  });

  it('codes a single symbol with one bit', () => {
    const counts = new Float64Array(256);
    counts[7] = 100;
    const codes = buildHuffmanCodes(buildOptimalHuffmanTable(counts));
    expect(codes.length[7]).toBe(1);
    expect(codes.code[7]).toBe(0);
  });
});

describe('JpegBitWriter and JpegBitReader', () => {
  it('read back what was written, symbols and raw bits, through 0xFF stuffing', () => {
    const random = createRandom(7);
    const counts = new Float64Array(256);
    const stream: { symbol: number; bits: number; value: number }[] = [];
    for (let i = 0; i < 5000; i++) {
      const symbol = random() < 0.3 ? 0xff : Math.floor(random() ** 3 * 256);
      const bits = Math.floor(random() * 12);
      stream.push({ symbol, bits, value: Math.floor(random() * 2 ** bits) });
      counts[symbol]++;
    }
    const table = buildOptimalHuffmanTable(counts);
    const codes = buildHuffmanCodes(table);
    const writer = new JpegBitWriter();
    for (const { symbol, bits, value } of stream) {
      writer.writeBits(codes.code[symbol], codes.length[symbol]);
      writer.writeBits(value, bits);
    }
    const bytes = writer.toBytes();
    // Stuffing: no 0xFF is followed by anything but 0x00.
    for (let i = 0; i + 1 < bytes.length; i++) if (bytes[i] === 0xff) expect(bytes[i + 1]).toBe(0);

    const reader = new JpegBitReader(bytes, 0);
    const decoder = buildHuffmanDecoder(table);
    for (const { symbol, bits, value } of stream) {
      expect(reader.decodeSymbol(decoder)).toBe(symbol);
      expect(reader.readBits(bits)).toBe(value);
    }
  });
});
