/**
 * Builds the three bundles without an Electron binary: `out/main` (ESM, deps left to
 * node_modules), `out/preload` (one CommonJS file: sandboxed preloads cannot load ESM or
 * other files) and `out/renderer` (the React UI, also served by browser mode).
 */
import path from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * electron-vite makes renderer asset URLs relative ('./'); RunLens loads the UI from an origin
 * root in both faces (app://runlens/ and http://127.0.0.1:PORT/), so absolute URLs keep deep
 * links working in browser mode.
 */
function absoluteBase(): Plugin {
  return { name: 'runlens:absolute-base', config: () => ({ base: '/' }) };
}

export default defineConfig({
  main: {
    build: {
      outDir: path.join(root, 'out/main'),
      lib: { entry: path.join(root, 'electron/main/index.ts') },
    },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out/preload'),
      lib: { entry: path.join(root, 'electron/preload/index.ts') },
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false } },
    },
  },
  renderer: {
    root: path.join(root, 'renderer'),
    plugins: [react(), absoluteBase()],
    build: {
      outDir: path.join(root, 'out/renderer'),
      minify: true,
      // One local bundle; its size is not a network concern.
      chunkSizeWarningLimit: 4096,
      rolldownOptions: { input: path.join(root, 'renderer/index.html') },
    },
  },
});
