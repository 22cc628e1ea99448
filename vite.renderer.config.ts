import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'
import { devCspPlugin } from './src-renderer/vite-dev-csp'

/** Where `vite serve` forwards API and WebSocket traffic (a running `npm run dev:serve`). */
const api = process.env.NOC_API ?? 'http://127.0.0.1:8080'

/** The renderer build used by `serve` (browser / wall display) and by the e2e tests. */
export default defineConfig({
  root: resolve(__dirname, 'src-renderer'),
  base: './',
  plugins: [react(), devCspPlugin()],
  resolve: { alias: { '@shared': resolve(__dirname, 'src-shared') } },
  build: { outDir: resolve(__dirname, 'out/renderer'), emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  // Renderer hot reload against a real server: `npm run dev:serve -- --port 8080` + `npx vite --config vite.renderer.config.ts`.
  server: {
    proxy: {
      '/ws': { target: api.replace(/^http/, 'ws'), ws: true },
      '/api': api,
      '/healthz': api,
    },
  },
})
