// Runs in: Node. Turns the command's photo and folder arguments into a list of photos, their output names and ground-truth masks.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { toBaseName } from '../export/naming';

/** Extensions handed to the pipeline; others (e.g. HEIC) are passed too, so the user gets the app's own explanation. */
const photoExtensions = new Set(['.jpg', '.jpeg', '.png', '.webp', '.heic', '.heif', '.avif', '.gif', '.bmp', '.tif', '.tiff']);
/** Folders holding ground-truth masks or results, never photos to retouch. */
const skippedFolders = new Set(['masks', 'node_modules', '.git']);

export interface InputPhoto {
  path: string;
  /** Where its results go, relative to the output folder, without extension (keeps the input's sub-folders). */
  outputStem: string;
  /** A ground-truth mask (`masks/NAME.png` beside the photo), if one exists. */
  truthPath?: string;
}

export interface SkippedInput {
  path: string;
  reason: string;
}

export interface InputList {
  photos: InputPhoto[];
  skipped: SkippedInput[];
}

function findTruthMask(photoPath: string): string | undefined {
  const candidate = join(dirname(photoPath), 'masks', `${basename(photoPath, extname(photoPath))}.png`);
  return existsSync(candidate) ? candidate : undefined;
}

function walk(folder: string, excluded: string, found: string[], skipped: SkippedInput[]): void {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name) && resolve(path) !== excluded) walk(path, excluded, found, skipped);
    } else if (photoExtensions.has(extname(entry.name).toLowerCase())) {
      found.push(path);
    } else {
      skipped.push({ path, reason: 'not a photo (by its extension)' });
    }
  }
}

/**
 * Lists the photos named by `args` (files, and folders read recursively, skipping `masks/` and `outDir`),
 * each once, in a stable order. Output stems keep sub-folders and are unique (case-insensitively).
 * Paths that do not exist are reported in `skipped`.
 */
export function collectInputs(args: readonly string[], outDir: string): InputList {
  const excluded = resolve(outDir);
  const skipped: SkippedInput[] = [];
  const seen = new Set<string>();
  const usedStems = new Set<string>();
  const photos: InputPhoto[] = [];
  const add = (path: string, root: string | null) => {
    const absolute = resolve(path);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    const folder = root ? relative(root, dirname(absolute)) : '';
    const base = join(folder, toBaseName(basename(path)) || 'photo');
    let stem = base;
    for (let n = 2; usedStems.has(stem.toLowerCase()); n++) stem = `${base}-${n}`;
    usedStems.add(stem.toLowerCase());
    photos.push({ path, outputStem: stem, truthPath: findTruthMask(path) });
  };
  for (const arg of args) {
    if (!existsSync(arg)) {
      skipped.push({ path: arg, reason: 'no such file or folder' });
      continue;
    }
    if (statSync(arg).isDirectory()) {
      const found: string[] = [];
      walk(arg, excluded, found, skipped);
      for (const path of found) add(path, resolve(arg));
    } else {
      add(arg, null);
    }
  }
  return { photos, skipped };
}
