// Runs in: service worker and main thread. Which requests are model files kept after first use, and which copies a newer one replaces.
import { modelVersionParam } from '../models/manifest';

/** The Cache Storage cache that holds model files (the precache holds the app shell and ONNX Runtime). */
export const modelCacheName = 'lustre-models';

/** What the service worker tells the page (see service-worker.ts). */
export interface ModelSavedMessage {
  type: 'MODEL_SAVED';
  /** The model's file name, e.g. `isnet-fp32.onnx`. */
  file: string;
}

/** A same-origin `models/<file>.onnx?sha256=<hex>` request: its content never changes, so it is served cache-first. */
export function isVersionedModelUrl(url: URL, origin: string): boolean {
  return url.origin === origin && /\/models\/[^/]+\.onnx$/.test(url.pathname) && /^[0-9a-f]{64}$/.test(url.searchParams.get(modelVersionParam) ?? '');
}

/** Cached model URLs that `freshUrl` replaces: the same file under another version. */
export function supersededModelUrls(cachedUrls: readonly string[], freshUrl: string): string[] {
  const fresh = new URL(freshUrl);
  return cachedUrls.filter((cached) => {
    const url = new URL(cached);
    return url.origin === fresh.origin && url.pathname === fresh.pathname && url.search !== fresh.search;
  });
}
