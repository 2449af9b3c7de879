import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildResultsZip, planArchives, type ZipEntry, type ZipEntrySource } from './zip';

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
    expect(outcome.archives).toHaveLength(1);
    expect(outcome.archives[0].type).toBe('application/zip');
    expect(progress.at(-1)).toBe(1);
    const zip = await JSZip.loadAsync(await outcome.archives[0].arrayBuffer());
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

  it('copes with a run of empty pictures (each source starts on a fresh stack)', async () => {
    const { entries } = makeEntries(Array.from({ length: 2000 }, () => 0));
    const outcome = await buildResultsZip(new AbortController().signal, entries);
    expect(Object.keys((await JSZip.loadAsync(await outcome.archives[0].arrayBuffer())).files)).toHaveLength(2000);
  });

  it('stops when cancelled and says nothing was written', async () => {
    const controller = new AbortController();
    const { entries } = makeEntries([3_000_000, 3_000_000]);
    const building = buildResultsZip(controller.signal, entries, (p) => {
      if (p.writing > 0.2) controller.abort(new DOMException('Export cancelled', 'AbortError'));
    });
    await expect(building).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops at once when cancelled before writing', async () => {
    const controller = new AbortController();
    const { entries } = makeEntries([10, 10]);
    const last = entries[1].read;
    entries[1].read = async () => {
      controller.abort(new DOMException('Export cancelled', 'AbortError'));
      return last();
    };
    await expect(buildResultsZip(controller.signal, entries)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('names pictures by their template stem and adds a manifest to each archive, listing its own pictures', async () => {
    const { entries } = makeEntries([10, 20, 30, 40, 50]);
    const facts = (i: number) => ({ sourceName: `photo-${i}.heic`, index: i, look: 'White', isCurrent: true, widthPx: 2000, heightPx: 2000 });
    const named = entries.map((entry, i) => ({ ...entry, stem: `SKU-${String(i + 1).padStart(2, '0')}`, manifest: facts(i) }));
    // Three entries an archive: two pictures and the manifest.
    const outcome = await buildResultsZip(new AbortController().signal, named, undefined, { bytes: 1 << 20, entries: 3 });
    expect(outcome.names).toEqual(['SKU-01.jpg', 'SKU-02.jpg', 'SKU-03.jpg', 'SKU-04.jpg', 'SKU-05.jpg']);
    expect(outcome.archives).toHaveLength(3);
    const listed: string[][] = [];
    for (const [i, archive] of outcome.archives.entries()) {
      const zip = await JSZip.loadAsync(await archive.arrayBuffer());
      // Named for its part, so that unzipping the parts together keeps every manifest.
      const manifestName = `manifest-part-${i + 1}-of-3.csv`;
      const csv = await zip.file(manifestName)!.async('string');
      const rows = csv.trim().split('\r\n').slice(1).map((line) => line.split(',')[0]);
      expect(Object.keys(zip.files).filter((name) => name !== manifestName)).toEqual(rows);
      listed.push(rows);
    }
    expect(listed).toEqual([['SKU-01.jpg', 'SKU-02.jpg'], ['SKU-03.jpg', 'SKU-04.jpg'], ['SKU-05.jpg']]);
  });

  it("writes each picture's cut-out beside it in cutouts/, in the same archive, named like it, and lists the pictures without one", async () => {
    const { entries } = makeEntries([10, 20, 30]);
    const facts = (i: number) => ({ sourceName: `photo-${i}.heic`, index: i, look: 'White', isCurrent: true, widthPx: 2000, heightPx: 2000 });
    const cutouts = [makePicture(15, 7), undefined, makePicture(25, 8)];
    const withCutouts: ZipEntrySource[] = entries.map((entry, i) => ({
      ...entry,
      // Two pictures of one name in two formats: their cut-outs are both PNG, so the second keeps its picture's extension.
      stem: i === 2 ? 'ring-1' : `ring-${i + 1}`,
      ...(i === 2 ? { read: async () => new Blob([makePicture(30, 3)], { type: 'image/webp' }) } : {}),
      manifest: facts(i),
      readCutout: async () => (cutouts[i] ? new Blob([cutouts[i]], { type: 'image/png' }) : undefined),
    }));
    // Four files an archive: the first picture, its cut-out, the second (no cut-out), and the manifest; then the third with its cut-out.
    const outcome = await buildResultsZip(new AbortController().signal, withCutouts, undefined, { bytes: 1 << 20, entries: 4 });
    expect(outcome.names).toEqual(['ring-1.jpg', 'ring-2.jpg', 'ring-1.webp']);
    expect(outcome.cutoutCount).toBe(2);
    expect(outcome.withoutCutout).toEqual(['ring-2.jpg']);
    expect(outcome.archives).toHaveLength(2);
    const first = await JSZip.loadAsync(await outcome.archives[0].arrayBuffer());
    expect(Object.keys(first.files)).toEqual(['ring-1.jpg', 'cutouts/ring-1.png', 'ring-2.jpg', 'manifest-part-1-of-2.csv']);
    expect(Buffer.from(await first.file('cutouts/ring-1.png')!.async('uint8array')).equals(Buffer.from(cutouts[0]!))).toBe(true);
    const second = await JSZip.loadAsync(await outcome.archives[1].arrayBuffer());
    expect(Object.keys(second.files)).toEqual(['ring-1.webp', 'cutouts/ring-1.webp.png', 'manifest-part-2-of-2.csv']);
    const csv = await second.file('manifest-part-2-of-2.csv')!.async('string');
    expect(csv.trim().split('\r\n')[1].split(',').at(-1)).toBe('cutouts/ring-1.webp.png');
  });

  it('writes no manifest when no picture has facts', async () => {
    const { entries } = makeEntries([10, 20]);
    const outcome = await buildResultsZip(new AbortController().signal, entries);
    expect(Object.keys((await JSZip.loadAsync(await outcome.archives[0].arrayBuffer())).files)).toEqual(['photo-0.jpg', 'photo-1.jpg']);
  });

  it('refuses an export with nothing finished', async () => {
    const missing: ZipEntrySource = { sourceName: 'gone.jpg', format: 'image/jpeg', read: async () => undefined };
    await expect(buildResultsZip(new AbortController().signal, [missing])).rejects.toThrow(/no finished images/);
  });
});

describe('planArchives', () => {
  const entry = (name: string, size: number): ZipEntry => ({ name, blob: { size } as Blob });

  it('keeps a batch in one archive while it fits, in order', () => {
    const entries = [entry('a.jpg', 100), entry('b.jpg', 200)];
    expect(planArchives(entries, { bytes: 1000, entries: 10 })).toEqual([entries]);
  });

  it('starts a new archive before one would pass 4 GiB or 65,535 entries (jszip writes no ZIP64)', () => {
    // Each entry: 30 + 5 + size + 16 + 46 + 5 bytes of headers and data; the end record 22.
    const entries = [entry('a.jpg', 300), entry('b.jpg', 300), entry('c.jpg', 300)];
    expect(planArchives(entries, { bytes: 22 + 2 * 402, entries: 10 }).map((part) => part.map((e) => e.name))).toEqual([['a.jpg', 'b.jpg'], ['c.jpg']]);
    expect(planArchives(entries, { bytes: 10_000, entries: 2 }).map((part) => part.length)).toEqual([2, 1]);
    const many = Array.from({ length: 9000 }, (_, i) => entry(`photo-${i}.jpg`, 480_000));
    const parts = planArchives(many);
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(part.reduce((sum, e) => sum + e.blob.size, 0)).toBeLessThan(4 * 2 ** 30);
  });

  it('keeps a picture and its cut-out in one archive, counting both', () => {
    const withCutout = (name: string): ZipEntry => ({ ...entry(name, 100), cutout: { name: `cutouts/${name}.png`, blob: { size: 100 } as Blob } });
    const entries = [withCutout('a.jpg'), withCutout('b.jpg'), entry('c.jpg', 100)];
    expect(planArchives(entries, { bytes: 10_000, entries: 3 }).map((part) => part.map((e) => e.name))).toEqual([['a.jpg'], ['b.jpg', 'c.jpg']]);
  });

  it('refuses a single picture too big for any ZIP', () => {
    expect(() => planArchives([entry('huge.png', 5 * 2 ** 30)])).toThrow(/more than a ZIP can hold/);
  });
});
