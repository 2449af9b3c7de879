// Runs in: main thread. A jszip source that reads a Blob slice by slice only when the archive writer gets to it, so an
// export holds one slice of one picture at a time instead of every picture (jszip reads a Blob given to file() at once).
import JSZip from 'jszip';

/** The part of jszip's stream worker (`GenericWorker`, not in its typings) this module uses. */
interface JsZipWorker {
  isPaused: boolean;
  isFinished: boolean;
  push(chunk: { data: Uint8Array; meta: { percent: number } }): void;
  end(): boolean;
  error(error: Error): boolean;
  resume(): boolean;
}

let workerPrototype: object | undefined;

/** The prototype just under `Object.prototype` in `value`'s chain. */
function findBasePrototype(value: object): object | null {
  let proto = Object.getPrototypeOf(value) as object | null;
  while (proto && Object.getPrototypeOf(proto) !== Object.prototype && Object.getPrototypeOf(proto) !== null) proto = Object.getPrototypeOf(proto) as object;
  return proto;
}

/**
 * jszip's `GenericWorker.prototype`. `file()` takes an `instanceof GenericWorker` as a lazy source, but the class is not
 * exported (and the browser build is one bundle), so it is found as the base of the worker behind an archive stream,
 * then checked: a source built on it must be kept by `file()` as it is, not read as data.
 */
function findJsZipWorkerPrototype(): object {
  if (workerPrototype) return workerPrototype;
  const stream = new JSZip().generateInternalStream({ type: 'uint8array' }) as unknown as { _worker?: object };
  const base = stream._worker ? (findBasePrototype(stream._worker) as Partial<JsZipWorker> | null) : null;
  if (base && typeof base.push === 'function' && typeof base.resume === 'function' && typeof base.end === 'function') {
    const probe = initialiseWorker(Object.create(base) as JsZipWorker, 'probe');
    const zip = new JSZip().file('probe', probe as unknown as Blob);
    if ((zip.files.probe as unknown as { _data?: unknown })._data === probe) {
      workerPrototype = base;
      return base;
    }
  }
  throw new Error('This version of jszip has no stream worker to read pictures lazily.');
}

/** The fields GenericWorker's constructor sets (jszip 3.10). */
function initialiseWorker(worker: JsZipWorker, name: string): JsZipWorker {
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
 * A source for `zip.file(name, source, { binary: true })` that reads `blob` in slices, starting when jszip resumes it
 * (jszip writes its entries one after another) and holding back while jszip pauses. Usable for one archive only.
 */
export function createLazyBlobSource(blob: Blob, name: string): unknown {
  const worker = initialiseWorker(Object.create(findJsZipWorkerPrototype()) as JsZipWorker, `picture ${name}`);
  let offset = 0;
  let isReading = false;
  /** A slice read when a pause came: pushed first on the next resume. */
  let held: Uint8Array | null = null;
  const push = (data: Uint8Array) => worker.push({ data, meta: { percent: blob.size ? (100 * offset) / blob.size : 100 } });
  const readWhileResumed = async () => {
    if (isReading) return;
    isReading = true;
    try {
      // Each source starts on a fresh stack (an empty picture ends at once, and the next one would start inside it).
      await null;
      while (!worker.isPaused && !worker.isFinished) {
        if (held) {
          push(held);
          held = null;
          continue;
        }
        if (offset >= blob.size) {
          worker.end();
          break;
        }
        const end = Math.min(blob.size, offset + sliceBytes);
        const data = new Uint8Array(await blob.slice(offset, end).arrayBuffer());
        offset = end;
        if (worker.isPaused) held = data;
        else push(data);
      }
    } catch (error) {
      worker.error(new Error(`${name} could not be read: ${error instanceof Error ? error.message : String(error)}`));
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
