// Runs in: main thread. A jszip source that reads a Blob slice by slice only when the archive writer gets to it, so an
// export holds one slice of one picture at a time instead of every picture (jszip reads a Blob given to file() at once).
import JSZip from 'jszip';

/** The part of jszip's stream worker this module uses (jszip's own `GenericWorker`, not in its typings). */
interface JsZipWorker {
  isPaused: boolean;
  isFinished: boolean;
  push(chunk: { data: Uint8Array; meta: { percent: number } }): void;
  end(): boolean;
  error(error: Error): boolean;
  resume(): boolean;
}

let workerPrototype: object | undefined;

/**
 * jszip's `GenericWorker.prototype`: `file()` takes an object that is an `instanceof GenericWorker` as a lazy source.
 * The class is not exported and the browser build is one bundle, so its prototype is found under the worker any
 * archive stream runs on (ZipFileWorker → GenericWorker). Checked by the tests, in Node and in the browser build.
 */
function findJsZipWorkerPrototype(): object {
  if (workerPrototype) return workerPrototype;
  const stream = new JSZip().generateInternalStream({ type: 'uint8array' }) as unknown as { _worker?: object };
  const base = stream._worker && (Object.getPrototypeOf(Object.getPrototypeOf(stream._worker)) as Partial<JsZipWorker> | null);
  if (!base || typeof base.push !== 'function' || typeof base.resume !== 'function' || typeof base.end !== 'function') {
    throw new Error('This version of jszip has no stream worker to read pictures lazily.');
  }
  workerPrototype = base;
  return base;
}

/** A new jszip worker: GenericWorker's prototype with the fields its constructor sets (jszip 3.x). */
function createJsZipWorker(name: string): JsZipWorker {
  const worker = Object.create(findJsZipWorkerPrototype()) as JsZipWorker;
  return Object.assign(worker, {
    name,
    streamInfo: {},
    generatedError: null,
    extraStreamInfo: {},
    isPaused: true,
    isFinished: false,
    isLocked: false,
    _listeners: { data: [], end: [], error: [] },
    previous: null,
  });
}

/** Bytes read from a Blob per step. */
const sliceBytes = 1 << 20;

/**
 * A source for `zip.file(name, source, { binary: true })` that reads `blob` in slices, starting when jszip resumes
 * it (jszip writes its entries one after another) and pausing when jszip pauses.
 */
export function createLazyBlobSource(blob: Blob): unknown {
  const worker = createJsZipWorker('LazyBlobSource');
  let offset = 0;
  let isReading = false;
  const readWhileResumed = async () => {
    if (isReading) return;
    isReading = true;
    try {
      while (!worker.isPaused && !worker.isFinished && offset < blob.size) {
        const end = Math.min(blob.size, offset + sliceBytes);
        const data = new Uint8Array(await blob.slice(offset, end).arrayBuffer());
        offset = end;
        worker.push({ data, meta: { percent: (100 * offset) / blob.size } });
      }
      if (offset >= blob.size && !worker.isPaused && !worker.isFinished) worker.end();
    } catch (error) {
      worker.error(error instanceof Error ? error : new Error(String(error)));
    } finally {
      isReading = false;
      // Resumed again between the loop's last check and here: carry on.
      if (!worker.isPaused && !worker.isFinished) void readWhileResumed();
    }
  };
  const resume = worker.resume.bind(worker);
  worker.resume = () => {
    if (!resume()) return false;
    void readWhileResumed();
    return true;
  };
  return worker;
}
