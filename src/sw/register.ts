// Runs in: main thread. The workbox-window bridge: registers the service worker, reports when the app works offline,
// a waiting update and an update made in another tab, lists and saves model files, and applies an update only when asked.
import { Workbox } from 'workbox-window';
import { modelFileManifestUrl, modelSpecs, parseModelFileManifest, versionedModelUrl, type ModelFileManifest } from '../models/manifest';
import { findCurrentModelFiles, modelCacheName, type ModelSavedMessage } from '../models/model-cache';

export interface ServiceWorkerEvents {
  /** The app shell and ONNX Runtime are stored and the worker is active: a reload works offline. */
  onReady(): void;
  /** A model file has been stored in the model cache. */
  onModelSaved(): void;
  /** A new version is installed and waits for `applyUpdate`. */
  onUpdateWaiting(): void;
  /** Another tab took the new version: this page still runs the old code. */
  onUpdatedElsewhere(): void;
  onError(message: string): void;
}

export interface ServiceWorkerBridge {
  /** Activates the waiting version and reloads once it controls the page (reloads at once if none waits). */
  applyUpdate(): Promise<void>;
  /** Reloads into the version that already serves the page (another tab took it); never activates a waiting one. */
  reload(): void;
  /** Model files stored under the version the app's model list names, e.g. `isnet-fp32.onnx`. */
  listSavedModelFiles(): Promise<string[]>;
  /** Stores a model file if it is not stored yet (it was downloaded before the service worker took over). */
  saveModel(file: string): Promise<void>;
}

const base = import.meta.env.BASE_URL;
const updateCheckIntervalMs = 60 * 60 * 1000;
const updateTakeoverTimeoutMs = 30_000;
const resolve = (path: string) => new URL(path, new URL(base, location.origin)).href;

let modelList: Promise<ModelFileManifest> | undefined;

/** The model list of the version serving this page: read once (a failed read is tried again next time). */
function readModelList(): Promise<ModelFileManifest> {
  modelList ??= fetch(resolve(modelFileManifestUrl))
    .then(async (response) => {
      if (!response.ok) throw new Error(`models/manifest.json: HTTP ${response.status}`);
      return parseModelFileManifest(await response.json());
    })
    .catch((error: unknown) => {
      modelList = undefined;
      throw error;
    });
  return modelList;
}

/**
 * Reports every new version that finishes installing while an older one serves the page (workbox-window's own
 * `waiting` event stops after the first version another tab or an update check found), and one left waiting by an
 * earlier visit.
 */
function watchForUpdates(registration: ServiceWorkerRegistration, events: ServiceWorkerEvents): void {
  const isUpdate = () => navigator.serviceWorker.controller !== null;
  const watch = (worker: ServiceWorker | null) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && registration.waiting === worker && isUpdate()) events.onUpdateWaiting();
    });
  if (registration.waiting && isUpdate()) events.onUpdateWaiting();
  // One may already be installing (the update check of this very load), and more may come.
  watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
}

/** Registers `service-worker.js` (built only by `vite build`); undefined where service workers are unavailable (dev, old browsers). */
export function registerServiceWorker(events: ServiceWorkerEvents): ServiceWorkerBridge | undefined {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return undefined;
  const workbox = new Workbox(resolve('service-worker.js'), { scope: base });
  let isUpdating = false;
  /** A version already served this page: a later change of controller is a new version taken (here or in another tab). */
  let isControlled = navigator.serviceWorker.controller !== null;

  workbox.addEventListener('controlling', () => {
    if (isUpdating) window.location.reload();
    else if (isControlled) events.onUpdatedElsewhere();
    isControlled = true;
  });
  // A worker that never got installed: a failure only if no version is left to serve the app (a waiting version
  // replaced by a newer deploy goes redundant too).
  workbox.addEventListener('redundant', () => {
    void navigator.serviceWorker.getRegistration(base).then((registration) => {
      if (!registration?.active && !registration?.waiting && !registration?.installing) {
        events.onError('the offline copy could not be stored (is the disk full?)');
      }
    });
  });
  workbox.addEventListener('message', (event) => {
    if ((event.data as Partial<ModelSavedMessage> | null)?.type === 'MODEL_SAVED') events.onModelSaved();
  });
  // Browsers look for a new version on navigation; a tab left open all day also looks every hour.
  setInterval(() => void workbox.update().catch(() => undefined), updateCheckIntervalMs);
  workbox
    .register()
    .then(async (registration) => {
      if (registration) watchForUpdates(registration, events);
      // Already active (a later visit, or a shift-reload that bypassed it): the next load is served offline.
      if (navigator.serviceWorker.controller || (registration?.active && !registration.installing)) events.onReady();
      else await workbox.controlling.then(() => events.onReady());
    })
    .catch((error: unknown) => events.onError(error instanceof Error ? error.message : String(error)));

  return {
    reload() {
      window.location.reload();
    },
    async applyUpdate() {
      const registration = await navigator.serviceWorker.getRegistration(base);
      if (!registration?.waiting) {
        window.location.reload();
        return;
      }
      isUpdating = true;
      workbox.messageSkipWaiting();
      // Should the new version never take over, a later update from another tab must not reload this one unasked.
      setTimeout(() => (isUpdating = false), updateTakeoverTimeoutMs);
    },
    async listSavedModelFiles() {
      if (!(await caches.has(modelCacheName))) return [];
      const [manifest, requests] = await Promise.all([readModelList(), caches.open(modelCacheName).then((cache) => cache.keys())]);
      return findCurrentModelFiles(requests.map((request) => request.url), manifest);
    },
    async saveModel(file) {
      const spec = Object.values(modelSpecs).find((candidate) => candidate.file === file);
      const entry = (await readModelList()).files[file];
      if (!spec || !entry) return;
      const url = resolve(versionedModelUrl(spec, entry));
      const cache = await caches.open(modelCacheName);
      if (!(await cache.match(url))) await cache.add(url);
    },
  };
}
