import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'

const shared = { '@shared': resolve(__dirname, 'src-shared') }
// The hub's writer worker (SQLite, engine, notifications off Electron's main thread) is its own entry, bundled as
// out/main/hub-worker.js next to index.js, where app/writer-entry.ts looks for it. (Conditional only until the
// worker from the hub issue is on this branch.)
const hubWorker = resolve(__dirname, 'src-main/app/hub-worker.ts')
const mainInputs = { index: resolve(__dirname, 'src-main/electron/main.ts'), 'hub-worker': hubWorker }

/**
 * out/main/package.json `{"type":"module"}`: the installed app keeps out/main outside app.asar (asarUnpack), so the
 * worker thread loads its ES modules from plain files even where a worker has no asar support; there the nearest
 * package.json must say these .js files are ES modules, since the app's own package.json stays inside the archive.
 */
const esmMarker: Plugin = {
  name: 'noc-esm-marker',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'package.json', source: '{ "type": "module" }\n' })
  },
}

/** Desktop build: main + preload from src-main/electron, renderer rooted at src-renderer. */
export default defineConfig({
  main: {
    resolve: { alias: shared },
    plugins: [esmMarker],
    build: {
      outDir: 'out/main',
      rollupOptions: { input: mainInputs, external: ['better-sqlite3'] },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/electron/preload.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    resolve: { alias: shared },
    plugins: [react()],
    build: { outDir: 'out/renderer', rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') } },
  },
})
