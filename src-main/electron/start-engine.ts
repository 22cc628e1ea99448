/**
 * The Electron main's engine: the same `startServer` as `npm run serve`. Its listeners (HTTP/WS for webhooks and
 * browsers) run on this thread, Electron's main; the writer — SQLite, engine, notification layer — runs in the
 * worker thread that app/start-hub.ts starts, so the main thread never waits on an fsync or a correlation pass.
 * What only the shell knows travels with it: the Electron-ABI better-sqlite3 the worker must load, where the
 * installed app keeps the worker's bundle, and what to do when the worker dies.
 */
import type { RunningServer, ServerOptions } from '../server'
import type { Engine, EngineOptions } from './desktop-shell'

export type StartServer = (opts: ServerOptions) => Promise<RunningServer>

/** `env` is the process environment the worker shares (SHARE_ENV): the report fonts' folder is set there. */
export const engineStarter =
  (startServer: StartServer, env: NodeJS.ProcessEnv = process.env) =>
  async (o: EngineOptions): Promise<Engine> => {
    // The worker renders reports; a folder the operator set wins over the installed app's own.
    if (o.fontsDir && !env.NOC_FONTS_DIR) env.NOC_FONTS_DIR = o.fontsDir
    try {
      const engine = await startServer({
        dataDir: o.dataDir,
        configPath: o.configPath,
        demo: o.demo,
        port: o.port,
        host: o.host,
        nativeBinding: o.nativeBinding,
        workerEntry: o.workerEntry,
        onFatal: o.onWriterStopped,
      })
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
