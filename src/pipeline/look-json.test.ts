import { describe, expect, it } from 'vitest';
import { whiteCatalogLook } from './look';
import { LookError, namedLooks, parseLook } from './look-json';

describe('parseLook', () => {
  it('accepts every named look as it is', () => {
    for (const look of Object.values(namedLooks)) expect(parseLook(JSON.parse(JSON.stringify(look)))).toEqual(look);
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
    [{ ...whiteCatalogLook, schemaVersion: 2 }, 'schemaVersion 2'],
    [{ ...whiteCatalogLook, output: { ...whiteCatalogLook.output, format: 'image/gif' } }, 'output.format must be one of'],
    [{ ...whiteCatalogLook, output: { ...whiteCatalogLook.output, widthPx: 20.5 } }, 'output.widthPx must be a whole number'],
    [{ ...whiteCatalogLook, background: { kind: 'solid', rgb: [255, 255] } }, 'background.rgb must be three numbers'],
    [{ ...whiteCatalogLook, framing: undefined }, '"framing" is missing'],
    [{ ...whiteCatalogLook, framing: { fill: 1.5 } }, 'framing.fill must be a number from 0.05 to 1 (got 1.5)'],
  ])('names the first bad field (%#)', (value, message) => {
    expect(() => parseLook(value)).toThrow(LookError);
    expect(() => parseLook(value)).toThrow(message);
  });
});
