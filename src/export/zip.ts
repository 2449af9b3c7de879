// Runs in: main thread. Builds the export ZIP from stored results without recompressing, streamed: each picture is
// read slice by slice as the archive reaches it, and the archive is gathered in Blob parts, so memory does not grow with the batch.
import JSZip from 'jszip';
import { createLazyBlobSource } from './blob-source';
import { AppError } from '../pipeline/errors';
import type { OutputFormat } from '../pipeline/stage';
import { makeExportName } from './naming';

const outputFormats: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'] satisfies OutputFormat[];

export interface ZipEntrySource {
  sourceName: string;
  /** The format expected; the blob's own type wins when it is one (a picture made with an earlier look may differ). */
  format: OutputFormat;
  /** The finished picture (a stored Blob: its bytes are read only as the archive is written). */
  read(): Promise<Blob | undefined>;
}

export interface ZipProgress {
  /** Entries added so far. */
  added: number;
  total: number;
  /** 0..1 while the archive is written. */
  writing: number;
}

export interface ZipOutcome {
  blob: Blob;
  names: string[];
  /** Sources whose result was missing when exported. */
  skipped: string[];
}

export async function buildResultsZip(signal: AbortSignal, entries: ZipEntrySource[], onprogress?: (progress: ZipProgress) => void): Promise<ZipOutcome> {
  const zip = new JSZip();
  const used = new Set<string>();
  const names: string[] = [];
  const skipped: string[] = [];
  for (const [index, entry] of entries.entries()) {
    signal.throwIfAborted();
    const blob = await entry.read();
    if (!blob) {
      skipped.push(entry.sourceName);
      continue;
    }
    const name = makeExportName(entry.sourceName, outputFormats.includes(blob.type as OutputFormat) ? (blob.type as OutputFormat) : entry.format, used);
    // Images are already compressed: STORE avoids burning CPU for no gain.
    zip.file(name, createLazyBlobSource(blob) as Blob, { compression: 'STORE', binary: true });
    names.push(name);
    onprogress?.({ added: index + 1, total: entries.length, writing: 0 });
  }
  if (names.length === 0) throw new AppError('export-failed', 'There are no finished images to export yet.');
  try {
    const blob = await writeArchive(signal, zip, (writing) => onprogress?.({ added: entries.length, total: entries.length, writing }));
    return { blob, names, skipped };
  } catch (error) {
    if (signal.aborted) throw error;
    throw new AppError('export-failed', `The ZIP could not be written: ${(error as Error).message}`, { cause: error });
  }
}

/** Archive bytes gathered in memory before they are handed to a Blob part (which the browser may keep on disk). */
const partBytes = 8 << 20;

/** Writes the archive as a stream into Blob parts; the whole archive is never one buffer. */
function writeArchive(signal: AbortSignal, zip: JSZip, onwriting: (fraction: number) => void): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const parts: Blob[] = [];
    let pending: Uint8Array<ArrayBuffer>[] = [];
    let pendingBytes = 0;
    const flush = () => {
      if (pending.length) parts.push(new Blob(pending));
      pending = [];
      pendingBytes = 0;
    };
    const stream = zip.generateInternalStream({ type: 'uint8array', compression: 'STORE', streamFiles: true });
    const onabort = () => {
      stream.pause();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onabort, { once: true });
    stream
      .on('data', (chunk, meta) => {
        pending.push(chunk as Uint8Array<ArrayBuffer>);
        pendingBytes += chunk.byteLength;
        if (pendingBytes >= partBytes) flush();
        onwriting(meta.percent / 100);
      })
      .on('error', (error) => {
        signal.removeEventListener('abort', onabort);
        reject(error);
      })
      .on('end', () => {
        signal.removeEventListener('abort', onabort);
        flush();
        resolve(new Blob(parts, { type: 'application/zip' }));
      })
      .resume();
  });
}
