// Runs in: main thread. User settings kept in localStorage: which backend to run the model on, how big a test batch is.
import type { BackendPreference } from '../platform/backend-probe';
import { defaultTestBatchSize, isTestBatchSize } from './test-batch';

const backendKey = 'lustre.backend';
const testBatchSizeKey = 'lustre.testBatchSize';

function readTestBatchSize(): number {
  const value = Number(globalThis.localStorage?.getItem(testBatchSizeKey));
  return isTestBatchSize(value) ? value : defaultTestBatchSize;
}

function readPreference(): BackendPreference {
  const value = globalThis.localStorage?.getItem(backendKey);
  return value === 'wasm' || value === 'webgpu' ? value : 'auto';
}

export class Settings {
  #backend = $state<BackendPreference>(readPreference());
  #testBatchSize = $state(readTestBatchSize());

  /** Photos a test batch processes first (one of `testBatchSizes`). */
  get testBatchSize(): number {
    return this.#testBatchSize;
  }

  set testBatchSize(value: number) {
    if (!isTestBatchSize(value)) return;
    this.#testBatchSize = value;
    localStorage.setItem(testBatchSizeKey, String(value));
  }

  get backend(): BackendPreference {
    return this.#backend;
  }

  set backend(value: BackendPreference) {
    this.#backend = value;
    localStorage.setItem(backendKey, value);
  }
}
