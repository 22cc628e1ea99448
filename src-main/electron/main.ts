/**
 * Electron main entry (electron-vite bundles this to out/main/index.js, and the hub's writer worker to
 * out/main/hub-worker.js). Thin on purpose: the wiring lives in desktop-shell.ts, the engine is the same
 * `startServer` the headless shell uses (start-engine.ts) — so the desktop console also receives webhooks on
 * 127.0.0.1:8080 (`--port`), runs the demo feed when no `--config` is given, and keeps its database in
 * app.getPath('userData') (`--data` overrides). SQLite, the engine and the notification layer run in the writer
 * worker, which opens SQLite with the Electron build of better-sqlite3 (`nativeBinding`, see native-binding.ts).
 */
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app } from 'electron'
import { startServer } from '../server'
import { startDesktop } from './desktop-shell'
import { engineStarter } from './start-engine'

startDesktop({ startEngine: engineStarter(startServer), argv: process.argv.slice(1), mainDir: dirname(fileURLToPath(import.meta.url)) }).catch((e: unknown) => {
  console.error('NOC console failed to start', e)
  app.exit(1)
})
