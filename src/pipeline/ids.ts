// Branded ids, so an image id can never be passed where a batch id is expected.

export type BatchId = string & { readonly __brand: 'BatchId' };
export type ImageId = string & { readonly __brand: 'ImageId' };
export type JobId = string & { readonly __brand: 'JobId' };

function randomId(prefix: string): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return prefix + Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

export const newBatchId = (): BatchId => randomId('b_') as BatchId;
export const newImageId = (): ImageId => randomId('i_') as ImageId;
export const newJobId = (): JobId => randomId('j_') as JobId;
