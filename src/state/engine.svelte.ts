// Runs in: main thread. The retouch engine as the UI sees it: the worker pool, the backend in use and why.
import { chooseIsnetVariant, modelSpecs } from '../models/manifest';
import { toAppError } from '../pipeline/errors';
import { probeBackend, type BackendChoice, type BackendPreference } from '../platform/backend-probe';
import { choosePoolSize, RetouchPool } from '../workers/pool';
import type { BackendComparison, InjectedFault, WorkerStatus } from '../workers/protocol';

/** Fault injection for testing fallbacks; see InjectedFault. */
function readInjectedFaults(): InjectedFault[] {
  const text = globalThis.localStorage?.getItem('lustre.debug.faults') ?? '';
  return text.split(',').filter((f): f is InjectedFault => f === 'webgpu-session' || f === 'webgpu-run');
}

export class Engine {
  /** What a worker will run on, probed on the page without loading the model (cheap, at start-up). */
  plan = $state.raw<BackendChoice | undefined>(undefined);
  /** What a worker actually runs on, once one has loaded the model (after any fallback). */
  status = $state.raw<WorkerStatus | undefined>(undefined);
  /** The model file the engine runs: known once a worker has loaded it, else the one the backend probe implies. */
  modelFile = $derived.by(() => {
    if (this.status) return this.status.modelFile;
    return this.plan ? modelSpecs[chooseIsnetVariant(this.plan.backend, this.plan.hasShaderF16)].file : undefined;
  });
  comparison = $state.raw<BackendComparison | undefined>(undefined);
  isComparing = $state(false);
  /** Why the last WebGPU check could not finish (its worker crashed or did not answer, or the engine restarted). */
  comparisonProblem = $state<string | undefined>(undefined);
  readonly size: number;
  #pool: RetouchPool;
  #preference: BackendPreference;

  constructor(preference: BackendPreference, cores: number) {
    this.size = choosePoolSize(cores);
    this.#preference = preference;
    this.#pool = this.#createPool();
  }

  get pool(): RetouchPool {
    return this.#pool;
  }

  #createPool(): RetouchPool {
    return new RetouchPool({ size: this.size, preference: this.#preference, faults: readInjectedFaults() }, (status) => {
      this.status = status;
      console.info(`[lustre] backend ${status.backend}: ${status.reason}`);
    });
  }

  /** Asks for an adapter on the page; the model itself loads only when photos are processed. */
  probe = async (): Promise<void> => {
    this.plan = await probeBackend(this.#preference);
  };

  /** A new preference takes effect with new workers; call only when no batch is running. */
  setPreference = (preference: BackendPreference): void => {
    if (preference === this.#preference) return;
    this.#preference = preference;
    this.#pool.terminate();
    this.status = undefined;
    this.#pool = this.#createPool();
    void this.probe();
  };

  compareBackends = async (): Promise<void> => {
    if (this.isComparing) return;
    this.isComparing = true;
    this.comparisonProblem = undefined;
    try {
      this.comparison = await this.#pool.compareBackends();
    } catch (error) {
      this.comparison = undefined;
      this.comparisonProblem = toAppError(error).message;
    } finally {
      this.isComparing = false;
    }
  };
}
