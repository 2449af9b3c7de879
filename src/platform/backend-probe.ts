// Runs in: retouch worker (and main thread for display). Decides WebGPU or WASM by asking for a real adapter.
import type { Backend } from '../pipeline/stage';

export type BackendPreference = 'auto' | Backend;

export interface BackendChoice {
  backend: Backend;
  /** Why this backend was chosen, in words for the user. */
  reason: string;
  /** The adapter supports half-precision shaders (the fp16 model can run on it). */
  hasShaderF16: boolean;
  /** The adapter is a software rasteriser (e.g. SwiftShader), far slower than WASM. */
  isFallbackAdapter: boolean;
  adapterDescription?: string;
}

interface AdapterLike {
  features: { has(name: string): boolean };
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}

/** Asks the browser for a WebGPU adapter; `navigator.gpu` existing is not enough. */
export async function probeBackend(preference: BackendPreference): Promise<BackendChoice> {
  const none = { hasShaderF16: false, isFallbackAdapter: false };
  if (preference === 'wasm') return { backend: 'wasm', reason: 'WASM chosen in settings.', ...none };
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { backend: 'wasm', reason: 'This browser has no WebGPU; using WASM.', ...none };
  let adapter: AdapterLike | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    adapter = null;
  }
  if (!adapter) return { backend: 'wasm', reason: 'No WebGPU adapter is available; using WASM.', ...none };
  const info = adapter.info ?? {};
  const isFallbackAdapter =
    info.isFallbackAdapter === true || adapter.isFallbackAdapter === true || /swiftshader/i.test(info.architecture ?? '');
  const hasShaderF16 = adapter.features.has('shader-f16');
  const adapterDescription = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown GPU';
  const found = { hasShaderF16, isFallbackAdapter, adapterDescription };
  if (preference === 'webgpu') return { backend: 'webgpu', reason: `WebGPU forced in settings (${adapterDescription}).`, ...found };
  if (isFallbackAdapter) {
    return {
      backend: 'wasm',
      reason: `The WebGPU adapter is a software fallback (${adapterDescription}), far slower than WASM; using WASM.`,
      ...found,
    };
  }
  return { backend: 'webgpu', reason: `WebGPU on ${adapterDescription}.`, ...found };
}
