import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer's build (DESIGN.md §1): `src-renderer/` is the Vite root, the output goes to
 * `dist/renderer`, which the web bridge (and later the Electron shell) serves. Relative asset URLs
 * (`base: './'`) so the same build works under the bridge's `/` and under a custom protocol.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The bridge's CSP forbids inline scripts; Vite's modulepreload polyfill is bundled, never inlined.
    modulePreload: { polyfill: false },
    // No source maps in the served app: nothing to leak, nothing for the CSP to load.
    sourcemap: false,
    // antd is large; one vendor chunk keeps the app's own chunk small and cacheable.
    rollupOptions: {
      output: {
        manualChunks: (id) => (id.includes('node_modules') ? 'vendor' : undefined),
      },
    },
    chunkSizeWarningLimit: 2500,
  },
});
