// The pool's scheduling, with a stand-in worker that speaks comlink over a real MessageChannel: the WebGPU check
// holds its worker (no job shares it, no idle end cuts it short), and a check that never answers ends its worker
// instead of leaving the button spinning. The real worker is covered in the browser (tests/e2e/webgpu.spec.ts).
import { expose } from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendComparison, ProcessRequest, ProcessResult, WorkerStatus } from './protocol';
import { RetouchPool } from './pool';

const status: WorkerStatus = { backend: 'wasm', reason: 'test', modelFile: 'isnet-fp32.onnx', threads: 1, isCrossOriginIsolated: false, sessionMs: 0 };
const comparison: BackendComparison = { webgpu: { ok: true, ms: 1 }, wasm: { ok: true, ms: 1 }, maxAbsDiff: 0 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the stand-in workers do, and what happened to them. */
const behaviour = { compareMs: 0 as number | 'never', events: [] as string[], started: 0, terminated: 0 };

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

  it('holds its worker: a job waits for the check, and the idle end does not cut the check short', async () => {
    behaviour.compareMs = 150;
    pool = new RetouchPool({ size: 1, preference: 'auto', idleMs: 20, compareTimeoutMs: 5_000 });
    const checked = pool.compareBackends();
    await sleep(10);
    const processed = pool.process(new AbortController().signal, request('a'));
    expect(await checked).toEqual(comparison);
    await processed;
    expect(behaviour.events).toEqual(['compare 1 start', 'compare 1 end', 'process 1 a']);
    expect(behaviour.terminated).toBe(0);
  });

  it('a check that never answers ends its worker with the reason, and the next photo starts a new one', async () => {
    behaviour.compareMs = 'never';
    pool = new RetouchPool({ size: 1, preference: 'auto', compareTimeoutMs: 100 });
    await expect(pool.compareBackends()).rejects.toThrow(/The check did not finish in 0 s \(the model loading, or WebGPU not answering\), so its worker was stopped/);
    expect(behaviour.terminated).toBe(1);
    await pool.process(new AbortController().signal, request('b'));
    expect(behaviour.events).toEqual(['compare 1 start', 'process 2 b']);
  });

  it('refuses, with the reason, while every worker is busy', async () => {
    behaviour.compareMs = 100;
    pool = new RetouchPool({ size: 1, preference: 'auto' });
    const first = pool.compareBackends();
    await expect(pool.compareBackends()).rejects.toThrow(/Every worker is busy; check WebGPU once the batch is done/);
    await first;
  });
});
