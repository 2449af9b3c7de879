// Linear ramps between two thresholds, for turning a measurement into a 0..1 weight.

/** 0 at or below `low`, 1 at or above `high`, linear between (a step at `low` when high ≤ low). */
export function rampUp(value: number, low: number, high: number): number {
  if (high <= low) return value > low ? 1 : 0;
  return value <= low ? 0 : value >= high ? 1 : (value - low) / (high - low);
}
