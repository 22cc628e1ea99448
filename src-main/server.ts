import type { AddressInfo } from 'node:net'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Clock, HubHandle } from './app/hub'
import { startHub } from './app/start-hub'
import { createAuth, isLoopbackHost } from './ingest/auth'
import { authConfigured, loadAuthConfig, parseAuthConfig, type AuthConfig, type AuthConfigInput } from './ingest/auth-config'
import { createHttpServer, type TlsOptions } from './ingest/http-server'
import { resolveLimits, type Limits } from './ingest/limits'
import { attachWsServer } from './ingest/ws-server'
import { startDemoFeed } from './sim/demo-feed'
import { simConfigYaml } from './sim/config'

const writeDemoConfig = (dataDir: string): string => {
  mkdirSync(dataDir, { recursive: true })
  const p = join(dataDir, 'demo-config.yaml')
  writeFileSync(p, simConfigYaml())
  return p
}

export interface ServerOptions {
  port?: number
  host?: string
  dataDir: string
  configPath?: string
  demo?: boolean
  clock?: Clock
  /** Shortcut for `limits.maxBodyBytes`. */
  maxBodyBytes?: number
  /** Shortcut for `limits.maxFrameBytes`. */
  maxFrameBytes?: number
  /** Every bound a peer could push against (ingest/limits.ts); unset ones keep their defaults. */
  limits?: Partial<Limits>
  /** Source and console credentials: an object, or the path of a YAML/JSON file. */
  auth?: AuthConfigInput | string
  /** HTTPS/WSS: PEM contents, or paths to PEM files. */
  tls?: TlsOptions | { certPath: string; keyPath: string }
  rendererDir?: string
  synchronous?: 'FULL' | 'NORMAL'
  /** better_sqlite3.node for this runtime's ABI (the Electron shell's build); unset = the Node build. */
  nativeBinding?: string
  /** Engine tick period in ms (0 = no timer; tests drive time with the clock). */
  tickMs?: number
  /** Print nothing (tests). */
  quiet?: boolean
  /** The writer worker's code, when a packager put it somewhere app/writer-entry.ts does not look. */
  workerEntry?: string
  /**
   * The writer worker died after start (in-flight requests have had their 503s); default: log and exit 70. The
   * Electron shell shows its error dialog first (see app/worker-hub.ts WorkerHubOptions.onFatal).
   */
  onFatal?: (reason: Error) => void
}

export interface RunningServer {
  url: string
  port: number
  hub: HubHandle
  /** The data directory (noc.db lives here). */
  dataDir: string
  /** Whether the demo feed runs (off when auth or TLS is on, whatever was asked). */
  demo: boolean
  limits: Limits
  close(): Promise<void>
}

export const defaultRendererDir = () => resolve(import.meta.dirname ?? __dirname, '..', 'out', 'renderer')

const loadAuth = (a: ServerOptions['auth']): { config?: AuthConfig; baseDir?: string } => {
  if (a === undefined) return {}
  if (typeof a === 'string') return { config: loadAuthConfig(a), baseDir: dirname(resolve(a)) }
  return { config: parseAuthConfig(a, 'auth option') }
}

const loadTls = (t: ServerOptions['tls']): TlsOptions | undefined => {
  if (!t) return undefined
  if ('certPath' in t) return { cert: readFileSync(t.certPath), key: readFileSync(t.keyPath) }
  return t
}

/** Headless serve: the hub + HTTP/WS API + the built renderer. Used by `npm run serve`, the e2e tests and benches. */
export const startServer = async (opts: ServerOptions): Promise<RunningServer> => {
  const host = opts.host ?? '127.0.0.1'
  const limits = resolveLimits({ ...opts.limits, maxBodyBytes: opts.limits?.maxBodyBytes ?? opts.maxBodyBytes, maxFrameBytes: opts.limits?.maxFrameBytes ?? opts.maxFrameBytes })
  const { config: authConfig, baseDir } = loadAuth(opts.auth)
  const log = opts.quiet ? () => {} : (s: string) => console.log(s)
  // Checked before anything is opened: an open ingest on a network interface is a misconfiguration, not a default.
  if (!isLoopbackHost(host) && !authConfig?.sources.length) {
    throw new Error(
      `refusing to listen on ${host} without authentication: anyone who can reach it could post alerts and act as an operator. ` +
        'Configure source tokens (--auth FILE or --ingest-token) and console tokens (--console-token), or bind 127.0.0.1 behind an authenticating proxy.',
    )
  }
  const auth = authConfigured(authConfig) ? createAuth(authConfig, { clock: opts.clock, baseDir }) : undefined
  const tls = loadTls(opts.tls)
  if (!isLoopbackHost(host) && !auth?.consolesConfigured) log(`note: no console tokens configured; consoles can only connect from this machine`)
  if (!isLoopbackHost(host) && !tls) log(`warning: ${host} is served without TLS; tokens travel in clear text (use --tls-cert/--tls-key or a TLS proxy)`)

  // The demo feed posts to its own listeners anonymously over plain HTTP; with auth or TLS on it could not.
  const demoWanted = opts.demo ?? false
  const demo = demoWanted && !auth?.ingestRequired && !tls
  if (demoWanted && !demo) log('demo feed off: it cannot post through authenticated or TLS listeners')

  // The demo MSP's own configuration (tiers, time zones, services, topology), so its wall ranks like a real one.
  const configPath = opts.configPath ?? (demo ? writeDemoConfig(opts.dataDir) : undefined)
  const hub = await startHub({ dataDir: opts.dataDir, clock: opts.clock, configPath, demo, synchronous: opts.synchronous, tickMs: opts.tickMs, quiet: opts.quiet, nativeBinding: opts.nativeBinding, workerEntry: opts.workerEntry, onFatal: opts.onFatal })
  const rendererDir = opts.rendererDir ?? defaultRendererDir()
  const http = createHttpServer(hub, { limits, rendererDir: existsSync(rendererDir) ? rendererDir : undefined, auth, tls })
  const server = http.server
  const wss = attachWsServer(server, hub, { maxFrameBytes: limits.maxFrameBytes, limits, auth, connections: http.connections })
  try {
    await new Promise<void>((res, rej) => {
      server.once('error', rej)
      server.listen(opts.port ?? 0, host, () => res())
    })
  } catch (e) {
    http.dispose()
    await hub.close()
    throw e
  }
  const port = (server.address() as AddressInfo).port
  const url = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`
  const feed = demo ? startDemoFeed({ target: url, log }) : undefined

  return {
    url,
    port,
    hub,
    dataDir: opts.dataDir,
    demo,
    limits,
    close: async () => {
      feed?.stop()
      for (const c of wss.clients) c.terminate()
      wss.close()
      const closed = new Promise<void>((r) => server.close(() => r()))
      // Keep-alive sockets would otherwise hold close() open until they idle out.
      server.closeAllConnections?.()
      await closed
      http.dispose()
      await hub.close()
    },
  }
}
