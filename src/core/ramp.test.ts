import { describe, expect, it } from 'vitest';
import { rampUp } from './ramp';

describe('rampUp', () => {
  it('is 0 below, 1 above, linear between', () => {
    expect(rampUp(1, 2, 4)).toBe(0);
    expect(rampUp(3, 2, 4)).toBe(0.5);
    expect(rampUp(5, 2, 4)).toBe(1);
    expect(rampUp(2.5, 2, 2)).toBe(1);
    expect(rampUp(2, 2, 2)).toBe(0);
  });
});
