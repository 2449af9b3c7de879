// Writes generated scenes as JPEG photos plus PNG ground-truth masks into a folder (e2e fixtures, eyeballing renders).
// From another TS file (Playwright specs, vitest): `await writeScenes(dir)`.
// From a shell: node -e "import('vite').then(v => v.runnerImport('./tests/support/write-scenes.ts')).then(r => r.module.writeScenes(process.argv[1]))" /tmp/scenes
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeJpeg, encodePng } from './codecs';
import { renderChainScene } from './chain-scene';
import { renderRingScene, type Scene } from './ring-scene';

export interface WrittenScene {
  name: string;
  /** Absolute or dir-relative paths of the files written. */
  photoPath: string;
  maskPath: string;
  widthPx: number;
  heightPx: number;
}

/** The standard set: rings in three metals on three backdrops, and two chains. Deterministic. */
export function renderStandardScenes(widthPx = 1200, heightPx = 900): Array<{ name: string; scene: Scene }> {
  return [
    { name: 'ring-silver-linen', scene: renderRingScene({ widthPx, heightPx, seed: 1, metal: 'silver' }) },
    {
      name: 'ring-gold-wood',
      scene: renderRingScene({ widthPx, heightPx, seed: 2, metal: 'gold', backdrop: 'wood', backdropRgb: [190, 160, 125], centerX: 0.45 }),
    },
    {
      name: 'ring-rose-paper',
      scene: renderRingScene({ widthPx, heightPx, seed: 5, metal: 'rose', backdrop: 'paper', backdropRgb: [200, 215, 205], hasStone: false, pieceSize: 0.4 }),
    },
    { name: 'chain-gold-paper', scene: renderChainScene({ widthPx, heightPx, seed: 3, metal: 'gold', linkWidthPx: 4 }) },
    {
      name: 'chain-silver-dark',
      scene: renderChainScene({ widthPx, heightPx, seed: 4, metal: 'silver', linkWidthPx: 3, backdrop: 'linen', backdropRgb: [60, 62, 70] }),
    },
  ];
}

/** Renders the standard scenes and writes `<name>.jpg` (quality 92) and `<name>.mask.png` into `dir`. */
export async function writeScenes(dir: string, widthPx = 1200, heightPx = 900): Promise<WrittenScene[]> {
  await mkdir(dir, { recursive: true });
  const written: WrittenScene[] = [];
  for (const { name, scene } of renderStandardScenes(widthPx, heightPx)) {
    const photoPath = join(dir, `${name}.jpg`);
    const maskPath = join(dir, `${name}.mask.png`);
    await writeFile(photoPath, encodeJpeg(scene.image, 92));
    await writeFile(maskPath, encodePng(scene.mask));
    written.push({ name, photoPath, maskPath, widthPx, heightPx });
  }
  return written;
}
