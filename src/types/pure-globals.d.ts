// The few host globals pure code may name: Blobs pass through untouched (decode/encode are injected
// ports), signals are checked, and the clock is read. Present in Node 20, browsers and workers alike.
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
  var performance: { now(): number };
}
export {};
declare global {
  var crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
}
