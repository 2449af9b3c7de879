// A baseline (sequential, Huffman) JPEG as its quantised DCT coefficients: read from a file, and written back with
// optimal Huffman tables. Lossless, like jpegtran: what changes in the pixels is only what the caller changes in
// the coefficients. Progressive and arithmetic-coded files are refused.
import { JpegBitReader, JpegBitWriter, buildHuffmanCodes, buildHuffmanDecoder, buildOptimalHuffmanTable, type HuffmanCodes, type HuffmanDecoder, type HuffmanTable } from './jpeg-huffman';

export interface JpegComponent {
  id: number;
  horizontalSampling: number;
  verticalSampling: number;
  quantTableId: number;
  /** Blocks per row and per column, padded to whole MCUs. */
  blocksPerLine: number;
  blocksPerColumn: number;
  /** 64 coefficients per block in zig-zag order, blocks row by row. */
  coefficients: Int16Array;
}

interface JpegScan {
  /** Indexes into `components`, with the scan's DC and AC table ids. */
  components: { index: number; dcTableId: number; acTableId: number }[];
}

export interface BaselineJpeg {
  width: number;
  height: number;
  components: JpegComponent[];
  /** Quantisation tables by id, 64 steps in zig-zag order. */
  quantTables: Map<number, Uint16Array>;
  restartInterval: number;
  /** The file's segments in order: a scan as its header, any other segment as its bytes. */
  segments: ({ kind: 'bytes'; bytes: Uint8Array } | { kind: 'scan'; scan: JpegScan })[];
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DHT = 0xc4;
const DQT = 0xdb;
const DRI = 0xdd;

function readUint16(bytes: Uint8Array, at: number): number {
  return (bytes[at] << 8) | bytes[at + 1];
}

/** Sign-extends a `size`-bit magnitude as T.81 F.2.2.1 does. */
function extend(value: number, size: number): number {
  return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
}

/** Reads a baseline JPEG's coefficients. Throws on progressive, lossless or arithmetic-coded files. */
export function readBaselineJpeg(bytes: Uint8Array): BaselineJpeg {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) throw new Error('Not a JPEG file.');
  const jpeg: BaselineJpeg = { width: 0, height: 0, components: [], quantTables: new Map(), restartInterval: 0, segments: [] };
  let hasScan = false;
  const huffmanTables = new Map<number, HuffmanDecoder>(); // key: class·16 + id
  let at = 2;
  for (;;) {
    while (bytes[at] === 0xff && bytes[at + 1] === 0xff) at++; // fill bytes
    if (at + 2 > bytes.length || bytes[at] !== 0xff) throw new Error('Corrupt JPEG: a marker is missing.');
    const marker = bytes[at + 1];
    if (marker === EOI) break;
    if (at + 4 > bytes.length) throw new Error('Corrupt JPEG: the file ends inside a segment header.');
    const length = readUint16(bytes, at + 2);
    const body = bytes.subarray(at + 4, at + 2 + length);
    if ((marker === DQT || marker === DRI) && hasScan) {
      throw new Error('Tables redefined between scans are not supported.');
    }
    if (marker === 0xc0 || marker === 0xc1) {
      if (body[0] !== 8) throw new Error('Only 8-bit JPEG can be read.');
      jpeg.height = readUint16(body, 1);
      if (jpeg.height === 0) throw new Error('A JPEG whose height comes after its scan (DNL) is not supported.');
      jpeg.width = readUint16(body, 3);
      const count = body[5];
      for (let c = 0; c < count; c++) {
        const base = 6 + c * 3;
        jpeg.components.push({
          id: body[base],
          horizontalSampling: body[base + 1] >> 4,
          verticalSampling: body[base + 1] & 15,
          quantTableId: body[base + 2],
          blocksPerLine: 0,
          blocksPerColumn: 0,
          coefficients: new Int16Array(0),
        });
      }
      allocateBlocks(jpeg);
    } else if ((marker >= 0xc2 && marker <= 0xcf && marker !== DHT && marker !== 0xc8 && marker !== 0xcc)) {
      throw new Error('Only baseline JPEG can be read (this one is progressive, lossless or arithmetic-coded).');
    }
    if (marker === DQT) readQuantTables(body, jpeg.quantTables);
    if (marker === DRI) jpeg.restartInterval = readUint16(body, 0);
    if (marker === DHT) {
      for (const [key, table] of readHuffmanTables(body)) huffmanTables.set(key, buildHuffmanDecoder(table));
      at += 2 + length;
      continue; // written afresh
    }
    if (marker === SOS) {
      const scan = readScanHeader(body, jpeg);
      hasScan = true;
      jpeg.segments.push({ kind: 'scan', scan });
      at = decodeScan(bytes, at + 2 + length, jpeg, scan, huffmanTables);
      continue;
    }
    jpeg.segments.push({ kind: 'bytes', bytes: bytes.subarray(at, at + 2 + length) });
    at += 2 + length;
  }
  if (jpeg.components.length === 0) throw new Error('Corrupt JPEG: no frame header.');
  return jpeg;
}

/** The largest sampling factors of the frame: a component sampled at them is at full resolution. */
export function findMaxSampling(components: readonly JpegComponent[]): { maxH: number; maxV: number } {
  return { maxH: Math.max(...components.map((c) => c.horizontalSampling)), maxV: Math.max(...components.map((c) => c.verticalSampling)) };
}

function allocateBlocks(jpeg: BaselineJpeg): void {
  const { maxH, maxV } = findMaxSampling(jpeg.components);
  const mcusPerLine = Math.ceil(jpeg.width / (8 * maxH));
  const mcusPerColumn = Math.ceil(jpeg.height / (8 * maxV));
  for (const component of jpeg.components) {
    component.blocksPerLine = mcusPerLine * component.horizontalSampling;
    component.blocksPerColumn = mcusPerColumn * component.verticalSampling;
    component.coefficients = new Int16Array(component.blocksPerLine * component.blocksPerColumn * 64);
  }
}

function readQuantTables(body: Uint8Array, tables: Map<number, Uint16Array>): void {
  let at = 0;
  while (at < body.length) {
    const precision = body[at] >> 4;
    const id = body[at] & 15;
    const table = new Uint16Array(64);
    for (let k = 0; k < 64; k++) table[k] = precision ? readUint16(body, at + 1 + k * 2) : body[at + 1 + k];
    tables.set(id, table);
    at += 1 + 64 * (precision ? 2 : 1);
  }
}

function readHuffmanTables(body: Uint8Array): [number, HuffmanTable][] {
  const tables: [number, HuffmanTable][] = [];
  let at = 0;
  while (at < body.length) {
    const key = body[at];
    const countsByLength = body.slice(at + 1, at + 17);
    const total = countsByLength.reduce((sum, n) => sum + n, 0);
    tables.push([key, { countsByLength, symbols: body.slice(at + 17, at + 17 + total) }]);
    at += 17 + total;
  }
  return tables;
}

function readScanHeader(body: Uint8Array, jpeg: BaselineJpeg): JpegScan {
  const count = body[0];
  const components: JpegScan['components'] = [];
  for (let c = 0; c < count; c++) {
    const id = body[1 + c * 2];
    const index = jpeg.components.findIndex((component) => component.id === id);
    if (index < 0) throw new Error('Corrupt JPEG: a scan names an unknown component.');
    components.push({ index, dcTableId: body[2 + c * 2] >> 4, acTableId: body[2 + c * 2] & 15 });
  }
  const start = body[1 + count * 2];
  const end = body[2 + count * 2];
  if (start !== 0 || end !== 63 || body[3 + count * 2] !== 0) throw new Error('Only baseline JPEG can be read (this scan is progressive).');
  return { components };
}

/** Every block of a scan in coding order: which of the scan's components, the block's offset, and its MCU's index. */
interface ScanBlocks {
  scanComponent: Uint8Array;
  blockOffset: Int32Array;
  mcu: Int32Array;
  count: number;
}

function listScanBlocks(jpeg: BaselineJpeg, scan: JpegScan): ScanBlocks {
  const { maxH, maxV } = findMaxSampling(jpeg.components);
  const total = scan.components.reduce((sum, { index }) => sum + jpeg.components[index].coefficients.length / 64, 0);
  const blocks: ScanBlocks = { scanComponent: new Uint8Array(total), blockOffset: new Int32Array(total), mcu: new Int32Array(total), count: 0 };
  const push = (scanComponent: number, blockOffset: number, mcu: number) => {
    blocks.scanComponent[blocks.count] = scanComponent;
    blocks.blockOffset[blocks.count] = blockOffset;
    blocks.mcu[blocks.count++] = mcu;
  };
  if (scan.components.length === 1) {
    // Non-interleaved: the component's own blocks over the image, row by row, one "MCU" per block.
    const component = jpeg.components[scan.components[0].index];
    const columns = Math.ceil(Math.ceil((jpeg.width * component.horizontalSampling) / maxH) / 8);
    const rows = Math.ceil(Math.ceil((jpeg.height * component.verticalSampling) / maxV) / 8);
    for (let row = 0; row < rows; row++) {
      for (let column = 0; column < columns; column++) push(0, (row * component.blocksPerLine + column) * 64, row * columns + column);
    }
    return blocks;
  }
  const first = jpeg.components[scan.components[0].index];
  const mcusPerLine = first.blocksPerLine / first.horizontalSampling;
  const mcusPerColumn = first.blocksPerColumn / first.verticalSampling;
  for (let mcuRow = 0, mcu = 0; mcuRow < mcusPerColumn; mcuRow++) {
    for (let mcuColumn = 0; mcuColumn < mcusPerLine; mcuColumn++, mcu++) {
      for (let c = 0; c < scan.components.length; c++) {
        const component = jpeg.components[scan.components[c].index];
        for (let v = 0; v < component.verticalSampling; v++) {
          for (let h = 0; h < component.horizontalSampling; h++) {
            const blockRow = mcuRow * component.verticalSampling + v;
            const blockColumn = mcuColumn * component.horizontalSampling + h;
            push(c, (blockRow * component.blocksPerLine + blockColumn) * 64, mcu);
          }
        }
      }
    }
  }
  return blocks;
}

/** Decodes one scan's entropy-coded data into the components' coefficients; returns the offset after it. */
function decodeScan(bytes: Uint8Array, start: number, jpeg: BaselineJpeg, scan: JpegScan, tables: Map<number, HuffmanDecoder>): number {
  const reader = new JpegBitReader(bytes, start);
  const predictions = new Int32Array(scan.components.length);
  const decoders = scan.components.map(({ dcTableId, acTableId }) => {
    const dc = tables.get(dcTableId);
    const ac = tables.get(16 + acTableId);
    if (!dc || !ac) throw new Error('Corrupt JPEG: a Huffman table is missing.');
    return { dc, ac };
  });
  const blocks = listScanBlocks(jpeg, scan);
  const planes = scan.components.map(({ index }) => jpeg.components[index].coefficients);
  let lastMcu = 0;
  for (let n = 0; n < blocks.count; n++) {
    const mcu = blocks.mcu[n];
    if (mcu !== lastMcu) {
      if (jpeg.restartInterval > 0 && mcu % jpeg.restartInterval === 0) {
        reader.skipRestartMarker();
        predictions.fill(0);
      }
      lastMcu = mcu;
    }
    const scanComponent = blocks.scanComponent[n];
    const blockOffset = blocks.blockOffset[n];
    const coefficients = planes[scanComponent];
    const { dc, ac } = decoders[scanComponent];
    const size = reader.decodeSymbol(dc);
    const difference = size === 0 ? 0 : extend(reader.readBits(size), size);
    predictions[scanComponent] += difference;
    coefficients[blockOffset] = predictions[scanComponent];
    for (let k = 1; k < 64; ) {
      const symbol = reader.decodeSymbol(ac);
      const run = symbol >> 4;
      const bits = symbol & 15;
      if (bits === 0) {
        if (run !== 15) break;
        k += 16;
        continue;
      }
      k += run;
      if (k > 63) throw new Error('Corrupt JPEG: a block has more than 64 coefficients.');
      coefficients[blockOffset + k] = extend(reader.readBits(bits), bits);
      k++;
    }
  }
  // The scan's data ends at the next marker that is neither stuffing nor a restart.
  let at = reader.offset;
  while (at < bytes.length && !(bytes[at] === 0xff && bytes[at + 1] !== 0 && (bytes[at + 1] & 0xf8) !== 0xd0)) at++;
  return at;
}

/** Magnitude category of a coefficient or difference (T.81 F.1.2.1): how many bits it needs. */
function computeCategory(value: number): number {
  let magnitude = value < 0 ? -value : value;
  let size = 0;
  while (magnitude > 0) {
    size++;
    magnitude >>= 1;
  }
  return size;
}

/** Where one scan's symbols go: counted per table (histograms shared by components that share a table) or written. */
type ScanSink = { dcCounts: Float64Array[]; acCounts: Float64Array[] } | { writer: JpegBitWriter; codes: { dc: HuffmanCodes; ac: HuffmanCodes }[] };

/** Writes one symbol with its code. */
function writeSymbol(writer: JpegBitWriter, codes: HuffmanCodes, symbol: number): void {
  if (codes.length[symbol] === 0) throw new Error('JPEG writer: a symbol has no Huffman code.');
  writer.writeBits(codes.code[symbol], codes.length[symbol]);
}

/**
 * Walks one scan's symbols (T.81 F.1.2): counts them into histograms, or writes them with their codes. The two walks
 * are kept as two loops: a shared one calling a sink per symbol was about 40 % slower per write (a one-off timing
 * on an 800 KB file).
 */
function codeScan(jpeg: BaselineJpeg, scan: JpegScan, blocks: ScanBlocks, sink: ScanSink): void {
  const predictions = new Int32Array(scan.components.length);
  const writer = 'writer' in sink ? sink.writer : null;
  const counts = 'writer' in sink ? null : sink;
  const codes = 'writer' in sink ? sink.codes : null;
  const planes = scan.components.map(({ index }) => jpeg.components[index].coefficients);
  let lastMcu = 0;
  let restarts = 0;
  for (let n = 0; n < blocks.count; n++) {
    const mcu = blocks.mcu[n];
    if (mcu !== lastMcu) {
      if (jpeg.restartInterval > 0 && mcu % jpeg.restartInterval === 0) {
        writer?.writeMarker(0xd0 + (restarts % 8));
        restarts++;
        predictions.fill(0);
      }
      lastMcu = mcu;
    }
    const scanComponent = blocks.scanComponent[n];
    const blockOffset = blocks.blockOffset[n];
    const coefficients = planes[scanComponent];
    const difference = coefficients[blockOffset] - predictions[scanComponent];
    predictions[scanComponent] = coefficients[blockOffset];
    const dcSize = computeCategory(difference);
    if (dcSize > 11) throw new Error('JPEG writer: a DC difference is out of the 8-bit range.');
    let last = 63;
    while (last > 0 && coefficients[blockOffset + last] === 0) last--;
    if (counts) {
      counts.dcCounts[scanComponent][dcSize]++;
      const ac = counts.acCounts[scanComponent];
      let run = 0;
      for (let k = 1; k <= last; k++) {
        const value = coefficients[blockOffset + k];
        if (value === 0) {
          run++;
          continue;
        }
        for (; run > 15; run -= 16) ac[0xf0]++;
        ac[(run << 4) | computeCategory(value)]++;
        run = 0;
      }
      if (last < 63) ac[0x00]++;
      continue;
    }
    const { dc, ac } = codes![scanComponent];
    writeSymbol(writer!, dc, dcSize);
    if (dcSize > 0) writer!.writeBits(difference < 0 ? difference - 1 + (1 << dcSize) : difference, dcSize);
    let run = 0;
    for (let k = 1; k <= last; k++) {
      const value = coefficients[blockOffset + k];
      if (value === 0) {
        run++;
        continue;
      }
      for (; run > 15; run -= 16) writeSymbol(writer!, ac, 0xf0);
      const size = computeCategory(value);
      if (size > 10) throw new Error('JPEG writer: a coefficient is out of the 8-bit range.');
      writeSymbol(writer!, ac, (run << 4) | size);
      writer!.writeBits(value < 0 ? value - 1 + (1 << size) : value, size);
      run = 0;
    }
    if (last < 63) writeSymbol(writer!, ac, 0x00);
  }
}

function encodeHuffmanSegment(tables: { key: number; table: HuffmanTable }[]): Uint8Array {
  const length = 2 + tables.reduce((sum, { table }) => sum + 17 + table.symbols.length, 0);
  const out = new Uint8Array(2 + length);
  out.set([0xff, DHT, length >> 8, length & 255]);
  let at = 4;
  for (const { key, table } of tables) {
    out[at] = key;
    out.set(table.countsByLength, at + 1);
    out.set(table.symbols, at + 17);
    at += 17 + table.symbols.length;
  }
  return out;
}

function encodeScanHeader(jpeg: BaselineJpeg, scan: JpegScan): Uint8Array {
  const count = scan.components.length;
  const length = 6 + 2 * count;
  const out = new Uint8Array(2 + length);
  out.set([0xff, SOS, length >> 8, length & 255, count]);
  scan.components.forEach(({ index, dcTableId, acTableId }, c) => {
    out[5 + c * 2] = jpeg.components[index].id;
    out[6 + c * 2] = (dcTableId << 4) | acTableId;
  });
  out.set([0, 63, 0], 5 + count * 2);
  return out;
}

/**
 * Writes `jpeg` back as a file: its segments as read, each scan from the current coefficients with Huffman tables
 * built for it (one DHT segment before each scan).
 */
export function writeBaselineJpeg(jpeg: BaselineJpeg): Uint8Array {
  const parts: Uint8Array[] = [new Uint8Array([0xff, SOI])];
  for (const segment of jpeg.segments) {
    if (segment.kind === 'bytes') {
      parts.push(segment.bytes);
      continue;
    }
    const { scan } = segment;
    const blocks = listScanBlocks(jpeg, scan);
    // Count the symbols per table id (components of a scan may share a table), then build each table.
    const counts = new Map<number, Float64Array>();
    const histogramOf = (key: number) => {
      let histogram = counts.get(key);
      if (!histogram) counts.set(key, (histogram = new Float64Array(256)));
      return histogram;
    };
    const dcKeys = scan.components.map(({ dcTableId }) => dcTableId);
    const acKeys = scan.components.map(({ acTableId }) => 16 + acTableId);
    codeScan(jpeg, scan, blocks, { dcCounts: dcKeys.map(histogramOf), acCounts: acKeys.map(histogramOf) });
    const tables = [...counts].map(([key, histogram]) => ({ key, table: buildOptimalHuffmanTable(histogram) }));
    const codesByKey = new Map(tables.map(({ key, table }) => [key, buildHuffmanCodes(table)]));
    const codes = scan.components.map((_, c) => ({ dc: codesByKey.get(dcKeys[c])!, ac: codesByKey.get(acKeys[c])! }));
    const writer = new JpegBitWriter();
    codeScan(jpeg, scan, blocks, { writer, codes });
    parts.push(encodeHuffmanSegment(tables), encodeScanHeader(jpeg, scan), writer.toBytes());
  }
  parts.push(new Uint8Array([0xff, EOI]));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
