// MozJPEG (jSquash) in Node for unit tests: its encoder and decoder started from the package's wasm files.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import decodeMozJpeg, { init as initDecoder } from '@jsquash/jpeg/decode.js';
import encodeMozJpeg, { init as initEncoder } from '@jsquash/jpeg/encode.js';

/** jSquash's `init` also takes a compiled module first (its .d.ts lists only the options); Node cannot fetch the wasm itself. */
type InitWithModule = (module: WebAssembly.Module) => Promise<void>;

const packageDir = dirname(createRequire(import.meta.url).resolve('@jsquash/jpeg/package.json'));

async function initFromFile(init: unknown, wasmPath: string): Promise<void> {
  await (init as InitWithModule)(await WebAssembly.compile(readFileSync(join(packageDir, wasmPath))));
}

export interface MozJpegInNode {
  encode: typeof encodeMozJpeg;
  decode: typeof decodeMozJpeg;
  /** `decode` for a file held as bytes (copied into a buffer of its own). */
  decodeBytes(bytes: Uint8Array): Promise<ImageData>;
}

/** Starts both codecs (call once, e.g. in `beforeAll`); returns jSquash's encode and decode. */
export async function startMozJpegInNode(): Promise<MozJpegInNode> {
  await initFromFile(initEncoder, 'codec/enc/mozjpeg_enc.wasm');
  await initFromFile(initDecoder, 'codec/dec/mozjpeg_dec.wasm');
  return { encode: encodeMozJpeg, decode: decodeMozJpeg, decodeBytes: (bytes) => decodeMozJpeg(bytes.slice().buffer) };
}
