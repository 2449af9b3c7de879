// Runs in: service worker. Precaches the app shell and ONNX Runtime's wasm; keeps each model file after its first use, cache-first.
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { modelFileManifestUrl, modelVersionParam, parseModelFileManifest } from '../models/manifest';
import { findCurrentModelFiles, findSupersededModelUrls, isVersionedModelUrl, modelCacheName, readModelFileName, type ModelSavedMessage } from '../models/model-cache';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

// The list vite-plugin-pwa injects at build time: every hashed asset, index.html, ORT's wasm, models/manifest.json and
// the probe model (which the loader asks for as probe.onnx?sha256=…, hence the ignored parameter).
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, new RegExp(`^${modelVersionParam}$`)] });
cleanupOutdatedCaches();

// Any page navigation is the app (a single page); automation.html, the CLI's headless page, is left to the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\/automation\.html([?#]|$)/] }));

/** Once a new version of a model file is stored, the old one's hundreds of MB go, and the pages hear the model is saved. */
const afterModelSaved: WorkboxPlugin = {
  async cacheDidUpdate({ cacheName, request }) {
    const cache = await caches.open(cacheName);
    const cached = (await cache.keys()).map((entry) => entry.url);
    await Promise.all(findSupersededModelUrls(cached, request.url).map((url) => cache.delete(url)));
    const message: ModelSavedMessage = { type: 'MODEL_SAVED', file: readModelFileName(request.url) };
    for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(message);
  },
};

registerRoute(
  ({ url }) => isVersionedModelUrl(url.href, self.location.origin),
  new CacheFirst({ cacheName: modelCacheName, plugins: [new CacheableResponsePlugin({ statuses: [200] }), afterModelSaved] }),
);

/** Model files this version's model list no longer names (a model replaced or dropped, hundreds of MB each) are deleted. */
async function deleteUnlistedModels(): Promise<void> {
  const listed = await matchPrecache(modelFileManifestUrl);
  if (!listed || !(await caches.has(modelCacheName))) return;
  const manifest = parseModelFileManifest(await listed.json());
  const cache = await caches.open(modelCacheName);
  const unlisted = (await cache.keys()).filter((request) => findCurrentModelFiles([request.url], manifest).length === 0);
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
