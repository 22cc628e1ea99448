import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'

/** The renderer build used by `serve` (browser / wall display) and by the e2e tests. */
export default defineConfig({
  root: resolve(__dirname, 'src-renderer'),
  base: './',
  plugins: [react()],
  resolve: { alias: { '@shared': resolve(__dirname, 'src-shared') } },
  build: { outDir: resolve(__dirname, 'out/renderer'), emptyOutDir: true, chunkSizeWarningLimit: 2000 },
})
