// Runs in: main thread. Builds the export ZIP from stored results, one entry at a time, without recompressing.
import JSZip from 'jszip';
import { AppError } from '../pipeline/errors';
import type { OutputFormat } from '../pipeline/stage';
import { makeExportName } from './naming';

const outputFormats: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'] satisfies OutputFormat[];

export interface ZipEntrySource {
  sourceName: string;
  /** The format expected; the blob's own type wins when it is one (a picture made with an earlier look may differ). */
  format: OutputFormat;
  /** Reads the finished picture when the archive needs it (keeps memory to one result at a time while adding). */
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
    zip.file(name, blob, { compression: 'STORE', binary: true });
    names.push(name);
    onprogress?.({ added: index + 1, total: entries.length, writing: 0 });
  }
  if (names.length === 0) throw new AppError('export-failed', 'There are no finished images to export yet.');
  try {
    const blob = await zip.generateAsync({ type: 'blob', compression: 'STORE', streamFiles: true }, (meta) =>
      onprogress?.({ added: entries.length, total: entries.length, writing: meta.percent / 100 }),
    );
    return { blob, names, skipped };
  } catch (error) {
    throw new AppError('export-failed', `The ZIP could not be written: ${(error as Error).message}`, { cause: error });
  }
}
