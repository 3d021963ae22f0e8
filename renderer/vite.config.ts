import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs so the same build loads from file:// under Electron and from browser mode.
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
    // Provider logos stay files the browser fetches when one is shown, never inlined into the JS.
    assetsInlineLimit: (file) => (file.includes('icons-static-svg') ? false : undefined),
    // Electron 45 ships Chromium 140; light-dark() and the rest stay native instead of being
    // rewritten into var() fallbacks (which made scrolling long conversations slower).
    target: 'chrome130',
    cssTarget: 'chrome130',
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
});
