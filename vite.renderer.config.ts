import path from 'node:path';
import { defineConfig } from 'vite';

// The renderer, for Electron (through the Forge Vite plugin) and for the browser host alike.
// No React plugin: Vite's own transform handles JSX, and Fast Refresh's inline preamble would
// need a weaker Content-Security-Policy.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  // The officer catalogs as JSON.parse("…"): parsed several times faster than the same object
  // written as JavaScript, on the path of every start-up.
  json: { stringify: true },
  build: {
    outDir: path.resolve(import.meta.dirname, '.vite/renderer/main_window'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
  },
});
