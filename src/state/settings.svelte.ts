// Runs in: main thread. User settings kept in localStorage: which backend to run the model on.
import type { BackendPreference } from '../platform/backend-probe';

const backendKey = 'lustre.backend';

function readPreference(): BackendPreference {
  const value = globalThis.localStorage?.getItem(backendKey);
  return value === 'wasm' || value === 'webgpu' ? value : 'auto';
}

export class Settings {
  #backend = $state<BackendPreference>(readPreference());

  get backend(): BackendPreference {
    return this.#backend;
  }

  set backend(value: BackendPreference) {
    this.#backend = value;
    localStorage.setItem(backendKey, value);
  }
}
