// Install step (postinstall / `npm run models`): assembles ISNet fp16 + fp32, converts the ESRGAN upscaler, builds the probe model, and writes the model manifest and ORT's runtime files under public/.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssemblyError, assembleResource, readResourceEntry, reinstallHint } from './lib/model-chunks.mjs';

const scriptDir = dirname(fileURLToPath(import.meta.url));
const rootDir = join(scriptDir, '..');
const modelsDir = join(rootDir, 'public', 'models');
const ortOutDir = join(rootDir, 'public', 'ort');
const dataPackageDir = join(rootDir, 'node_modules', '@imgly', 'background-removal-data');
const ortPackageDir = join(rootDir, 'node_modules', 'onnxruntime-web');
const onnxProtoPackageDir = join(rootDir, 'node_modules', 'onnx-proto');
const esrganPackageDir = join(rootDir, 'node_modules', '@upscalerjs', 'esrgan-slim');
/** The upscaler's TF.js model in that package (×4: one model serves every enlargement of 2× and more). */
const esrganModelDir = join(esrganPackageDir, 'models', 'x4');
const stampPath = join(rootDir, 'node_modules', '.cache', 'lustre-models', 'stamp.json');
const stampVersion = 1;

/** The fp16 ISNet ("medium") in @imgly/background-removal-data. */
const isnetResourceKey = '/models/medium';

/**
 * ORT entry points the app imports; their runtime files are copied to public/ort/.
 * src/models/session.ts imports `onnxruntime-web/webgpu` (asyncify build, serves both the webgpu and
 * wasm providers); `./wasm` is the wasm-only build (plain pair). Add `.` or `./all` here (JSEP build)
 * if the app ever imports those.
 */
const ortEntryPoints = ['./webgpu'];

const fileNames = {
  fp16: 'isnet-fp16.onnx',
  fp32: 'isnet-fp32.onnx',
  probe: 'probe.onnx',
  esrgan: 'esrgan-x4.onnx',
  manifest: 'manifest.json',
};

const isForced = process.argv.includes('--force');

function hashBytes(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

function hashJson(value) {
  return hashBytes(JSON.stringify(value));
}

/** Hash of our own conversion code, so editing it rebuilds what it produces. */
function hashLibFiles(...names) {
  return hashJson(names.map((name) => hashBytes(readFileSync(join(scriptDir, 'lib', name)))));
}

function readPackageVersion(packageDir) {
  return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
}

function readStamp() {
  if (isForced || !existsSync(stampPath)) return { version: stampVersion, targets: {} };
  try {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
    return stamp.version === stampVersion && stamp.targets ? stamp : { version: stampVersion, targets: {} };
  } catch {
    return { version: stampVersion, targets: {} };
  }
}

function writeStamp(stamp) {
  mkdirSync(dirname(stampPath), { recursive: true });
  writeFileSync(stampPath, `${JSON.stringify(stamp, null, 2)}\n`);
}

/** Writes through a temporary name, so an interrupted run never leaves a truncated file behind. */
function writeFileAtomically(path, bytes) {
  const temporaryPath = `${path}.partial`;
  writeFileSync(temporaryPath, bytes);
  renameSync(temporaryPath, path);
}

/** What we remember about a file we wrote: enough to notice it was changed or deleted since. */
function describeWrittenFile(path, key, sha256) {
  const { size, mtimeMs } = statSync(path);
  return { key, bytes: size, mtimeMs, sha256 };
}

function isTargetFresh(stamp, name, path, key) {
  const target = stamp.targets[name];
  if (!target || target.key !== key || !existsSync(path)) return false;
  const { size, mtimeMs } = statSync(path);
  return size === target.bytes && mtimeMs === target.mtimeMs;
}

function formatBytes(bytes) {
  return `${bytes.toLocaleString('en-US')} B`.padStart(16);
}

function formatSeconds(startedMs) {
  return `${((performance.now() - startedMs) / 1000).toFixed(1)} s`;
}

function printLine(name, target, note) {
  console.log(`  ${name.padEnd(44)}${formatBytes(target.bytes)}  ${target.sha256 ? `sha256 ${target.sha256.slice(0, 12)}…  ` : ''}${note}`);
}

/** public/models/isnet-fp16.onnx: the 22 chunks joined and checked. */
function assembleFp16(stamp) {
  const path = join(modelsDir, fileNames.fp16);
  const { packageVersion, entry } = readResourceEntry(dataPackageDir, isnetResourceKey);
  const key = hashJson({ packageVersion, entry, lib: hashLibFiles('model-chunks.mjs') });
  if (isTargetFresh(stamp, fileNames.fp16, path, key)) {
    printLine(fileNames.fp16, stamp.targets[fileNames.fp16], 'up to date');
    return { bytes: undefined };
  }
  const started = performance.now();
  const bytes = assembleResource(dataPackageDir, isnetResourceKey, entry);
  writeFileAtomically(path, bytes);
  stamp.targets[fileNames.fp16] = describeWrittenFile(path, key, hashBytes(bytes));
  writeStamp(stamp);
  printLine(fileNames.fp16, stamp.targets[fileNames.fp16], `joined ${entry.chunks.length} checked chunks of @imgly/background-removal-data@${packageVersion} (${formatSeconds(started)})`);
  return { bytes };
}

/** public/models/isnet-fp32.onnx: the fp16 model with every half upcast to float. */
async function upcastFp32(stamp, fp16Bytes) {
  const path = join(modelsDir, fileNames.fp32);
  const fp16 = stamp.targets[fileNames.fp16];
  const key = hashJson({ fp16: fp16.sha256, onnxProto: readPackageVersion(onnxProtoPackageDir), lib: hashLibFiles('upcast.mjs', 'half.mjs') });
  if (isTargetFresh(stamp, fileNames.fp32, path, key)) {
    printLine(fileNames.fp32, stamp.targets[fileNames.fp32], 'up to date');
    return;
  }
  const started = performance.now();
  const { upcastModelToFloat32 } = await import('./lib/upcast.mjs');
  const source = fp16Bytes ?? readFileSync(join(modelsDir, fileNames.fp16));
  const { bytes, counts } = upcastModelToFloat32(source);
  writeFileAtomically(path, bytes);
  stamp.targets[fileNames.fp32] = describeWrittenFile(path, key, hashBytes(bytes));
  writeStamp(stamp);
  printLine(
    fileNames.fp32,
    stamp.targets[fileNames.fp32],
    `upcast ${counts.tensors} tensors, ${counts.casts} casts, ${counts.types} declared types (${formatSeconds(started)})`,
  );
}

/** public/models/probe.onnx: the tiny seeded backend probe. */
async function buildProbe(stamp) {
  const path = join(modelsDir, fileNames.probe);
  const key = hashJson({ onnxProto: readPackageVersion(onnxProtoPackageDir), lib: hashLibFiles('probe-model.mjs', 'onnx-build.mjs') });
  if (isTargetFresh(stamp, fileNames.probe, path, key)) {
    printLine(fileNames.probe, stamp.targets[fileNames.probe], 'up to date');
    return;
  }
  const { buildProbeModel } = await import('./lib/probe-model.mjs');
  const bytes = buildProbeModel();
  writeFileAtomically(path, bytes);
  stamp.targets[fileNames.probe] = describeWrittenFile(path, key, hashBytes(bytes));
  writeStamp(stamp);
  printLine(fileNames.probe, stamp.targets[fileNames.probe], 'built (Conv 3×3 → Relu → Conv 1×1 → Sigmoid, 64²)');
}

/** public/models/esrgan-x4.onnx: @upscalerjs/esrgan-slim's ×4 TF.js layers model converted to ONNX. */
async function convertEsrgan(stamp) {
  const path = join(modelsDir, fileNames.esrgan);
  const modelJsonBytes = readFileSync(join(esrganModelDir, 'model.json'));
  const modelJson = JSON.parse(modelJsonBytes.toString('utf8'));
  // Each weight shard read once, for the key and, if stale, for the conversion.
  const shards = new Map(modelJson.weightsManifest.flatMap((group) => group.paths).map((shard) => [shard, readFileSync(join(esrganModelDir, shard))]));
  const key = hashJson({
    packageVersion: readPackageVersion(esrganPackageDir),
    model: hashBytes(modelJsonBytes),
    shards: [...shards.values()].map(hashBytes),
    onnxProto: readPackageVersion(onnxProtoPackageDir),
    lib: hashLibFiles('esrgan-model.mjs', 'onnx-build.mjs'),
  });
  if (isTargetFresh(stamp, fileNames.esrgan, path, key)) {
    printLine(fileNames.esrgan, stamp.targets[fileNames.esrgan], 'up to date');
    return;
  }
  const started = performance.now();
  const { convertLayersModelToOnnx, readLayersWeights } = await import('./lib/esrgan-model.mjs');
  const weights = readLayersWeights(modelJson, (shard) => shards.get(shard));
  const version = readPackageVersion(esrganPackageDir);
  const { bytes, factor, layers } = convertLayersModelToOnnx(modelJson, weights, {
    name: 'esrgan-slim-x4',
    docString: `ESRGAN-slim ×4 from @upscalerjs/esrgan-slim@${version} (MIT), converted by Lustre's scripts/lib/esrgan-model.mjs. Input and output: float32 NCHW RGB 0..255.`,
  });
  if (factor !== 4) throw new AssemblyError(`The upscaler in @upscalerjs/esrgan-slim@${version} enlarges ${factor}×, not 4×. ${reinstallHint}`);
  writeFileAtomically(path, bytes);
  stamp.targets[fileNames.esrgan] = describeWrittenFile(path, key, hashBytes(bytes));
  writeStamp(stamp);
  printLine(fileNames.esrgan, stamp.targets[fileNames.esrgan], `converted ${layers} layers of @upscalerjs/esrgan-slim@${version} (${formatSeconds(started)})`);
}

/** public/models/manifest.json: name → bytes and sha256 of each model file, read by the app's loader. */
function writeManifest(stamp) {
  const path = join(modelsDir, fileNames.manifest);
  const files = {};
  for (const name of [fileNames.fp16, fileNames.fp32, fileNames.probe, fileNames.esrgan]) {
    const { bytes, sha256 } = stamp.targets[name];
    files[name] = { bytes, sha256 };
  }
  const manifest = {
    version: 1,
    source: { package: '@imgly/background-removal-data', version: readPackageVersion(dataPackageDir), resource: isnetResourceKey },
    files,
  };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const isUnchanged = existsSync(path) && readFileSync(path, 'utf8') === text;
  if (!isUnchanged) writeFileAtomically(path, text);
  console.log(`  ${fileNames.manifest.padEnd(44)}${formatBytes(Buffer.byteLength(text))}  ${isUnchanged ? 'up to date' : 'written'}`);
}

/** public/ort/: the glue + wasm pairs the imported ORT builds fetch at run time (self-hosted for offline use). */
async function copyOrtFiles(stamp) {
  const { listOrtRuntimeFiles } = await import('./lib/ort-files.mjs');
  const { version, entries, files } = listOrtRuntimeFiles(ortPackageDir, ortEntryPoints);
  mkdirSync(ortOutDir, { recursive: true });
  for (const stale of readdirSync(ortOutDir)) {
    if (!files.includes(stale)) rmSync(join(ortOutDir, stale), { recursive: true, force: true });
  }
  const key = hashJson({ version, files, lib: hashLibFiles('ort-files.mjs') });
  for (const file of files) {
    const path = join(ortOutDir, file);
    const stampName = `ort/${file}`;
    if (isTargetFresh(stamp, stampName, path, key)) {
      printLine(`../ort/${file}`, stamp.targets[stampName], 'up to date');
      continue;
    }
    copyFileSync(join(ortPackageDir, 'dist', file), path);
    stamp.targets[stampName] = describeWrittenFile(path, key, undefined);
    printLine(`../ort/${file}`, stamp.targets[stampName], `copied from onnxruntime-web@${version}`);
  }
  writeStamp(stamp);
  const loads = entries.map((entry) => `onnxruntime-web${entry.entryPoint.slice(1)} → ${entry.files.filter((f) => f.endsWith('.wasm')).join(', ')}`);
  console.log(`  (${loads.join('; ')})`);
}

async function main() {
  const started = performance.now();
  console.log(`assemble-models: writing ${relative(process.cwd(), modelsDir) || '.'} and ${relative(process.cwd(), ortOutDir)}${isForced ? ' (--force)' : ''}`);
  if (!existsSync(onnxProtoPackageDir) || !existsSync(ortPackageDir) || !existsSync(esrganModelDir)) {
    throw new AssemblyError(`The models cannot be assembled: onnx-proto, onnxruntime-web or @upscalerjs/esrgan-slim is not installed under ${join(rootDir, 'node_modules')}. ${reinstallHint}`);
  }
  mkdirSync(modelsDir, { recursive: true });
  const stamp = readStamp();
  const { bytes: fp16Bytes } = assembleFp16(stamp);
  await upcastFp32(stamp, fp16Bytes);
  await buildProbe(stamp);
  await convertEsrgan(stamp);
  writeManifest(stamp);
  await copyOrtFiles(stamp);
  console.log(`assemble-models: done in ${formatSeconds(started)}`);
}

main().catch((error) => {
  if (error instanceof AssemblyError) {
    console.error(`\nassemble-models: ${error.message}\n`);
  } else {
    console.error(`\nassemble-models: unexpected failure while preparing the models (${error?.stack ?? error}). ${reinstallHint}\n`);
  }
  process.exitCode = 1;
});
