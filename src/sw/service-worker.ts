// Runs in: service worker. Precaches the app shell and ONNX Runtime's wasm; keeps each model file after its first use, cache-first.
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { isVersionedModelUrl, modelCacheName, supersededModelUrls, type ModelSavedMessage } from './model-cache';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

// The list vite-plugin-pwa injects at build time: every hashed asset, index.html, ORT's wasm, models/manifest.json.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Any page navigation is the app (a single page); automation.html, the CLI's headless page, is left to the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\/automation\.html$/] }));

/** Once a new version of a model file is stored, the old one's hundreds of MB go, and the pages hear the model is saved. */
const afterModelSaved: WorkboxPlugin = {
  async cacheDidUpdate({ cacheName, request }) {
    const cache = await caches.open(cacheName);
    const cached = (await cache.keys()).map((entry) => entry.url);
    await Promise.all(supersededModelUrls(cached, request.url).map((url) => cache.delete(url)));
    const message: ModelSavedMessage = { type: 'MODEL_SAVED', file: new URL(request.url).pathname.split('/').pop() ?? '' };
    for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(message);
  },
};

registerRoute(
  ({ url }) => isVersionedModelUrl(url, self.location.origin),
  new CacheFirst({ cacheName: modelCacheName, plugins: [new CacheableResponsePlugin({ statuses: [200] }), afterModelSaved] }),
);

// A new version waits until the page says so (the user clicked "Update", never mid-batch); the first install takes over at once.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();
