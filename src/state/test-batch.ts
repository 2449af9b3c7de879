// The test batch: how many of a new batch's photos to process first, so the seller can judge the look before the rest.

/** The sizes a seller can choose in the settings; 12 unless they chose another. */
export const testBatchSizes = [3, 6, 12, 20] as const;
export const defaultTestBatchSize = 12;

/** Whether `value` is one of the sizes a seller can choose. */
export function isTestBatchSize(value: number): boolean {
  return (testBatchSizes as readonly number[]).includes(value);
}

/** The test batch to offer for `queuedCount` photos not yet started: the chosen size, when the batch is bigger (a smaller one is simply processed). */
export function pickTestBatchSize(chosen: number, queuedCount: number): number | undefined {
  return queuedCount > chosen ? chosen : undefined;
}
