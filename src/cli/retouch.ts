// Runs in: Node. `npm run retouch -- [options] PHOTO_OR_FOLDER... --out DIR`: the app's pipeline as a batch command.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LookError } from '../pipeline/look-json';
import { parseRetouchArgs, usage, UsageError } from './args';
import { SetupError } from './built-app';
import { runRetouchEngine } from './engine';
import { collectInputs } from './inputs';
import { resolveLook } from './look-option';
import { ProgressPrinter } from './progress';
import { buildReport, formatQualityTable, formatTimingTable } from './report';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the command; returns the exit code (0: something was retouched, 1: nothing could be, 2: bad arguments). */
export async function main(argv: readonly string[]): Promise<number> {
  let args;
  let look;
  try {
    args = parseRetouchArgs(argv);
    if (!args) {
      console.log(usage);
      return 0;
    }
    look = resolveLook(args);
  } catch (error) {
    if (error instanceof UsageError || error instanceof LookError) {
      console.error(`lustre retouch: ${error.message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }
  const { photos, skipped } = collectInputs(args.inputs, args.outDir);
  for (const item of skipped) console.error(`skipped ${item.path}: ${item.reason}`);
  if (photos.length === 0) {
    console.error(`lustre retouch: no photos found in ${args.inputs.join(', ')} (JPEG, PNG or WebP; folders are read recursively).`);
    return 1;
  }
  const outDir = resolve(args.outDir);
  console.error(`Retouching ${photos.length} photo${photos.length === 1 ? '' : 's'} with the look "${look.name}" into ${outDir}`);
  const progress = new ProgressPrinter(photos.length, process.stderr, args.isVerbose);
  let run;
  try {
    run = await runRetouchEngine(
      photos,
      { root, outDir, look, backend: args.backend, hasCutouts: args.cutouts, isMeasured: args.quality, workers: args.workers, log: progress.log },
      progress.add,
    );
  } catch (error) {
    progress.finish();
    if (error instanceof SetupError) {
      console.error(`lustre retouch: ${error.message}`);
      return 1;
    }
    throw error;
  }
  progress.finish();
  const report = buildReport(run, { look, requestedBackend: args.backend, skipped, isMeasured: args.quality });
  const reportPath = join(outDir, 'report.json');
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  const lines = [...formatTimingTable(report), ...(report.quality ? ['', ...formatQualityTable(report)] : [])];
  console.log(lines.join('\n'));
  for (const image of report.images.filter((i) => i.status === 'failed')) console.log(`failed: ${image.source}: ${image.error?.message}`);
  console.log(`\nreport: ${reportPath}${report.quality?.contactSheets.length ? `\ncontact sheet: ${report.quality.contactSheets.map((s) => join(outDir, s)).join(', ')}` : ''}`);
  return report.counts.done > 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error('lustre retouch failed:', error);
      process.exitCode = 1;
    },
  );
}
