// Runs in: service worker. Precaches the app shell, ONNX Runtime's wasm and the small models; keeps each ISNet file after its first use, cache-first.
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { modelFileManifestUrl, modelVersionParam, parseModelFileManifest, type ModelFileManifest } from '../models/manifest';
import { findSupersededModelUrls, isCurrentModelUrl, isVersionedModelUrl, modelCacheName, readModelFileName, type ModelSavedMessage } from '../models/model-cache';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

// The list vite-plugin-pwa injects at build time: every hashed asset, index.html, ORT's wasm, models/manifest.json, the
// probe model and the upscaler (which the loader asks for as probe.onnx?sha256=…, hence the ignored parameter).
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, new RegExp(`^${modelVersionParam}$`)] });
cleanupOutdatedCaches();

// Any page navigation is the app (a single page); automation.html, the CLI's headless page, is left to the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\/automation\.html([?#]|$)/] }));

/** The model list this version of the app was built with (precached with it). */
async function readPrecachedModelList(): Promise<ModelFileManifest | undefined> {
  const listed = await matchPrecache(modelFileManifestUrl);
  return listed ? parseModelFileManifest(await listed.json()) : undefined;
}

/**
 * Stores a model response only if it is the version its URL names in this app's model list and, when the size is
 * known, has that many bytes: a host that ignores the query and sends another version, or a cut-off transfer, is
 * not saved (the page still checks every byte's sha256 before use).
 */
const storeOnlyListedModels: WorkboxPlugin = {
  async cacheWillUpdate({ request, response }) {
    const manifest = await readPrecachedModelList();
    const entry = manifest?.files[readModelFileName(request.url)];
    if (!manifest || !entry || !isCurrentModelUrl(request.url, manifest)) return null;
    const length = response.headers.get('content-length');
    const isEncoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
    return length !== null && !isEncoded && Number(length) !== entry.bytes ? null : response;
  },
};

/** Once a new version of a model file is stored, the old one's hundreds of MB go, and the pages hear the model is saved. */
const afterModelSaved: WorkboxPlugin = {
  async cacheDidUpdate({ cacheName, request }) {
    const cache = await caches.open(cacheName);
    const cached = (await cache.keys()).map((entry) => entry.url);
    await Promise.all(findSupersededModelUrls(cached, request.url).map((url) => cache.delete(url)));
    const message: ModelSavedMessage = { type: 'MODEL_SAVED' };
    for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(message);
  },
};

registerRoute(
  ({ url }) => isVersionedModelUrl(url.href, self.location.origin),
  new CacheFirst({ cacheName: modelCacheName, plugins: [new CacheableResponsePlugin({ statuses: [200] }), storeOnlyListedModels, afterModelSaved] }),
);

/** Model files this version's model list no longer names (a model replaced or dropped, hundreds of MB each) are deleted. */
async function deleteUnlistedModels(): Promise<void> {
  const manifest = await readPrecachedModelList();
  if (!manifest || !(await caches.has(modelCacheName))) return;
  const cache = await caches.open(modelCacheName);
  const unlisted = (await cache.keys()).filter((request) => !isCurrentModelUrl(request.url, manifest));
  await Promise.all(unlisted.map((request) => cache.delete(request)));
}

self.addEventListener('activate', (event) => event.waitUntil(deleteUnlistedModels()));

// A new version waits until the page says so (the user clicked "Update now", never mid-batch); the first install takes over at once.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') {
    void self.skipWaiting().then(() => event.ports[0]?.postMessage(true));
  }
});
clientsClaim();
