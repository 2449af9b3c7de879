// The pool's WebGPU check, with a stand-in worker that speaks comlink over a real MessageChannel: the check runs in a
// worker of its own, ended afterwards, beside the pool's; one that never answers or whose worker dies says so instead
// of leaving the button spinning. The real worker is covered in the browser (tests/e2e/webgpu.spec.ts).
import { expose } from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendComparison, ProcessRequest, ProcessResult, WorkerStatus } from './protocol';
import { RetouchPool } from './pool';

const status: WorkerStatus = { backend: 'wasm', reason: 'test', modelFile: 'isnet-fp32.onnx', threads: 1, isCrossOriginIsolated: false, sessionMs: 0 };
const comparison: BackendComparison = { webgpu: { ok: true, ms: 1 }, wasm: { ok: true, ms: 1 }, maxAbsDiff: 0 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the stand-in workers do, and what happened to them. */
const behaviour = { compareMs: 0 as number | 'never' | 'crash', processMs: 0, events: [] as string[], started: 0, terminated: [] as number[] };

class StandInWorker extends EventTarget {
  readonly #channel = new MessageChannel();
  readonly #id: number;
  constructor() {
    super();
    behaviour.started++;
    const id = behaviour.started;
    this.#id = id;
    expose(
      {
        prepare: async () => status,
        compareBackends: async () => {
          behaviour.events.push(`compare ${id} start`);
          if (behaviour.compareMs === 'never') await new Promise(() => undefined);
          if (behaviour.compareMs === 'crash') {
            this.dispatchEvent(Object.assign(new Event('error'), { message: 'out of memory' }));
            await new Promise(() => undefined);
          }
          await sleep(behaviour.compareMs as number);
          behaviour.events.push(`compare ${id} end`);
          return comparison;
        },
        process: async (request: ProcessRequest) => {
          behaviour.events.push(`process ${id} ${request.imageId} start`);
          await sleep(behaviour.processMs);
          behaviour.events.push(`process ${id} ${request.imageId} end`);
          return { status } as unknown as ProcessResult;
        },
      },
      this.#channel.port1,
    );
    this.#channel.port2.start();
  }
  postMessage(message: unknown, transfer?: Transferable[]) {
    this.#channel.port2.postMessage(message, (transfer ?? []) as never);
  }
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null) {
    if (type === 'message') this.#channel.port2.addEventListener('message', listener as never);
    else super.addEventListener(type, listener);
  }
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null) {
    if (type === 'message') this.#channel.port2.removeEventListener('message', listener as never);
    else super.removeEventListener(type, listener);
  }
  terminate() {
    behaviour.terminated.push(this.#id);
    this.#channel.port1.close();
    this.#channel.port2.close();
  }
}

const request = (imageId: string) => ({ jobId: `job-${imageId}`, imageId }) as unknown as ProcessRequest;

describe('RetouchPool.compareBackends', () => {
  let pool: RetouchPool | undefined;
  beforeEach(() => {
    vi.stubGlobal('Worker', StandInWorker);
    Object.assign(behaviour, { compareMs: 0, processMs: 0, events: [], started: 0, terminated: [] });
  });
  afterEach(() => {
    pool?.terminate();
    vi.unstubAllGlobals();
  });

  it("runs in a worker of its own, beside a photo running on the pool's worker, and only its own worker is ended", async () => {
    behaviour.compareMs = 100;
    behaviour.processMs = 400;
    pool = new RetouchPool({ size: 1, preference: 'auto', compareTimeoutMs: 5_000 });
    const processed = pool.process(new AbortController().signal, request('a'));
    await sleep(50);
    expect(await pool.compareBackends()).toEqual(comparison);
    await processed;
    // Worker 1 is the pool's (it keeps running), worker 2 the check's: the check starts and ends while the photo runs.
    expect(behaviour.events).toEqual(['process 1 a start', 'compare 2 start', 'compare 2 end', 'process 1 a end']);
    expect(behaviour.terminated).toEqual([2]);
  });

  it('a check that never answers is stopped with the reason and its worker ended; the pool goes on', async () => {
    behaviour.compareMs = 'never';
    pool = new RetouchPool({ size: 1, preference: 'auto', compareTimeoutMs: 1_000 });
    await expect(pool.compareBackends()).rejects.toThrow(
      'The check did not finish in 1 s (loading the runtime, or WebGPU not answering), so it was stopped; photos go on as before.',
    );
    expect(behaviour.terminated).toEqual([1]);
    await pool.process(new AbortController().signal, request('b'));
    expect(behaviour.events).toEqual(['compare 1 start', 'process 2 b start', 'process 2 b end']);
  });

  it('a check whose worker dies says so, and its worker is ended', async () => {
    behaviour.compareMs = 'crash';
    pool = new RetouchPool({ size: 1, preference: 'auto' });
    await expect(pool.compareBackends()).rejects.toThrow("The check's worker stopped (out of memory).");
    expect(behaviour.terminated).toEqual([1]);
  });

  it('a check running when the engine restarts (a new backend choice) is stopped and says so', async () => {
    behaviour.compareMs = 'never';
    pool = new RetouchPool({ size: 1, preference: 'auto' });
    const checked = pool.compareBackends();
    await sleep(20);
    pool.terminate();
    await expect(checked).rejects.toThrow('The engine restarted (a new backend choice) during the check; check again.');
    expect(behaviour.terminated).toEqual([1]);
  });
});
