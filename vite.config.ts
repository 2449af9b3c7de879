// Vite: builds the Svelte app and its module workers, serves them cross-origin isolated, runs vitest.
import { defaultClientConditions, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

/** COOP + COEP make the page cross-origin isolated, so ONNX Runtime's WASM can use threads. */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * `vite preview` gzips every response on the fly; for the 176 MB model that costs ~8 s per load here (the retouch
 * command, the benchmark and the end-to-end tests all load it). Model and WebAssembly files are served as they are.
 */
const serveBinariesUncompressed: Plugin = {
  name: 'lustre:serve-binaries-uncompressed',
  configurePreviewServer(server) {
    server.middlewares.use((request, _response, next) => {
      if (/\.(onnx|wasm)(\?|$)/.test(request.url ?? '')) delete request.headers['accept-encoding'];
      next();
    });
  },
};

/**
 * The service worker (src/sw/service-worker.ts), built by vite-plugin-pwa with the precache list injected: the app
 * shell, every hashed asset, ONNX Runtime's wasm (27 MB) and models/manifest.json. The ISNet files (88 and 176 MB)
 * are not precached: the worker stores the one the engine uses on first use. Registered by src/sw/register.ts.
 */
const serviceWorker = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src/sw',
  filename: 'service-worker.ts',
  injectRegister: false,
  manifest: {
    name: 'Lustre — jewelry photos, retouched on your device',
    short_name: 'Lustre',
    description: 'Retouches batches of jewelry photos to one catalog look, in the browser. Nothing is uploaded.',
    theme_color: '#8a5a2b',
    background_color: '#faf8f5',
    display: 'standalone',
    start_url: '.',
    icons: [
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  injectManifest: {
    rollupFormat: 'iife',
    // The manifest and its icons are added by the plugin itself.
    globPatterns: ['**/*.{js,mjs,css,html,wasm}', 'models/manifest.json', 'models/probe.onnx', 'models/esrgan-x4.onnx'],
    globIgnores: ['automation.html', '**/automation-*.js'],
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
  },
  devOptions: { enabled: false },
});

export default defineConfig({
  plugins: [svelte(), serveBinariesUncompressed, serviceWorker],
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
  // Served as they are, not pre-bundled: both load WebAssembly relative to their own files (jSquash's README asks for it).
  optimizeDeps: { exclude: ['onnxruntime-web', '@jsquash/jpeg'] },
  test: {
    include: ['src/**/*.test.ts', 'tests/support/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
