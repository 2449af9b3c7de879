// Benchmark (not part of `npm test`): memory the export ZIP holds in JavaScript while it is built, for batches of
// different sizes, streamed (`buildResultsZip`: pictures read slice by slice, the archive gathered in Blob parts) and,
// for comparison, the plain jszip way (Blobs handed to file(), one generateAsync). Prints the peak of heap +
// ArrayBuffers above the baseline. Blob storage itself is the runtime's (in Chromium: the browser process, paged to disk).
// Run: node --expose-gc --import tsx tests/bench/export-memory.ts [--sizes 50,500,2000] [--kb 450]
import { parseArgs } from 'node:util';
import JSZip from 'jszip';
import { buildResultsZip, type ZipEntrySource } from '../../src/export/zip';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '50,500,2000' }, kb: { type: 'string', default: '450' } } });
const counts = values.sizes.split(',').map(Number);
const pictureBytes = Number(values.kb) * 1024;

function makePictures(count: number): Blob[] {
  const bytes = new Uint8Array(pictureBytes);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
  return Array.from({ length: count }, (_, i) => {
    bytes[0] = i & 255;
    return new Blob([bytes], { type: 'image/jpeg' });
  });
}

interface Peak {
  heapMiB: number;
  buffersMiB: number;
  archiveMiB: number;
  seconds: number;
}

/** Runs `build` while sampling memory; returns the peaks above the levels before it, and the archive's size. */
async function measure(build: () => Promise<Blob>): Promise<Peak> {
  globalThis.gc?.();
  const before = process.memoryUsage();
  let heap = before.heapUsed;
  let buffers = before.arrayBuffers;
  const sample = () => {
    const now = process.memoryUsage();
    heap = Math.max(heap, now.heapUsed);
    buffers = Math.max(buffers, now.arrayBuffers);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  const archive = await build();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample();
  const mib = (bytes: number) => bytes / 2 ** 20;
  return { heapMiB: mib(heap - before.heapUsed), buffersMiB: mib(buffers - before.arrayBuffers), archiveMiB: mib(archive.size), seconds };
}

async function buildStreamed(pictures: Blob[]): Promise<Blob> {
  const entries: ZipEntrySource[] = pictures.map((blob, i) => ({ sourceName: `photo-${i}.jpg`, format: 'image/jpeg', read: async () => blob }));
  return (await buildResultsZip(new AbortController().signal, entries)).archives[0];
}

async function buildPlain(pictures: Blob[]): Promise<Blob> {
  const zip = new JSZip();
  pictures.forEach((blob, i) => zip.file(`photo-${i}.jpg`, blob, { compression: 'STORE', binary: true }));
  return zip.generateAsync({ type: 'blob', compression: 'STORE', streamFiles: true });
}

console.log(`export memory: pictures of ${values.kb} KB; peaks above the level before each build, MiB`);
console.log('(ArrayBuffers include Node\'s Blob storage, so the archive itself counts there once)\n');
console.log('pictures  archive | streamed: heap  buffers     s | plain jszip: heap  buffers     s');
const cell = (value: number, width: number, digits = 0) => value.toFixed(digits).padStart(width);
for (const count of counts) {
  const pictures = makePictures(count);
  const streamed = await measure(() => buildStreamed(pictures));
  const plain = await measure(() => buildPlain(pictures));
  console.log(
    `${String(count).padStart(8)}  ${cell(streamed.archiveMiB, 7)} | ${cell(streamed.heapMiB, 14)}  ${cell(streamed.buffersMiB, 7)}  ${cell(streamed.seconds, 4, 1)} | ${cell(plain.heapMiB, 17)}  ${cell(plain.buffersMiB, 7)}  ${cell(plain.seconds, 4, 1)}`,
  );
}
