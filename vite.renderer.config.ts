import path from 'node:path';
import { defineConfig } from 'vite';

// The renderer, for Electron (through the Forge Vite plugin) and for the browser host alike.
// No React plugin: Vite's own transform handles JSX, and Fast Refresh's inline preamble would
// need a weaker Content-Security-Policy.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  build: {
    outDir: path.resolve(import.meta.dirname, '.vite/renderer/main_window'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
  },
});
