import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Copies pdf.js's character maps (needed by PDFs with CJK fonts that are not embedded) and its standard
 * font data into the build, under `pdfjs/`, where the viewer points pdf.js (features/contract/viewer/pdfjs.ts):
 * served from the app's own origin, as the CSP requires, and available offline.
 */
function pdfjsAssets(): Plugin {
  const outDir = fileURLToPath(new URL('./dist/renderer/pdfjs', import.meta.url));
  return {
    name: 'contract-vault-pdfjs-assets',
    apply: 'build',
    closeBundle() {
      for (const folder of ['cmaps', 'standard_fonts']) {
        cpSync(fileURLToPath(new URL(`./node_modules/pdfjs-dist/${folder}`, import.meta.url)), `${outDir}/${folder}`, { recursive: true });
      }
    },
  };
}

/**
 * The renderer's build (DESIGN.md §1): `src-renderer/` is the Vite root, the output goes to
 * `dist/renderer`, which the web bridge (and later the Electron shell) serves. Relative asset URLs
 * (`base: './'`) so the same build works under the bridge's `/` and under a custom protocol.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [react(), pdfjsAssets()],
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
        // pdf.js stays out of it: the PDF viewer loads it on first use (features/contract/viewer/pdfjs.ts).
        manualChunks: (id) => (id.includes('node_modules') && !id.includes('pdfjs-dist') ? 'vendor' : undefined),
      },
    },
    chunkSizeWarningLimit: 2500,
  },
});
