// Runs in: main thread. The workbox-window bridge: registers the service worker, reports when the app works offline,
// which model files are saved, and a waiting update, and applies that update only when asked.
import { Workbox } from 'workbox-window';
import { modelCacheName, type ModelSavedMessage } from './model-cache';

export interface ServiceWorkerEvents {
  /** The app shell and ONNX Runtime are precached and the worker controls this page: a reload works offline. */
  onReady(): void;
  /** A model file has been stored in the model cache. */
  onModelSaved(file: string): void;
  /** A new version is installed and waits for `applyUpdate`. */
  onUpdateWaiting(): void;
  onError(error: unknown): void;
}

export interface ServiceWorkerBridge {
  /** Activates the waiting version and reloads the page once it controls it. */
  applyUpdate(): void;
}

/** The model files (`isnet-fp32.onnx`, …) already in the model cache. */
export async function listSavedModelFiles(): Promise<string[]> {
  if (!globalThis.caches || !(await caches.has(modelCacheName))) return [];
  const cache = await caches.open(modelCacheName);
  return (await cache.keys()).map((request) => new URL(request.url).pathname.split('/').pop() ?? '');
}

/** Registers `service-worker.js` (built only by `vite build`); returns undefined where service workers are unavailable. */
export function registerServiceWorker(events: ServiceWorkerEvents): ServiceWorkerBridge | undefined {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return undefined;
  const base = import.meta.env.BASE_URL;
  const workbox = new Workbox(`${base}service-worker.js`, { scope: base });
  let isUpdating = false;

  workbox.addEventListener('waiting', () => events.onUpdateWaiting());
  workbox.addEventListener('controlling', () => {
    if (isUpdating) window.location.reload();
  });
  workbox.addEventListener('message', (event) => {
    const data = event.data as Partial<ModelSavedMessage> | null;
    if (data?.type === 'MODEL_SAVED' && typeof data.file === 'string') events.onModelSaved(data.file);
  });
  workbox
    .register()
    .then(() => workbox.controlling)
    .then(() => events.onReady())
    .catch((error: unknown) => events.onError(error));

  return {
    applyUpdate() {
      isUpdating = true;
      workbox.messageSkipWaiting();
    },
  };
}
