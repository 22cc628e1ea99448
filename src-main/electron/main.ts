/**
 * Electron main entry (electron-vite bundles this to out/main/index.js). Thin on purpose: the wiring lives in
 * desktop-shell.ts, the engine is the same `startServer` the headless shell uses — so the desktop console also
 * receives webhooks on 127.0.0.1:8080 (`--port`), runs the demo feed when no `--config` is given, and keeps its
 * database in app.getPath('userData') (`--data` overrides). SQLite is opened with the Electron build of
 * better-sqlite3 (`nativeBinding`, see native-binding.ts).
 */
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app } from 'electron'
import { startServer } from '../server'
import { startDesktop, type Engine, type EngineOptions } from './desktop-shell'

const startEngine = async (o: EngineOptions): Promise<Engine> => {
  try {
    const engine = await startServer({ dataDir: o.dataDir, configPath: o.configPath, demo: o.demo, port: o.port, host: o.host, nativeBinding: o.nativeBinding })
    // The desktop channel of the notification layer shows its notices through Electron (src-main/ops/delivery/desktop-port.ts).
    engine.hub.attachDesktop(o.notifier)
    return engine
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${o.port} on ${o.host} is already in use (is \`npm run serve\` running?). Start with --port N.`)
    }
    throw e
  }
}

startDesktop({ startEngine, argv: process.argv.slice(1), mainDir: dirname(fileURLToPath(import.meta.url)) }).catch((e: unknown) => {
  console.error('NOC console failed to start', e)
  app.exit(1)
})
