// Benchmark (not part of `npm test`): runs the retouch command's engine over a photo set and prints per-stage
// times, throughput, model session time, peak memory, backend and threads; with --quality, the quality report too.
// Run: npm run bench [-- --photos DIR] [--quality] [--out DIR] [--backend wasm|webgpu] [--workers N]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { whiteCatalogLook } from '../../src/pipeline/look';
import type { Backend } from '../../src/pipeline/stage';
import { runRetouchEngine } from '../../src/cli/engine';
import { collectInputs } from '../../src/cli/inputs';
import { ProgressPrinter } from '../../src/cli/progress';
import { buildReport, formatQualityTable, formatTimingTable } from '../../src/cli/report';
import { prepareGeneratedSet } from './generated-set';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      photos: { type: 'string' },
      out: { type: 'string' },
      quality: { type: 'boolean', default: false },
      backend: { type: 'string', default: 'wasm' },
      workers: { type: 'string' },
    },
  });
  const photoDir = values.photos ? resolve(values.photos) : prepareGeneratedSet(root);
  const outDir = resolve(values.out ?? mkdtempSync(join(tmpdir(), 'lustre-bench-')));
  const backend = values.backend as Backend;
  const { photos, skipped } = collectInputs([photoDir], outDir);
  if (photos.length === 0) {
    console.error(`No photos in ${photoDir}.`);
    return 1;
  }
  console.error(`Benchmark: ${photos.length} photos from ${photoDir} → ${outDir}`);
  const progress = new ProgressPrinter(photos.length, process.stderr, false);
  const run = await runRetouchEngine(
    photos,
    { root, outDir, look: whiteCatalogLook, backend, hasCutouts: false, isMeasured: values.quality, workers: values.workers ? Number(values.workers) : undefined, log: progress.log },
    progress.add,
  );
  progress.finish();
  const report = buildReport(run, { look: whiteCatalogLook, requestedBackend: backend, skipped, isMeasured: values.quality });
  writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const { images: _images, ...summary } = report;
  const summaryPath = join(outDir, 'bench.json');
  writeFileSync(summaryPath, `${JSON.stringify({ photos: photoDir, ...summary }, null, 2)}\n`);

  const machine = `${report.machine.cores} cores (${report.machine.cpuModel}), ${Math.round(report.machine.memoryBytes / 2 ** 30)} GB, Chromium ${report.machine.browser}, Node ${report.machine.node}`;
  console.log(`\n${report.createdAt.slice(0, 10)} · ${machine}\n`);
  console.log(formatTimingTable(report).join('\n'));
  if (report.quality) console.log(`\n${formatQualityTable(report).join('\n')}`);
  for (const image of report.images.filter((i) => i.status === 'failed')) console.log(`failed: ${image.source}: ${image.error?.message}`);
  console.log(`\nbench JSON: ${summaryPath}\nper photo: ${join(outDir, 'report.json')}`);
  if (report.quality?.contactSheets.length) console.log(`contact sheet: ${report.quality.contactSheets.map((s) => join(outDir, s)).join(', ')}`);
  return report.counts.done > 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error('bench failed:', error);
    process.exitCode = 1;
  },
);
