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
const behaviour = { compareMs: 0 as number | 'never' | 'crash', events: [] as string[], started: 0, terminated: 0 };

class StandInWorker extends EventTarget {
  readonly #channel = new MessageChannel();
  constructor() {
    super();
    behaviour.started++;
    const id = behaviour.started;
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
          behaviour.events.push(`process ${id} ${request.imageId}`);
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
    behaviour.terminated++;
    this.#channel.port1.close();
    this.#channel.port2.close();
  }
}

const request = (imageId: string) => ({ jobId: `job-${imageId}`, imageId }) as unknown as ProcessRequest;

describe('RetouchPool.compareBackends', () => {
  let pool: RetouchPool | undefined;
  beforeEach(() => {
    vi.stubGlobal('Worker', StandInWorker);
    Object.assign(behaviour, { compareMs: 0, events: [], started: 0, terminated: 0 });
  });
  afterEach(() => {
    pool?.terminate();
    vi.unstubAllGlobals();
  });

  it("runs in a worker of its own, ended afterwards, while a photo runs on the pool's worker", async () => {
    behaviour.compareMs = 150;
    pool = new RetouchPool({ size: 1, preference: 'auto', compareTimeoutMs: 5_000 });
    const processed = pool.process(new AbortController().signal, request('a'));
    const checked = pool.compareBackends();
    expect(await checked).toEqual(comparison);
    await processed;
    // Worker 1 is the pool's (it keeps running), worker 2 the check's.
    expect(behaviour.events.toSorted()).toEqual(['compare 2 end', 'compare 2 start', 'process 1 a']);
    expect(behaviour.terminated).toBe(1);
  });

  it('a check that never answers is stopped with the reason and its worker ended; the pool goes on', async () => {
    behaviour.compareMs = 'never';
    pool = new RetouchPool({ size: 1, preference: 'auto', compareTimeoutMs: 100 });
    await expect(pool.compareBackends()).rejects.toThrow(/WebGPU did not answer in 0 s, so the check was stopped/);
    expect(behaviour.terminated).toBe(1);
    await pool.process(new AbortController().signal, request('b'));
    expect(behaviour.events).toEqual(['compare 1 start', 'process 2 b']);
  });

  it("a check whose worker dies says so, and its worker is ended", async () => {
    behaviour.compareMs = 'crash';
    pool = new RetouchPool({ size: 1, preference: 'auto' });
    await expect(pool.compareBackends()).rejects.toThrow("The check's worker stopped (out of memory).");
    expect(behaviour.terminated).toBe(1);
  });
});
