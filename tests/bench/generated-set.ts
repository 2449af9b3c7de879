// The benchmark's default photo set: the standard generated scenes at 12 MP, with exact masks in masks/NAME.png (cached).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeJpeg, encodePng } from '../support/codecs';
import { renderStandardScenes } from '../support/write-scenes';

/** Bump when the scenes change, so a stale cache is not measured. */
const setVersion = 1;

/** Writes (once) the generated set into a cache folder and returns the folder. */
export function prepareGeneratedSet(root: string, widthPx = 4000, heightPx = 3000): string {
  const dir = join(root, 'node_modules', '.cache', 'lustre', `bench-photos-v${setVersion}-${widthPx}x${heightPx}`);
  const done = join(dir, '.complete');
  if (existsSync(done)) return dir;
  console.error(`Rendering the generated photo set (${widthPx}×${heightPx}) into ${dir}…`);
  mkdirSync(join(dir, 'masks'), { recursive: true });
  for (const { name, scene } of renderStandardScenes(widthPx, heightPx)) {
    writeFileSync(join(dir, `${name}.jpg`), encodeJpeg(scene.image, 92));
    writeFileSync(join(dir, 'masks', `${name}.png`), encodePng(scene.mask));
  }
  writeFileSync(done, '');
  return dir;
}
