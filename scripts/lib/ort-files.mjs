// Finds which ONNX Runtime Web glue (.mjs) and wasm files given package entry points load, by reading their dist files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every string target of an `exports` condition tree (e.g. both the bundled and the extern-wasm build). */
function collectTargets(condition) {
  if (typeof condition === 'string') return [condition];
  if (!condition || typeof condition !== 'object') return [];
  return Object.values(condition).flatMap(collectTargets);
}

/**
 * For each entry point (`.`, `./webgpu`, `./wasm`…) the browser `import` builds it resolves to and the
 * runtime files those builds fetch at run time. With `env.wasm.wasmPaths` set to a folder, ORT fetches
 * both the glue `.mjs` and its `.wasm` from there, so both are listed.
 * @param {string} ortPackageDir node_modules/onnxruntime-web
 * @param {string[]} entryPoints keys of its package.json `exports`
 * @returns {{ version: string, entries: { entryPoint: string, builds: string[], files: string[] }[], files: string[] }}
 */
export function listOrtRuntimeFiles(ortPackageDir, entryPoints) {
  const packageJson = JSON.parse(readFileSync(join(ortPackageDir, 'package.json'), 'utf8'));
  const entries = entryPoints.map((entryPoint) => {
    const exported = packageJson.exports?.[entryPoint];
    const builds = [...new Set(collectTargets(exported?.import ?? exported?.default))];
    if (builds.length === 0) throw new Error(`onnxruntime-web ${packageJson.version} has no browser import build for "${entryPoint}".`);
    const files = new Set();
    for (const build of builds) {
      const source = readFileSync(join(ortPackageDir, build), 'utf8');
      const glues = source.match(/ort-wasm-[a-z0-9-]+(?:\.[a-z0-9]+)?\.mjs/g) ?? [];
      if (glues.length === 0) throw new Error(`Could not find which wasm glue ${build} loads (onnxruntime-web ${packageJson.version}).`);
      for (const glue of glues) {
        files.add(glue);
        files.add(glue.replace(/\.mjs$/, '.wasm'));
      }
    }
    for (const file of files) {
      if (!existsSync(join(ortPackageDir, 'dist', file))) {
        throw new Error(`${builds.join(', ')} refers to dist/${file}, which onnxruntime-web ${packageJson.version} does not ship.`);
      }
    }
    return { entryPoint, builds: builds.map((build) => build.replace(/^\.\//, '')), files: [...files].sort() };
  });
  const files = [...new Set(entries.flatMap((entry) => entry.files))].sort();
  return { version: packageJson.version, entries, files };
}
