import { describe, expect, it } from 'vitest';
import { createImage, createMask, type Mask, type RgbaImage } from '../../../core/image';
import { renderShadowMap } from '../../../core/shadow';
import { noShadow, whiteCatalogLook, type Look } from '../../look';
import { findLookPreset } from '../../look-presets';
import type { ExportCheck } from '../../result-facts';
import { renderLookCanvas } from '../compose/layout';
import { defaultExportCheckOptions, measureExportChecks } from './export-checks';

const side = 200;
const sized = (look: Look): Look => ({ ...look, output: { ...look.output, widthPx: side, heightPx: side } });
const whiteLook = sized(whiteCatalogLook);
const darkLook = sized(findLookPreset('dark-luxury')!.look);
const etsyLook = sized(findLookPreset('etsy')!.look);

/** A square dark-grey piece `size` px across in the middle of the frame, on `canvas`. */
function paint(canvas: RgbaImage | readonly [number, number, number], size: number): { picture: RgbaImage; alpha: Mask } {
  const picture = 'data' in canvas ? { ...canvas, data: new Uint8ClampedArray(canvas.data) } : createImage(side, side, [canvas[0], canvas[1], canvas[2], 255]);
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

const byId = (checks: ExportCheck[]) => Object.fromEntries(checks.map((check) => [check.id, check]));

/** The look's canvas with its shadow under a `size` px piece, and the shadow map. */
function shadowedCanvas(look: Look, size: number): { canvas: RgbaImage; shadowMap: Mask } {
  const { kind, ...spec } = look.shadow;
  if (kind === 'none') throw new Error('the look has no shadow');
  const shadowMap = renderShadowMap(paint([0, 0, 0], size).alpha, { kind, ...spec })!;
  return { canvas: renderLookCanvas(look, shadowMap) as RgbaImage, shadowMap };
}

describe('measureExportChecks', () => {
  it('passes a picture of the look: its size, pure white everywhere, the piece at 85 %, a small file', () => {
    const { picture, alpha } = paint([255, 255, 255], 170);
    const checks = measureExportChecks({ picture, pieceAlpha: alpha, fileBytes: 400_000, look: whiteLook });
    expect(checks.map((check) => check.id)).toEqual(['size', 'background', 'fill', 'file-size']);
    expect(checks.filter((check) => !check.pass)).toEqual([]);
    expect(byId(checks).background.message).toBe('Background: every pixel pure white (255, 255, 255).');
    expect(byId(checks).fill.message).toBe('Fill: the piece fills 85.0 % of the frame; the look asks 85 %.');
    expect(byId(checks)['file-size'].message).toBe('File: 400 KB, within the 10.0 MB that Etsy and Amazon take.');
  });

  it('fails a white background with a single pixel a level off right next to the piece, and counts it; for WebP it says why', () => {
    const { picture, alpha } = paint([255, 255, 255], 170);
    // The piece spans 15..184: column 185 touches it.
    picture.data[(100 * side + 185) * 4 + 2] = 254;
    const check = byId(measureExportChecks({ picture, pieceAlpha: alpha, fileBytes: 1, look: whiteLook })).background;
    expect(check.pass).toBe(false);
    expect(check.message).toBe('Background: 1 pixel is not pure white (255, 255, 255).');
    const webp: Look = { ...whiteLook, output: { ...whiteLook.output, format: 'image/webp' } };
    expect(byId(measureExportChecks({ picture, pieceAlpha: alpha, fileBytes: 1, look: webp })).background.message).toContain('choose JPEG or PNG');
  });

  it('fails a piece more than a point off the look\'s fill, and a file over 10 MB', () => {
    const { picture, alpha } = paint([255, 255, 255], 150);
    const checks = byId(measureExportChecks({ picture, pieceAlpha: alpha, fileBytes: 10_500_000, look: whiteLook }));
    expect(checks.fill.pass).toBe(false);
    expect(checks.fill.message).toBe('Fill: the piece fills 75.0 % of the frame; the look asks 85 %: 10.0 points under, more than the 1 allowed.');
    expect(checks['file-size'].pass).toBe(false);
    expect(checks['file-size'].message).toBe('File: 10.5 MB, over the 10.0 MB that Etsy and Amazon take.');
    // Just over, rounding would say 10.0 MB twice: the bytes are counted.
    const justOver = byId(measureExportChecks({ picture, pieceAlpha: alpha, fileBytes: 10_000_001, look: whiteLook }))['file-size'];
    expect(justOver.message).toBe('File: 10,000,001 bytes, over the 10.0 MB that Etsy and Amazon take.');
    expect(checks.size.pass).toBe(true);
    // Within a point passes: 168 px is 84 %.
    const near = paint([255, 255, 255], 168);
    expect(byId(measureExportChecks({ picture: near.picture, pieceAlpha: near.alpha, fileBytes: 1, look: whiteLook })).fill.pass).toBe(true);
  });

  it('checks the fill the margins let the look reach: 85 % asked with 13 % margins is 74 %', () => {
    const look: Look = { ...etsyLook, framing: { ...etsyLook.framing, fill: 0.85 } };
    const { canvas, shadowMap } = shadowedCanvas(look, 148);
    const { picture, alpha } = paint(canvas, 148);
    const fill = byId(measureExportChecks({ picture, pieceAlpha: alpha, shadowMap, fileBytes: 1, look })).fill;
    expect(fill.pass).toBe(true);
    expect(fill.message).toBe('Fill: the piece fills 74.0 % of the frame; the look asks 74 % (85 %, but its 13 % margins leave 74 %).');
  });

  it('reports a picture of another size and checks nothing else against the look', () => {
    const picture = createImage(100, 100, [255, 255, 255, 255]);
    const checks = measureExportChecks({ picture, pieceAlpha: createMask(100, 100), fileBytes: 1, look: whiteLook });
    expect(checks).toEqual([{ id: 'size', pass: false, message: 'Size: 100 × 100 px, but the look asks for 200 × 200 px.' }]);
  });

  describe('on a gradient with a drop shadow (dark luxury)', () => {
    const { canvas, shadowMap } = shadowedCanvas(darkLook, 144);
    const check = (picture: RgbaImage, alpha: Mask) => byId(measureExportChecks({ picture, pieceAlpha: alpha, shadowMap, fileBytes: 1, look: darkLook }));

    it('takes a level or two of JPEG wobble everywhere, and ringing next to the piece', () => {
      const { picture, alpha } = paint(canvas, 144);
      for (let k = 0; k < picture.data.length; k += 4) if (!alpha.data[k / 4]) picture.data[k] = Math.max(0, picture.data[k] + ((k / 4) % 5) - 2);
      // Ringing: a 6 px band round the piece, far off the background; a 16 px band is left out.
      for (let y = 22; y < 178; y++) for (let x = 22; x < 178; x++) if (!alpha.data[y * side + x]) picture.data.set([140, 140, 140], (y * side + x) * 4);
      const checks = check(picture, alpha);
      expect(checks.background.pass).toBe(true);
      expect(checks.background.message).toBe("Background: 100 % within 3 levels of the look's colour beyond 16 px of the piece.");
      expect(checks.fill.pass).toBe(true);
      // A lossless PNG has no ringing: no band is left out, and the ringing counts (judged without a shadow, which
      // would cover much of the band).
      const png: Look = { ...darkLook, shadow: noShadow, output: { ...darkLook.output, format: 'image/png' } };
      const asPng = byId(measureExportChecks({ picture, pieceAlpha: alpha, fileBytes: 1, look: png })).background;
      expect(asPng.pass).toBe(false);
      expect(asPng.message).toMatch(/^Background: \d\d\.\d\d % within 3 levels of the look's colour \(at least 99\.9 % expected\)\.$/);
    });

    it('leaves the shadow out: a blotch under it passes, the same blotch in a corner fails (no ringing band here)', () => {
      const noBand = { ...defaultExportCheckOptions, ringingBandPx: 0 };
      const check = (picture: RgbaImage, alpha: Mask) => byId(measureExportChecks({ picture, pieceAlpha: alpha, shadowMap, fileBytes: 1, look: darkLook }, noBand));
      const { picture, alpha } = paint(canvas, 144);
      const blotch = (x0: number, y0: number) => {
        const copy = { ...picture, data: new Uint8ClampedArray(picture.data) };
        for (let y = y0; y < y0 + 8; y++) for (let x = x0; x < x0 + 8; x++) copy.data.set([200, 200, 200], (y * side + x) * 4);
        return copy;
      };
      // Straight below the piece: in the drop shadow.
      const underX = 96;
      const underY = 176;
      expect(shadowMap.data[(underY + 4) * side + underX + 4]).toBeGreaterThan(0);
      expect(check(blotch(underX, underY), alpha).background.pass).toBe(true);
      const cornered = check(blotch(0, 0), alpha).background;
      expect(cornered.pass).toBe(false);
      expect(cornered.message).toMatch(/^Background: 9\d\.\d\d % within 3 levels of the look's colour \(at least 99\.9 % expected\)\.$/);
    });
  });
});
