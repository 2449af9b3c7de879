// Runs in: Node. Retouches photos with the built app's own worker pool in headless Chromium and writes the files it posts back.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Route } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import type { Look } from '../pipeline/look';
import type { Backend, OutputFormat } from '../pipeline/stage';
import {
  automationRoute,
  type AutomationFileKind,
  type AutomationJob,
  type AutomationJobResult,
  type AutomationMeasurement,
  type AutomationStart,
} from '../automation/protocol';
import type { WorkerStatus } from '../workers/protocol';
import { ensureBuiltApp, SetupError } from './built-app';
import { chromiumArgs, findChromium, webgpuArgs } from './chromium';
import { extensionOf } from '../export/naming';
import type { InputPhoto } from './inputs';
import { sampleDescendantMemory } from './process-memory';

export interface EngineOptions {
  /** The repository root (holds dist/ and public/models/). */
  root: string;
  outDir: string;
  look: Look;
  backend: Backend;
  /** Also write NAME.cutout.png and NAME.mask.png. */
  hasCutouts: boolean;
  /** Measure every result once the batch is done (from the files written) and write contact sheets. */
  isMeasured: boolean;
  workers?: number;
  /** Rows per contact-sheet JPEG. */
  rowsPerSheet?: number;
  log(line: string): void;
}

export interface PhotoOutcome {
  photo: InputPhoto;
  result: AutomationJobResult;
  /** Files written for it, relative to the output folder. */
  files: Partial<Record<AutomationFileKind, string>>;
  /** Its quality figures, when measured. */
  measurement?: AutomationMeasurement;
  /** Why it could not be measured (its files are written all the same). */
  measurementError?: string;
}

export interface EngineRun {
  start: AutomationStart;
  browserVersion: string;
  /** The first worker's status (backend, reason, threads, model session time). */
  status?: WorkerStatus;
  /** From launching the browser to the page being ready, ms. */
  startupMs: number;
  /** From the first photo handed to the pool to the last result, ms (includes creating the model session). */
  processingMs: number;
  /** Peak resident memory of the browser's processes (browser, renderer, GPU, workers), bytes; null off Linux. */
  peakMemoryBytes: number | null;
  outcomes: PhotoOutcome[];
  /** Contact sheets written, relative to the output folder. */
  contactSheets: string[];
}

function relativeFileName(photo: InputPhoto, kind: AutomationFileKind, format: OutputFormat): string {
  return kind === 'output' ? `${photo.outputStem}.${extensionOf(format)}` : `${photo.outputStem}.${kind}.png`;
}

function contactSheetName(index: number, count: number): string {
  return count === 1 ? 'contact-sheet.jpg' : `contact-sheet-${String(index + 1).padStart(2, '0')}.jpg`;
}

async function launchBrowser(backend: Backend): Promise<Browser> {
  const executablePath = findChromium();
  try {
    return await chromium.launch({ executablePath, headless: true, args: [...chromiumArgs, ...(backend === 'webgpu' ? webgpuArgs : [])] });
  } catch (error) {
    const first = (error as Error).message.split('\n')[0];
    throw new SetupError(
      `Could not start Chromium (${executablePath ?? "Playwright's own browser"}): ${first}\n` +
        'Install it (Debian/Ubuntu: apt-get install chromium; elsewhere: npx playwright install chromium) or set CHROMIUM_PATH.',
    );
  }
}

/**
 * Runs `photos` through the app's pipeline. Results are written as they come back; `onresult` is called once
 * per photo, in completion order. Never throws for a bad photo (its outcome says why); throws SetupError
 * when the app, the models or the browser are not available.
 */
export async function runRetouchEngine(photos: readonly InputPhoto[], options: EngineOptions, onresult: (outcome: PhotoOutcome) => void): Promise<EngineRun> {
  ensureBuiltApp(options.root, options.log);
  mkdirSync(options.outDir, { recursive: true });
  const format = options.look.output.format;
  const written = new Map<number, Partial<Record<AutomationFileKind, string>>>();
  const contactSheets: string[] = [];
  let sheetCount = 1;

  const serveRoute = async (route: Route) => {
    const request = route.request();
    const parts = new URL(request.url()).pathname.slice(automationRoute.length + 1).split('/');
    try {
      if (parts[0] === 'source' || parts[0] === 'truth' || parts[0] === 'written') {
        const index = Number(parts[1]);
        const photo = photos[index];
        const writtenName = written.get(index)?.[parts[2] as AutomationFileKind];
        const path = parts[0] === 'source' ? photo?.path : parts[0] === 'truth' ? photo?.truthPath : writtenName && join(options.outDir, writtenName);
        if (!path) return await route.fulfill({ status: 404, body: 'unknown file' });
        return await route.fulfill({ path });
      }
      const body = request.postDataBuffer() ?? Buffer.alloc(0);
      let name: string;
      if (parts[0] === 'file') {
        const index = Number(parts[1]);
        const kind = parts[2] as AutomationFileKind;
        name = relativeFileName(photos[index], kind, format);
      } else if (parts[0] === 'sheet') {
        name = contactSheetName(Number(parts[1]), sheetCount);
      } else {
        return await route.fulfill({ status: 404, body: 'unknown route' });
      }
      const path = join(options.outDir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, body);
      // Listed only once on disk (a full disk fails the write, and the photo is reported as failed).
      if (parts[0] === 'file') written.set(Number(parts[1]), { ...written.get(Number(parts[1])), [parts[2] as AutomationFileKind]: name });
      else contactSheets.push(name);
      await route.fulfill({ status: 204 });
    } catch (error) {
      // e.g. a full disk: the page reports it as this photo's failure.
      await route.fulfill({ status: 500, body: (error as Error).message }).catch(() => undefined);
    }
  };

  const memory = sampleDescendantMemory();
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  try {
    const launched = performance.now();
    server = await preview({ root: options.root, logLevel: 'silent', preview: { host: '127.0.0.1', port: 0, open: false } });
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new SetupError('The preview server did not report its address.');
    browser = await launchBrowser(options.backend);
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    page.on('pageerror', (error) => options.log(`page error: ${error.message}`));
    let crash: string | undefined;
    page.on('crash', () => (crash = 'The browser tab crashed (out of memory?).'));
    await page.route(`**${automationRoute}/**`, serveRoute);
    await page.goto(new URL('automation.html', url).href);
    await page.waitForFunction(() => window.lustreAutomation !== undefined, undefined, { timeout: 60_000 });
    const start = await page.evaluate(
      (startOptions) => window.lustreAutomation!.start(startOptions),
      { preference: options.backend, ...(options.workers ? { poolSize: options.workers } : {}) },
    );
    const startupMs = performance.now() - launched;

    const outcomes: PhotoOutcome[] = [];
    let status: WorkerStatus | undefined;
    const processingStarted = performance.now();
    let next = 0;
    const runOne = async (index: number) => {
      const photo = photos[index];
      const job: AutomationJob = {
        index,
        name: photo.outputStem,
        look: options.look,
        // Measuring reads the cut-out (the piece's alpha on the picture) and the mask, so it needs them written.
        extras: { cutout: options.hasCutouts || options.isMeasured, mask: options.hasCutouts || options.isMeasured },
      };
      let result: AutomationJobResult;
      try {
        result = crash ? { isOk: false, code: 'worker-crashed', message: crash, wallMs: 0 } : await page.evaluate((j) => window.lustreAutomation!.process(j), job);
      } catch (error) {
        result = { isOk: false, code: 'worker-crashed', message: crash ?? (error as Error).message.split('\n')[0], wallMs: 0 };
      }
      if (result.isOk) status ??= result.status;
      const outcome = { photo, result, files: written.get(index) ?? {} };
      outcomes.push(outcome);
      onresult(outcome);
    };
    // Keep the pool fed (a photo queued behind each busy worker) without holding every file in the page at once.
    const inFlight = Math.max(2, start.poolSize * 2);
    await Promise.all(
      Array.from({ length: Math.min(inFlight, photos.length) }, async () => {
        while (next < photos.length) await runOne(next++);
      }),
    );
    const processingMs = performance.now() - processingStarted;

    const order = new Map(photos.map((photo, index) => [photo, index]));
    outcomes.sort((a, b) => order.get(a.photo)! - order.get(b.photo)!);
    if (options.isMeasured && !crash) {
      options.log('Measuring the results…');
      for (const outcome of outcomes) {
        if (!outcome.result.isOk) continue;
        const index = order.get(outcome.photo)!;
        const job = { index, name: outcome.photo.outputStem, look: options.look, hasTruth: !!outcome.photo.truthPath };
        try {
          outcome.measurement = await page.evaluate((j) => window.lustreAutomation!.measure(j), job);
        } catch (error) {
          outcome.measurementError = (error as Error).message.split('\n')[0];
          options.log(`could not measure ${outcome.photo.path}: ${outcome.measurementError}`);
        }
      }
      const rowsPerSheet = options.rowsPerSheet ?? 40;
      const measuredCount = outcomes.filter((o) => o.measurement).length;
      sheetCount = Math.max(1, Math.ceil(measuredCount / rowsPerSheet));
      if (measuredCount > 0) await page.evaluate((rows) => window.lustreAutomation!.writeContactSheets(rows), rowsPerSheet);
    }
    return { start, browserVersion: browser.version(), status, startupMs, processingMs, peakMemoryBytes: memory.stop(), outcomes, contactSheets };
  } finally {
    memory.stop();
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
  }
}
