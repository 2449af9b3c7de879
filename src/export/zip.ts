// Runs in: main thread. Builds the export ZIP from stored results without recompressing, streamed: each picture is
// read slice by slice as the archive reaches it, and the archive is gathered in Blob parts, so memory does not grow
// with the batch. A batch too big for one ZIP (jszip writes no ZIP64: 4 GiB, 65,535 entries) goes into several, each
// with a manifest of its own pictures when their facts are given (manifest.csv, or manifest-part-2-of-3.csv…), and
// each picture's transparent cut-out beside it when there is one (cutouts/NAME.png, in the same archive).
import JSZip from 'jszip';
import { AppError } from '../pipeline/errors';
import type { OutputFormat } from '../pipeline/stage';
import { createLazyBlobSource } from './blob-source';
import { formatManifestCsv, nameManifest, type ManifestFacts } from './manifest';
import { makeUniqueFileName, nameCutoutFor, toExportStem } from './naming';

const outputFormats: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'] satisfies OutputFormat[];

export interface ZipEntrySource {
  sourceName: string;
  /** The picture's name in the archive, without extension (from the name template); the source's name when absent. */
  stem?: string;
  /** What the manifest says of it; no manifest is written when no entry has facts. */
  manifest?: ManifestFacts;
  /** The format expected; the blob's own type wins when it is one (a picture made with an earlier look may differ). */
  format: OutputFormat;
  /** The finished picture (a stored Blob: its bytes are read only as the archive is written). */
  read(): Promise<Blob | undefined>;
  /** Its transparent cut-out (PNG), when the export carries cut-outs; a picture without one goes alone. */
  readCutout?(): Promise<Blob | undefined>;
}

export interface ZipProgress {
  /** Entries looked up so far. */
  added: number;
  total: number;
  /** 0..1 of the bytes written, over every archive. */
  writing: number;
}

export interface ZipOutcome {
  /** One archive, or several when the batch is too big for one ZIP; in order. */
  archives: Blob[];
  names: string[];
  /** Sources whose result was missing when exported. */
  skipped: string[];
  /** Cut-outs written, and the pictures (their names in the archive) that had none when cut-outs were asked for. */
  cutoutCount: number;
  withoutCutout: string[];
}

/** A picture ready to go into an archive, under its name there. */
export interface ZipEntry {
  name: string;
  blob: Blob;
  manifest?: ManifestFacts;
  /** Its cut-out, written next to it in the same archive. */
  cutout?: { name: string; blob: Blob };
}

/** Where cut-outs go in the archive. */
export const cutoutFolder = 'cutouts/';

/** What one ZIP can hold without ZIP64, with a margin for the directory and rounding. */
export const zipLimits = { bytes: 4 * 2 ** 30 - 64 * 2 ** 20, entries: 65_535 };

/** The files an entry puts in its archive: the picture, and its cut-out when it has one. */
function listEntryFiles(entry: ZipEntry): { name: string; blob: Blob }[] {
  return entry.cutout ? [{ name: entry.name, blob: entry.blob }, entry.cutout] : [{ name: entry.name, blob: entry.blob }];
}

/** Bytes an entry's files take in a streamed STORE archive: local header, data, data descriptor, central directory record each. */
function measureEntryBytes(entry: ZipEntry): number {
  return listEntryFiles(entry).reduce((sum, { name, blob }) => {
    const nameBytes = new TextEncoder().encode(name).length;
    return sum + 30 + nameBytes + blob.size + 16 + 46 + nameBytes;
  }, 0);
}

/** Bytes of an entry's files' contents. */
function measureContentBytes(entry: ZipEntry): number {
  return listEntryFiles(entry).reduce((sum, { blob }) => sum + blob.size, 0);
}

/** Splits the entries, in order, into as few archives as the limits allow. */
export function planArchives(entries: ZipEntry[], limits: { bytes: number; entries: number } = zipLimits): ZipEntry[][] {
  const archives: ZipEntry[][] = [];
  let current: ZipEntry[] = [];
  let bytes = 22;
  let files = 0;
  for (const entry of entries) {
    const size = measureEntryBytes(entry);
    if (size + 22 > limits.bytes) {
      throw new AppError('export-failed', `${entry.name} is ${(measureContentBytes(entry) / 2 ** 30).toFixed(1)} GB, more than a ZIP can hold.`);
    }
    const count = listEntryFiles(entry).length;
    if (current.length > 0 && (bytes + size > limits.bytes || files + count > limits.entries)) {
      archives.push(current);
      current = [];
      bytes = 22;
      files = 0;
    }
    current.push(entry);
    bytes += size;
    files += count;
  }
  if (current.length > 0) archives.push(current);
  return archives;
}

export async function buildResultsZip(
  signal: AbortSignal,
  entries: ZipEntrySource[],
  onprogress?: (progress: ZipProgress) => void,
  limits: { bytes: number; entries: number } = zipLimits,
): Promise<ZipOutcome> {
  const used = new Set<string>();
  // Cut-outs are named after their pictures' names in the archive (ring (2).jpg: ring (2).png; ring.webp beside ring.jpg: ring.webp.png).
  const usedCutouts = new Set<string>();
  const ready: ZipEntry[] = [];
  const skipped: string[] = [];
  const withoutCutout: string[] = [];
  for (const [index, entry] of entries.entries()) {
    signal.throwIfAborted();
    const blob = await entry.read();
    if (!blob) {
      skipped.push(entry.sourceName);
      continue;
    }
    const format = outputFormats.includes(blob.type as OutputFormat) ? (blob.type as OutputFormat) : entry.format;
    const name = makeUniqueFileName(entry.stem ?? toExportStem(entry.sourceName), format, used);
    const cutoutBlob = entry.readCutout ? await entry.readCutout() : undefined;
    if (entry.readCutout && !cutoutBlob) withoutCutout.push(name);
    const cutout = cutoutBlob ? { name: cutoutFolder + nameCutoutFor(name, usedCutouts), blob: cutoutBlob } : undefined;
    ready.push({ name, blob, ...(entry.manifest ? { manifest: entry.manifest } : {}), ...(cutout ? { cutout } : {}) });
    onprogress?.({ added: index + 1, total: entries.length, writing: 0 });
  }
  if (ready.length === 0) throw new AppError('export-failed', 'There are no finished images to export yet.');
  const hasManifest = ready.some((entry) => entry.manifest);
  // The manifest takes one entry of each archive (its bytes fit the margin zipLimits.bytes keeps).
  const plan = planArchives(ready, hasManifest ? { ...limits, entries: limits.entries - 1 } : limits);
  const totalBytes = ready.reduce((sum, entry) => sum + measureContentBytes(entry), 0);
  let writtenBefore = 0;
  const archives: Blob[] = [];
  try {
    for (const [i, part] of plan.entries()) {
      const partBytes = part.reduce((sum, entry) => sum + measureContentBytes(entry), 0);
      const report = (fraction: number) =>
        onprogress?.({ added: entries.length, total: entries.length, writing: totalBytes ? (writtenBefore + fraction * partBytes) / totalBytes : 1 });
      archives.push(await writeArchive(signal, hasManifest ? [...part, makeManifestEntry(part, nameManifest(i + 1, plan.length))] : part, report));
      writtenBefore += partBytes;
    }
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new AppError('export-failed', `The ZIP could not be written: ${(error as Error).message}`, { cause: error });
  }
  return { archives, names: ready.map((entry) => entry.name), skipped, cutoutCount: ready.filter((entry) => entry.cutout).length, withoutCutout };
}

/** The manifest of one archive's pictures, as an entry of it. */
function makeManifestEntry(part: readonly ZipEntry[], name: string): ZipEntry {
  const rows = part.flatMap((entry) => (entry.manifest ? [{ fileName: entry.name, sizeBytes: entry.blob.size, cutoutName: entry.cutout?.name, facts: entry.manifest }] : []));
  return { name, blob: new Blob([formatManifestCsv(rows)], { type: 'text/csv' }) };
}

/** Archive bytes gathered in memory before they are handed to a Blob part (which the browser may keep on disk). */
const archivePartBytes = 8 << 20;

/** Writes one archive as a stream into Blob parts; the whole archive is never one buffer. */
function writeArchive(signal: AbortSignal, entries: ZipEntry[], onwriting: (fraction: number) => void): Promise<Blob> {
  signal.throwIfAborted();
  const zip = new JSZip();
  // Images are already compressed: STORE avoids burning CPU for no gain.
  for (const { name, blob } of entries.flatMap(listEntryFiles)) zip.file(name, createLazyBlobSource(blob, name) as Blob, { compression: 'STORE', binary: true, createFolders: false });
  return new Promise((resolve, reject) => {
    const parts: Blob[] = [];
    let pending: Uint8Array<ArrayBuffer>[] = [];
    let pendingBytes = 0;
    let isSettled = false;
    const flush = () => {
      if (pending.length) parts.push(new Blob(pending));
      pending = [];
      pendingBytes = 0;
    };
    const stream = zip.generateInternalStream({ type: 'uint8array', compression: 'STORE', streamFiles: true });
    const settle = (done: () => void) => {
      if (isSettled) return;
      isSettled = true;
      signal.removeEventListener('abort', onabort);
      done();
    };
    const onabort = () => {
      stream.pause();
      settle(() => reject(signal.reason));
    };
    signal.addEventListener('abort', onabort, { once: true });
    stream
      .on('data', (chunk, meta) => {
        if (isSettled) return;
        pending.push(chunk as Uint8Array<ArrayBuffer>);
        pendingBytes += chunk.byteLength;
        if (pendingBytes >= archivePartBytes) flush();
        onwriting(meta.percent / 100);
      })
      .on('error', (error) => settle(() => reject(error)))
      .on('end', () =>
        settle(() => {
          flush();
          resolve(new Blob(parts, { type: 'application/zip' }));
        }),
      )
      .resume();
  });
}
