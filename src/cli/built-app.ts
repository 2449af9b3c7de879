// Runs in: Node. Makes sure the built app (dist/) exists, holds the models and is newer than its sources; builds it if not.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

/** Newest modification time (ms) under `path` (a file or a folder, recursively). */
function newestMtimeMs(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  return newest;
}

/** What the build reads: when any is newer than dist/, dist/ is stale. */
const buildInputs = ['src', 'index.html', 'automation.html', 'vite.config.ts', 'package-lock.json', 'public/models/manifest.json', 'tsconfig.json', 'tsconfig.base.json'];

/**
 * Checks the models are assembled, then rebuilds dist/ when it is missing or older than its sources
 * (about 2 s here: `vite build`; printed through `log`). Throws SetupError with what to do when the models are missing.
 */
export function ensureBuiltApp(root: string, log: (line: string) => void): void {
  const manifest = join(root, 'public', 'models', 'manifest.json');
  if (!existsSync(manifest)) {
    throw new SetupError('The model files are missing from public/models/. Run `npm install` (or `npm run models`) first.');
  }
  const builtPage = join(root, 'dist', 'automation.html');
  const builtAt = existsSync(builtPage) ? statSync(builtPage).mtimeMs : 0;
  const sourcesAt = Math.max(...buildInputs.map((path) => newestMtimeMs(join(root, path))));
  if (builtAt > sourcesAt && existsSync(join(root, 'dist', 'models', 'manifest.json'))) return;
  log(builtAt ? 'The app changed since it was built; building it again…' : 'Building the app (once)…');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const startedAt = new Date();
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new SetupError(`Building the app failed (vite build exited with ${result.status ?? result.signal}).`);
  // Stamp the build with when it started: a source saved during the build makes the next run build again.
  utimesSync(builtPage, startedAt, startedAt);
}
