import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { whiteCatalogLook } from '../pipeline/look';
import { resolveLook } from './look-option';
import { makeTempDir, removeTempDirs } from '../../tests/support/temp-dirs';

afterAll(removeTempDirs);

describe('resolveLook', () => {
  it('reads a named look and applies --format and --size', () => {
    expect(resolveLook({ look: 'white' })).toEqual(whiteCatalogLook);
    const look = resolveLook({ look: 'White', format: 'image/png', size: { widthPx: 1600, heightPx: 1200 } });
    expect(look.output).toEqual({ ...whiteCatalogLook.output, format: 'image/png', widthPx: 1600, heightPx: 1200 });
  });

  it('reads a look file and names the file in its errors', () => {
    const dir = makeTempDir('lustre-look-');
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ ...whiteCatalogLook, name: 'Grey', background: { kind: 'solid', rgb: [200, 200, 200] } }));
    expect(resolveLook({ look: good }).background).toEqual({ kind: 'solid', rgb: [200, 200, 200] });
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "schemaVersion": 1,');
    expect(() => resolveLook({ look: broken })).toThrow(`${broken} is not valid JSON`);
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ ...whiteCatalogLook, framing: { fill: 2 } }));
    expect(() => resolveLook({ look: wrong })).toThrow(`${wrong}: framing.fill must be`);
    expect(() => resolveLook({ look: 'sepia' })).toThrow('Unknown look "sepia": use one of white');
  });
});
