import { describe, expect, it } from 'vitest';
import { createImage, createMask, type Mask, type RgbaImage } from '../core/image';
import { renderShadowMap } from '../core/shadow';
import { checkExport } from './export-checks';
import { whiteCatalogLook, type Look } from './look';
import { lookPresets } from './look-presets';
import { renderLookCanvas } from './stages/compose/layout';

const side = 200;
const whiteLook: Look = { ...whiteCatalogLook, output: { ...whiteCatalogLook.output, widthPx: side, heightPx: side } };
const darkPreset = lookPresets.find((preset) => preset.id === 'dark-luxury')!.look;
const darkLook: Look = { ...darkPreset, output: { ...darkPreset.output, widthPx: side, heightPx: side } };

/** A square dark-grey piece `size` px across in the middle of the frame, on `canvas`. */
function paint(canvas: RgbaImage | readonly [number, number, number], size: number): { picture: RgbaImage; alpha: Mask } {
  const picture = Array.isArray(canvas) ? createImage(side, side, [...(canvas as [number, number, number]), 255]) : { ...(canvas as RgbaImage), data: new Uint8ClampedArray((canvas as RgbaImage).data) };
  const alpha = createMask(side, side);
  const from = Math.round((side - size) / 2);
  for (let y = from; y < from + size; y++) {
    for (let x = from; x < from + size; x++) {
      alpha.data[y * side + x] = 255;
      picture.data.set([90, 90, 95, 255], (y * side + x) * 4);
    }
  }
  return { picture, alpha };
}

const byId = (checks: ReturnType<typeof checkExport>) => Object.fromEntries(checks.map((check) => [check.id, check]));

describe('checkExport', () => {
  it('passes a picture of the look: its size, pure white everywhere, the piece at 85 %, a small file', () => {
    const { picture, alpha } = paint([255, 255, 255], 170);
    const checks = checkExport({ picture, pieceAlpha: alpha, fileBytes: 400_000, look: whiteLook });
    expect(checks.map((check) => check.id)).toEqual(['size', 'background', 'fill', 'file-size']);
    expect(checks.filter((check) => !check.pass)).toEqual([]);
    expect(byId(checks).background.message).toBe('Background: every pixel pure white (255, 255, 255).');
    expect(byId(checks).fill.message).toBe('Fill: the piece fills 85.0 % of the frame; the look asks 85 %.');
  });

  it('fails a white background with a single pixel a level off, and counts it', () => {
    const { picture, alpha } = paint([255, 255, 255], 170);
    picture.data[(3 * side + 3) * 4 + 2] = 254;
    const check = byId(checkExport({ picture, pieceAlpha: alpha, fileBytes: 1, look: whiteLook })).background;
    expect(check.pass).toBe(false);
    expect(check.message).toBe('Background: 1 pixel is not pure white (255, 255, 255).');
  });

  it('fails a piece more than a point off the look\'s fill, and a file over 10 MB', () => {
    const { picture, alpha } = paint([255, 255, 255], 150);
    const checks = byId(checkExport({ picture, pieceAlpha: alpha, fileBytes: 11 * 1024 * 1024, look: whiteLook }));
    expect(checks.fill.pass).toBe(false);
    expect(checks.fill.message).toBe('Fill: the piece fills 75.0 % of the frame; the look asks 85 % ± 1.');
    expect(checks['file-size'].pass).toBe(false);
    expect(checks['file-size'].message).toContain('11.0 MB, over the 10.0 MB');
    expect(checks.size.pass).toBe(true);
    // Within a point passes: 168 px is 84 %.
    const near = paint([255, 255, 255], 168);
    expect(byId(checkExport({ picture: near.picture, pieceAlpha: near.alpha, fileBytes: 1, look: whiteLook })).fill.pass).toBe(true);
  });

  it('reports a picture of another size and checks nothing else against the look', () => {
    const picture = createImage(100, 100, [255, 255, 255, 255]);
    const checks = checkExport({ picture, pieceAlpha: createMask(100, 100), fileBytes: 1, look: whiteLook });
    expect(checks).toEqual([{ id: 'size', pass: false, message: 'Size: 100 × 100 px, but the look asks for 200 × 200 px.' }]);
  });

  it('on a gradient with a drop shadow, takes JPEG\'s level or two, leaves the shadow out, and fails a blotch', () => {
    const alphaOnly = paint([0, 0, 0], 144).alpha;
    const { kind, ...spec } = darkLook.shadow;
    const shadowMap = renderShadowMap(alphaOnly, { kind: kind as 'drop', ...spec })!;
    const canvas = renderLookCanvas(darkLook, shadowMap) as RgbaImage;
    const { picture, alpha } = paint(canvas, 144);
    // JPEG-like wobble of ±2 levels over the whole background.
    for (let k = 0; k < picture.data.length; k += 4) if (!alpha.data[k / 4]) picture.data[k] = Math.max(0, picture.data[k] + ((k / 4) % 5) - 2);
    const clean = byId(checkExport({ picture, pieceAlpha: alpha, shadowMap, fileBytes: 1, look: darkLook }));
    expect(clean.background.pass).toBe(true);
    expect(clean.background.message).toBe("Background: 100 % within 3 levels of the look's colour.");
    expect(clean.fill.pass).toBe(true);
    // A light blotch in a corner (1 % of the frame) is not the look's background.
    for (let y = 0; y < 20; y++) for (let x = 0; x < 20; x++) picture.data.set([200, 200, 200], (y * side + x) * 4);
    const blotched = byId(checkExport({ picture, pieceAlpha: alpha, shadowMap, fileBytes: 1, look: darkLook })).background;
    expect(blotched.pass).toBe(false);
    expect(blotched.message).toMatch(/^Background: 9\d\.\d\d % within 3 levels of the look's colour \(at least 99\.9 % expected\)\.$/);
  });
});
