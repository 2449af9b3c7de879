// Order statistics of plain number lists (medians of per-photo figures, stage times, quality figures).

/** The list sorted ascending, as a new array. */
export function sortAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The median of a non-empty list sorted ascending: its middle value, or the mean of the two middle ones. */
export function readSortedMedian(sorted: readonly number[]): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
