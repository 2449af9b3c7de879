// Runs in: Node. Reads the retouch command's arguments into options, or explains what is wrong with them.
import { parseArgs } from 'node:util';
import type { Backend, OutputFormat } from '../pipeline/stage';
import { formatByName } from '../pipeline/look-json';

export interface RetouchArgs {
  /** Photos and folders, as given. */
  inputs: string[];
  outDir: string;
  /** A named look or a path to a look JSON file. */
  look: string;
  backend: Backend;
  format?: OutputFormat;
  size?: { widthPx: number; heightPx: number };
  cutouts: boolean;
  quality: boolean;
  /** Workers in the pool; default from the machine. */
  workers?: number;
  /** Print every image's line, also on a terminal. */
  isVerbose: boolean;
}

export const usage = `Usage: npm run retouch -- [options] PHOTO_OR_FOLDER... --out DIR

Retouches every photo (JPEG, PNG, WebP; folders are read recursively) with the app's own
pipeline and writes the finished pictures and DIR/report.json.

Options:
  --out DIR            where to write the results (created if missing)
  --look NAME|FILE     a named look (white) or a look .json file        [white]
  --backend wasm|webgpu                                                   [wasm]
  --format jpeg|png|webp   override the look's output format
  --size N | WxH       override the look's output size in pixels, e.g. 2000 or 1600x1200
  --cutouts            also write NAME.cutout.png (transparent) and NAME.mask.png
  --quality            measure the results: figures in report.json, contact-sheet.jpg
  --workers N          worker pool size                                   [from the machine]
  --verbose            one line per photo
  -h, --help           this text

Ground-truth masks for --quality are read from masks/NAME.png next to the photos.
Exit code 0 when at least one photo was retouched; 1 when none could be; 2 for bad arguments.`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function parseSize(text: string): { widthPx: number; heightPx: number } {
  const match = /^(\d+)(?:[x×](\d+))?$/i.exec(text.trim());
  const widthPx = Number(match?.[1]);
  const heightPx = Number(match?.[2] ?? match?.[1]);
  if (!match || !(widthPx >= 16 && widthPx <= 8192 && heightPx >= 16 && heightPx <= 8192)) {
    throw new UsageError(`--size must be N or WxH with sides from 16 to 8192 px (got "${text}").`);
  }
  return { widthPx, heightPx };
}

/** Parses `argv` (without node and script); throws UsageError with a one-line reason. Returns null for --help. */
export function parseRetouchArgs(argv: readonly string[]): RetouchArgs | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        look: { type: 'string', default: 'white' },
        backend: { type: 'string', default: 'wasm' },
        format: { type: 'string' },
        size: { type: 'string' },
        cutouts: { type: 'boolean', default: false },
        quality: { type: 'boolean', default: false },
        workers: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  if (positionals.length === 0) throw new UsageError('Give at least one photo or folder.');
  if (!values.out) throw new UsageError('Give an output folder with --out DIR.');
  if (values.backend !== 'wasm' && values.backend !== 'webgpu') throw new UsageError(`--backend must be wasm or webgpu (got "${values.backend}").`);
  let format: OutputFormat | undefined;
  if (values.format !== undefined) {
    format = formatByName[values.format.toLowerCase()];
    if (!format) throw new UsageError(`--format must be jpeg, png or webp (got "${values.format}").`);
  }
  let workers: number | undefined;
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 8) throw new UsageError(`--workers must be a whole number from 1 to 8 (got "${values.workers}").`);
  }
  return {
    inputs: positionals,
    outDir: values.out,
    look: values.look,
    backend: values.backend,
    format,
    size: values.size === undefined ? undefined : parseSize(values.size),
    cutouts: values.cutouts,
    quality: values.quality,
    workers,
    isVerbose: values.verbose,
  };
}
