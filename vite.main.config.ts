import { defineConfig } from 'vite';

// Merged by the Forge Vite plugin over its own main-process defaults (CJS library build to
// .vite/build/main.cjs, electron and Node built-ins external). Setting `build.lib` here would
// replace those defaults, so only what differs is set.
export default defineConfig({
  build: {
    rollupOptions: {
      // A native addon cannot be bundled: it loads prebuilds/<platform>-<arch>.node from its own
      // folder. forge.config.ts copies the package into the packaged app's node_modules.
      // pdf.js (the last check of her documents reads the PDF's text) loads its worker module by
      // file at run time, so it stays a package too, copied the same way.
      external: ['better-sqlite3', /^pdfjs-dist(\/.*)?$/],
    },
    sourcemap: false,
  },
});
