// Runs in: main thread. What this browser offers Lustre: isolation (threads), storage, workers.

export interface Capabilities {
  /** COOP/COEP are in force, so WASM can run multithreaded. */
  isCrossOriginIsolated: boolean;
  cores: number;
}

export function readCapabilities(): Capabilities {
  return {
    isCrossOriginIsolated: globalThis.crossOriginIsolated === true,
    cores: navigator.hardwareConcurrency || 1,
  };
}

export interface StorageUse {
  usedBytes: number;
  quotaBytes: number;
  isPersisted: boolean;
}

export async function readStorageUse(): Promise<StorageUse | undefined> {
  if (!navigator.storage?.estimate) return undefined;
  const [estimate, isPersisted] = await Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.() ?? false]);
  return { usedBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0, isPersisted };
}

/** Asks the browser not to evict Lustre's data under storage pressure (granted silently or not at all). */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
