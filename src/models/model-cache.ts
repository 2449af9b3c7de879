// Pure rules of the model cache: which requests the service worker keeps cache-first, which stored copies a newer one
// replaces, and which stored copies are the versions the model list names. Used by the service worker, the retouch
// worker and the page.
import { modelVersionParam, type ModelFileManifest } from './manifest';

/** The Cache Storage cache that holds the ISNet files (the precache holds the app shell, ONNX Runtime, the probe and the upscaler). */
export const modelCacheName = 'lustre-models';

/** What the service worker tells the pages once it has stored a model file (they list the cache again). */
export interface ModelSavedMessage {
  type: 'MODEL_SAVED';
}

interface ModelUrlParts {
  /** Everything before the query: origin and path. */
  location: string;
  /** The file name, e.g. `isnet-fp32.onnx`. */
  file: string;
  /** The sha256 the URL names, or undefined. */
  sha256?: string;
}

/** Splits an absolute URL (`https://host/app/models/isnet-fp32.onnx?sha256=…`) into what the cache rules need. */
function readModelUrl(url: string): ModelUrlParts {
  const [location, query = ''] = url.split('#')[0].split('?');
  const file = location.slice(location.lastIndexOf('/') + 1);
  const version = query
    .split('&')
    .map((pair) => pair.split('='))
    .find(([key]) => key === modelVersionParam)?.[1];
  return { location, file, sha256: version && /^[0-9a-f]{64}$/.test(version) ? version : undefined };
}

/** A `<origin>/…/models/<file>.onnx?sha256=<hex>` URL: its content never changes, so it is served cache-first. */
export function isVersionedModelUrl(url: string, origin: string): boolean {
  const { location, sha256 } = readModelUrl(url);
  return location.startsWith(`${origin}/`) && /\/models\/[^/]+\.onnx$/.test(location) && sha256 !== undefined;
}

/** Cached model URLs that `freshUrl` replaces: the same file under another version. */
export function findSupersededModelUrls(cachedUrls: readonly string[], freshUrl: string): string[] {
  const fresh = readModelUrl(freshUrl);
  return cachedUrls.filter((cached) => {
    const parts = readModelUrl(cached);
    return parts.location === fresh.location && parts.sha256 !== fresh.sha256;
  });
}

/** Whether a model URL names the version of its file that the model list names. */
export function isCurrentModelUrl(url: string, manifest: ModelFileManifest): boolean {
  const { file, sha256 } = readModelUrl(url);
  return sha256 !== undefined && manifest.files[file]?.sha256 === sha256;
}

/** The files whose stored copy is the version the model list names (an older copy does not make the app work offline). */
export function findCurrentModelFiles(cachedUrls: readonly string[], manifest: ModelFileManifest): string[] {
  return cachedUrls.filter((url) => isCurrentModelUrl(url, manifest)).map(readModelFileName);
}

/** The file name of a model URL, e.g. `isnet-fp32.onnx`. */
export function readModelFileName(url: string): string {
  return readModelUrl(url).file;
}
