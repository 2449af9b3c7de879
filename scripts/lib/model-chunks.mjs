// Reads a chunked model from @imgly/background-removal-data and joins it, checking every chunk's size and sha256.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const reinstallHint = 'Reinstall the dependencies with `rm -rf node_modules && npm ci` (that re-runs this step), or run `npm run models` once they are in place.';

/** A failure the user can fix; the script prints its message as one paragraph and exits 1. */
export class AssemblyError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssemblyError';
  }
}

/**
 * Reads the package version and one entry (e.g. `/models/medium`) of `dist/resources.json`.
 * @returns {{ packageVersion: string, entry: { chunks: { hash: string, offsets: [number, number] }[], size: number } }}
 */
export function readResourceEntry(packageDir, resourceKey) {
  const packageJsonPath = join(packageDir, 'package.json');
  const resourcesPath = join(packageDir, 'dist', 'resources.json');
  if (!existsSync(packageJsonPath) || !existsSync(resourcesPath)) {
    throw new AssemblyError(
      `The segmentation model cannot be assembled: the package @imgly/background-removal-data is missing or incomplete (looked for ${resourcesPath}). ${reinstallHint}`,
    );
  }
  let packageVersion;
  let entry;
  try {
    packageVersion = JSON.parse(readFileSync(packageJsonPath, 'utf8')).version;
    entry = JSON.parse(readFileSync(resourcesPath, 'utf8'))[resourceKey];
  } catch (error) {
    throw new AssemblyError(`The segmentation model cannot be assembled: ${resourcesPath} is not valid JSON (${error.message}). ${reinstallHint}`);
  }
  const isValid =
    entry &&
    Number.isSafeInteger(entry.size) &&
    Array.isArray(entry.chunks) &&
    entry.chunks.length > 0 &&
    entry.chunks.every(
      (chunk) =>
        typeof chunk?.hash === 'string' &&
        /^[0-9a-f]{64}$/.test(chunk.hash) &&
        Array.isArray(chunk.offsets) &&
        chunk.offsets.length === 2 &&
        chunk.offsets.every(Number.isSafeInteger),
    );
  if (!isValid) {
    throw new AssemblyError(
      `The segmentation model cannot be assembled: ${resourcesPath} has no usable "${resourceKey}" entry (expected chunks with a sha256 "hash" and "offsets", and a total "size"). The package version (${packageVersion}) may not be the one Lustre expects (1.4.5). ${reinstallHint}`,
    );
  }
  return { packageVersion, entry };
}

/**
 * Concatenates the chunks of one resource in order. Each chunk must sit right after the previous one,
 * have the byte length its offsets say and the sha256 it is named by; the sum must equal `size`.
 * @returns {Buffer}
 */
export function assembleResource(packageDir, resourceKey, entry) {
  const distDir = join(packageDir, 'dist');
  const parts = [];
  let position = 0;
  entry.chunks.forEach((chunk, index) => {
    const [start, end] = chunk.offsets;
    const label = `chunk ${index + 1} of ${entry.chunks.length} of "${resourceKey}" (${join(distDir, chunk.hash)})`;
    if (start !== position || end <= start) {
      throw new AssemblyError(
        `The segmentation model cannot be assembled: ${label} has offsets [${start}, ${end}] but should start at byte ${position}; resources.json is inconsistent. ${reinstallHint}`,
      );
    }
    const path = join(distDir, chunk.hash);
    if (!existsSync(path)) {
      throw new AssemblyError(`The segmentation model cannot be assembled: ${label} is missing. ${reinstallHint}`);
    }
    const bytes = readFileSync(path);
    if (bytes.length !== end - start) {
      throw new AssemblyError(
        `The segmentation model cannot be assembled: ${label} is ${bytes.length} bytes long, expected ${end - start}; the download was probably cut short. ${reinstallHint}`,
      );
    }
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (hash !== chunk.hash) {
      throw new AssemblyError(
        `The segmentation model cannot be assembled: ${label} is corrupt (its sha256 is ${hash}). ${reinstallHint}`,
      );
    }
    parts.push(bytes);
    position = end;
  });
  if (position !== entry.size) {
    throw new AssemblyError(
      `The segmentation model cannot be assembled: the chunks of "${resourceKey}" add up to ${position} bytes but resources.json says ${entry.size}. ${reinstallHint}`,
    );
  }
  return Buffer.concat(parts, position);
}
