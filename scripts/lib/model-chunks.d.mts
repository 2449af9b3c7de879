// Types for model-chunks.mjs (joins and checks the chunked model from @imgly/background-removal-data).
export const reinstallHint: string;
export class AssemblyError extends Error {}
export interface ResourceChunk {
  hash: string;
  offsets: [number, number];
}
export interface ResourceEntry {
  chunks: ResourceChunk[];
  size: number;
}
export function readResourceEntry(packageDir: string, resourceKey: string): { packageVersion: string; entry: ResourceEntry };
export function assembleResource(packageDir: string, resourceKey: string, entry: ResourceEntry): Buffer;
