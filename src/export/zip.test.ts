import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildResultsZip, type ZipEntrySource } from './zip';

/** A Blob that logs which picture each read slice belongs to (the archive must read pictures one after another). */
class TracedBlob extends Blob {
  constructor(
    parts: BlobPart[],
    options: BlobPropertyBag,
    private readonly label: string,
    private readonly log: string[],
  ) {
    super(parts, options);
  }

  override slice(start?: number, end?: number, contentType?: string): Blob {
    this.log.push(this.label);
    return super.slice(start, end, contentType);
  }
}

function makePicture(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let state = seed;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

function makeEntries(sizes: number[], log: string[] = []): { entries: ZipEntrySource[]; pictures: Uint8Array[] } {
  const pictures = sizes.map((size, i) => makePicture(size, i + 1));
  const entries = pictures.map((bytes, i) => ({
    sourceName: `photo-${i}.heic`,
    format: 'image/jpeg' as const,
    read: async () => new TracedBlob([bytes], { type: 'image/jpeg' }, `photo-${i}`, log),
  }));
  return { entries, pictures };
}

describe('buildResultsZip', () => {
  it('writes every picture whole, named after its source, and lists the missing ones', async () => {
    // 2.5 MB: read in three slices.
    const { entries, pictures } = makeEntries([2_500_000, 10, 0, 70_000]);
    const missing: ZipEntrySource = { sourceName: 'gone.jpg', format: 'image/jpeg', read: async () => undefined };
    const progress: number[] = [];
    const outcome = await buildResultsZip(new AbortController().signal, [...entries, missing], (p) => progress.push(p.writing));
    expect(outcome.names).toEqual(['photo-0.jpg', 'photo-1.jpg', 'photo-2.jpg', 'photo-3.jpg']);
    expect(outcome.skipped).toEqual(['gone.jpg']);
    expect(outcome.blob.type).toBe('application/zip');
    expect(progress.at(-1)).toBe(1);
    const zip = await JSZip.loadAsync(await outcome.blob.arrayBuffer());
    for (const [i, name] of outcome.names.entries()) {
      const stored = await zip.file(name)!.async('uint8array');
      expect(stored.length, name).toBe(pictures[i].length);
      expect(Buffer.from(stored).equals(Buffer.from(pictures[i])), name).toBe(true);
    }
  });

  it('reads the pictures one after another as the archive reaches them, not all at once', async () => {
    const log: string[] = [];
    const { entries } = makeEntries([1_500_000, 2_200_000, 300_000, 1_100_000], log);
    await buildResultsZip(new AbortController().signal, entries);
    // Each picture's slices come together, in order: only one picture is being read at any time.
    expect(log).toEqual(['photo-0', 'photo-0', 'photo-1', 'photo-1', 'photo-1', 'photo-2', 'photo-3', 'photo-3']);
  });

  it('stops when cancelled and says nothing was written', async () => {
    const controller = new AbortController();
    const { entries } = makeEntries([3_000_000, 3_000_000]);
    const building = buildResultsZip(controller.signal, entries, (p) => {
      if (p.writing > 0.2) controller.abort(new DOMException('Export cancelled', 'AbortError'));
    });
    await expect(building).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses an export with nothing finished', async () => {
    const missing: ZipEntrySource = { sourceName: 'gone.jpg', format: 'image/jpeg', read: async () => undefined };
    await expect(buildResultsZip(new AbortController().signal, [missing])).rejects.toThrow(/no finished images/);
  });
});
