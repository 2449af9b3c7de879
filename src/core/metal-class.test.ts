import { describe, expect, it } from 'vitest';
import { renderRingScene, type Scene } from '../../tests/support/images';
import { classifyMetal, measureMetalComposition, type MetalComposition } from './metal-class';

function composition(shares: Partial<MetalComposition>): MetalComposition {
  return { white: 0, yellow: 0, rose: 0, metalShare: 1, warmHueDeg: 0, warmChroma: 0, count: 1000, ...shares };
}

describe('metal classification', () => {
  it.each([
    ['silver', 'white'],
    ['gold', 'yellow'],
    ['rose', 'rose'],
  ] as const)('reads a generated %s ring as %s', (metal, expected) => {
    const measured = measureMetalComposition(...sceneOf(metal));
    expect(classifyMetal(measured)).toBe(expected);
    expect(measured.white + measured.yellow + measured.rose).toBeCloseTo(1, 9);
  });

  it('puts gold hues near 80° and rose near 40°', () => {
    const gold = measureMetalComposition(...sceneOf('gold'));
    const rose = measureMetalComposition(...sceneOf('rose'));
    expect(gold.warmHueDeg).toBeGreaterThan(70);
    expect(gold.warmHueDeg).toBeLessThan(90);
    expect(rose.warmHueDeg).toBeGreaterThan(25);
    expect(rose.warmHueDeg).toBeLessThan(60);
  });

  it('decides white, mixed, yellow and rose from the shares', () => {
    expect(classifyMetal(composition({ white: 0.8, yellow: 0.2 }))).toBe('white');
    expect(classifyMetal(composition({ white: 0.62, yellow: 0.38 }))).toBe('mixed');
    expect(classifyMetal(composition({ white: 0.45, yellow: 0.4, rose: 0.15 }))).toBe('yellow');
    expect(classifyMetal(composition({ white: 0.2, yellow: 0.1, rose: 0.7 }))).toBe('rose');
  });
});

const scenes = new Map<string, Scene>();

/** A 320×240 ring on a light grey card, rendered once per metal. */
function sceneOf(metal: 'silver' | 'gold' | 'rose') {
  let scene = scenes.get(metal);
  if (!scene) {
    scene = renderRingScene({ metal, backdropRgb: [225, 225, 228], seed: 4, widthPx: 320, heightPx: 240 });
    scenes.set(metal, scene);
  }
  return [scene.image, scene.mask] as const;
}
