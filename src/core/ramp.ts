// Ramps between two thresholds (linear, or smooth), for turning a measurement into a 0..1 weight.

/** 0 at or below `low`, 1 at or above `high`, linear between (a step at `low` when high ≤ low). */
export function rampUp(value: number, low: number, high: number): number {
  if (high <= low) return value > low ? 1 : 0;
  return value <= low ? 0 : value >= high ? 1 : (value - low) / (high - low);
}

/** 1 at or below `from`, 0 at or above `to`, smooth (smoothstep) in between. */
export function smoothRampDown(value: number, from: number, to: number): number {
  if (value <= from) return 1;
  if (value >= to) return 0;
  const t = (value - from) / (to - from);
  return 1 - t * t * (3 - 2 * t);
}
