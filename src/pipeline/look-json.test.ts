import { describe, expect, it } from 'vitest';
import { whiteCatalogLook } from './look';
import { LookError, namedLooks, parseLook } from './look-json';

describe('parseLook', () => {
  it('accepts every named look as it is', () => {
    for (const look of Object.values(namedLooks)) expect(parseLook(JSON.parse(JSON.stringify(look)))).toEqual(look);
  });

  it('reads a version 1 look as version 2 with default shadow, tone and strengths', () => {
    const v1 = {
      schemaVersion: 1,
      name: 'Old',
      output: { widthPx: 2000, heightPx: 2000, format: 'image/jpeg', quality: 0.9 },
      background: { kind: 'solid', rgb: [255, 255, 255] },
      framing: { fill: 0.85, anchorX: 0.5, anchorY: 0.5 },
    };
    expect(parseLook(v1)).toEqual({ ...whiteCatalogLook, name: 'Old', output: { ...whiteCatalogLook.output, quality: 0.9 } });
  });

  it('reads a look saved before the brilliance stage with full brilliance, and keeps a chosen one', () => {
    const saved = JSON.parse(JSON.stringify(whiteCatalogLook));
    delete saved.strengths.brilliance;
    expect(parseLook(saved).strengths).toEqual({ ...whiteCatalogLook.strengths, brilliance: 1 });
    expect(parseLook({ ...saved, strengths: { ...saved.strengths, brilliance: 0.4 } }).strengths.brilliance).toBe(0.4);
  });

  it('fills optional fields with defaults', () => {
    const look = parseLook({
      schemaVersion: 1,
      output: { widthPx: 1600, heightPx: 1600, format: 'image/png' },
      background: { kind: 'solid', rgb: [250, 250, 250] },
      framing: { fill: 0.8 },
    });
    expect(look).toMatchObject({ name: 'Custom look', output: { quality: 0.92 }, framing: { anchorX: 0.5, anchorY: 0.5 } });
  });

  it.each([
    [[], 'A look is a JSON object.'],
    [{ ...whiteCatalogLook, schemaVersion: 3 }, 'schemaVersion 3'],
    [{ ...whiteCatalogLook, output: { ...whiteCatalogLook.output, format: 'image/gif' } }, 'output.format must be one of'],
    [{ ...whiteCatalogLook, output: { ...whiteCatalogLook.output, widthPx: 20.5 } }, 'output.widthPx must be a whole number'],
    [{ ...whiteCatalogLook, background: { kind: 'solid', rgb: [255, 255] } }, 'background.rgb must be three numbers'],
    [{ ...whiteCatalogLook, background: { kind: 'gradient', topRgb: [1, 2, 3] } }, 'background.bottomRgb must be three numbers'],
    [{ ...whiteCatalogLook, shadow: { kind: 'drop', opacity: 2 } }, 'shadow.opacity must be a number from 0 to 1'],
    [{ ...whiteCatalogLook, strengths: { holes: -1 } }, 'strengths.holes must be a number from 0 to 1'],
    [{ ...whiteCatalogLook, framing: undefined }, '"framing" is missing'],
    [{ ...whiteCatalogLook, framing: { fill: 1.5 } }, 'framing.fill must be a number from 0.05 to 1 (got 1.5)'],
  ])('names the first bad field (%#)', (value, message) => {
    expect(() => parseLook(value)).toThrow(LookError);
    expect(() => parseLook(value)).toThrow(message);
  });
});
