// Runs in: the retouch command's headless page (automation.html). Exposes the app's worker pool to `npm run retouch`.
import { newImageId, newJobId } from '../pipeline/ids';
import { errorCodeOf } from '../pipeline/errors';
import { choosePoolSize, RetouchPool } from '../workers/pool';
import { renderContactSheet, renderSheetRow } from './contact-sheet';
import { measureResult } from './measure-result';
import { automationRoute, type AutomationApi, type AutomationFileKind, type AutomationJobResult } from './protocol';

let pool: RetouchPool | undefined;
/** Contact-sheet rows by input index (PNG, ~100 KB each). */
const sheetRows = new Map<number, Blob>();

async function fetchBlob(path: string): Promise<Blob> {
  const response = await fetch(`${automationRoute}/${path}`);
  if (!response.ok) throw new Error(`Could not read ${path}: HTTP ${response.status}`);
  return response.blob();
}

async function postFile(path: string, blob: Blob): Promise<number> {
  const response = await fetch(`${automationRoute}/${path}`, { method: 'POST', body: blob });
  if (!response.ok) throw new Error(`Could not write ${path}: ${await response.text()}`);
  return blob.size;
}

const api: AutomationApi = {
  async start(options) {
    pool?.terminate();
    const hardwareConcurrency = navigator.hardwareConcurrency || 2;
    const poolSize = options.poolSize ?? choosePoolSize(hardwareConcurrency);
    pool = new RetouchPool({ size: poolSize, preference: options.preference });
    return { poolSize, hardwareConcurrency, isCrossOriginIsolated: self.crossOriginIsolated, userAgent: navigator.userAgent };
  },

  async process(job): Promise<AutomationJobResult> {
    if (!pool) throw new Error('Call start() first.');
    const started = performance.now();
    try {
      const source = await fetchBlob(`source/${job.index}`);
      const result = await pool.process(new AbortController().signal, { jobId: newJobId(), imageId: newImageId(), source, look: job.look, extras: job.extras });
      const files: Partial<Record<AutomationFileKind, number>> = {};
      files.output = await postFile(`file/${job.index}/output`, result.blob);
      if (result.cutout) files.cutout = await postFile(`file/${job.index}/cutout`, result.cutout);
      if (result.mask) files.mask = await postFile(`file/${job.index}/mask`, result.mask);
      const { imageId: _imageId, blob: _blob, thumbnail: _thumbnail, cutout: _cutout, cutoutPreview: _preview, mask: _mask, ...facts } = result;
      return { isOk: true, wallMs: performance.now() - started, files, ...facts };
    } catch (error) {
      return { isOk: false, code: errorCodeOf(error), message: (error as Error).message ?? String(error), wallMs: performance.now() - started };
    }
  },

  async measure(job) {
    const started = performance.now();
    const [source, output, cutout, mask, truth] = await Promise.all([
      fetchBlob(`source/${job.index}`),
      fetchBlob(`written/${job.index}/output`),
      fetchBlob(`written/${job.index}/cutout`),
      fetchBlob(`written/${job.index}/mask`),
      job.hasTruth ? fetchBlob(`truth/${job.index}`) : undefined,
    ]);
    const { measurement, pictures } = await measureResult(job.name, job.look, { source, output, cutout, mask, truth });
    sheetRows.set(job.index, await renderSheetRow(job.name, pictures));
    return { ...measurement, measureMs: performance.now() - started };
  },

  async writeContactSheets(rowsPerSheet) {
    const ordered = [...sheetRows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
    let sheets = 0;
    for (let start = 0; start < ordered.length; start += rowsPerSheet) {
      await postFile(`sheet/${sheets}`, await renderContactSheet(ordered.slice(start, start + rowsPerSheet)));
      sheets++;
    }
    return sheets;
  },
};

window.lustreAutomation = api;
