import { describe, expect, it } from 'vitest';
import { computeLuma, lumaWeights } from './color';

describe('computeLuma', () => {
  it('maps white to 255 and black to 0, weights summing to 1', () => {
    expect(lumaWeights[0] + lumaWeights[1] + lumaWeights[2]).toBeCloseTo(1, 10);
    expect(computeLuma(255, 255, 255)).toBeCloseTo(255, 9);
    expect(computeLuma(0, 0, 0)).toBe(0);
  });

  it('weighs green most and blue least', () => {
    expect(computeLuma(0, 100, 0)).toBeGreaterThan(computeLuma(100, 0, 0));
    expect(computeLuma(100, 0, 0)).toBeGreaterThan(computeLuma(0, 0, 100));
  });
});
