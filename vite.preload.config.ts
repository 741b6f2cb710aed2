import { defineConfig } from 'vite';

// The Forge Vite plugin already builds the preload as one CommonJS file (.vite/build/preload.cjs)
// with electron external, which is what a sandboxed preload requires: it can `require` nothing
// but electron, so everything else it uses (the channel allow-list) is bundled in.
export default defineConfig({
  build: {
    sourcemap: false,
  },
});
