// Vite: builds the Svelte app and its module workers, serves them cross-origin isolated, runs vitest.
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** COOP + COEP make the page cross-origin isolated, so ONNX Runtime's WASM can use threads. */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  plugins: [svelte()],
  resolve: {
    // ONNX Runtime's non-bundled build: it loads its wasm from public/ort/ (self-hosted, see env.wasm.wasmPaths).
    conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions],
  },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
    // automation.html: the headless page `npm run retouch` drives (same workers, same pipeline as the app).
    rolldownOptions: { input: { app: 'index.html', automation: 'automation.html' } },
  },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  test: {
    include: ['src/**/*.test.ts', 'tests/support/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
