#!/usr/bin/env node
// `npm run serve [-- flags]`: build the renderer, then run the headless console (src-main/serve.ts) in THIS process,
// so a signal to the npm process reaches the server itself (see stopWithParent) and its port is released.
//   NOC_SKIP_BUILD=1   reuse out/renderer as it is
import { spawnSync } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { stopWithParent } from './launch-lib.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

if (process.env.NOC_SKIP_BUILD !== '1') {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) {
    console.error(`[serve] renderer build failed (exit ${r.status ?? r.signal})`)
    process.exit(r.status ?? 1)
  }
}

stopWithParent()
// TypeScript straight from the sources (tsx resolves the tsconfig `@shared/*` paths); serve.ts handles the signals.
const { register } = await import('tsx/esm/api')
register()
await import(pathToFileURL(join(root, 'src-main', 'serve.ts')).href)
