import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectInputs } from './inputs';
import { makeTempDir, removeTempDirs } from '../../tests/support/temp-dirs';

afterAll(removeTempDirs);

function makeTree(): string {
  const root = makeTempDir('lustre-inputs-');
  for (const file of ['b.jpg', 'a.JPG', 'notes.tsv', 'sub/c.webp', 'sub/deeper/d.png', 'masks/b.png', 'out/old.jpg', 'A.png', '.hidden.jpg']) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), 'x');
  }
  return root;
}

describe('collectInputs', () => {
  it('walks folders, keeps sub-folders in the output names, skips masks/, the output folder and non-photos', () => {
    const root = makeTree();
    const { photos, skipped } = collectInputs([root], join(root, 'out'));
    expect(photos.map((p) => p.outputStem)).toEqual(['a', 'A-2', 'b', join('sub', 'c'), join('sub', 'deeper', 'd')]);
    expect(photos.find((p) => p.outputStem === 'b')?.truthPath).toBe(join(root, 'masks', 'b.png'));
    expect(photos.find((p) => p.outputStem === 'a')?.truthPath).toBeUndefined();
    expect(skipped).toEqual([{ path: join(root, 'notes.tsv'), reason: 'not a photo (by its extension)' }]);
  });

  it('takes single files, lists each photo once and reports missing paths', () => {
    const root = makeTree();
    const { photos, skipped } = collectInputs([join(root, 'b.jpg'), root, join(root, 'nope.jpg')], join(root, 'out'));
    expect(photos[0]).toMatchObject({ path: join(root, 'b.jpg'), outputStem: 'b' });
    expect(photos.filter((p) => p.path.endsWith('b.jpg'))).toHaveLength(1);
    expect(skipped.at(-1)).toEqual({ path: join(root, 'nope.jpg'), reason: 'no such file or folder' });
  });
});
