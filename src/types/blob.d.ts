// Pure code passes Blobs through untouched (decode/encode are injected ports); this is all it may know of them.
declare global {
  interface Blob {
    readonly size: number;
    readonly type: string;
  }
  interface AbortSignal {
    readonly aborted: boolean;
    readonly reason: unknown;
    throwIfAborted(): void;
  }
}
export {};
