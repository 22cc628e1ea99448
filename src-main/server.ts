import type { AddressInfo } from 'node:net'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { createHub, type HubWithCore } from './hub'
import type { Clock } from './hub-types'
import { createHttpServer, DEFAULT_MAX_BODY_BYTES } from './ingest/http-server'
import { attachWsServer, DEFAULT_MAX_FRAME_BYTES } from './ingest/ws-server'
import { startDemoFeed } from './sim/demo-feed'

export interface ServerOptions {
  port?: number
  host?: string
  dataDir: string
  configPath?: string
  demo?: boolean
  clock?: Clock
  maxBodyBytes?: number
  maxFrameBytes?: number
  rendererDir?: string
  synchronous?: 'FULL' | 'NORMAL'
  /** Engine timer cadence (ms); 0 disables the ticker (tests call `hub.core.tick()` with an injected clock). */
  tickMs?: number
  /** Print nothing (tests). */
  quiet?: boolean
}

export interface RunningServer {
  url: string
  port: number
  hub: HubWithCore
  close(): Promise<void>
}

export const defaultRendererDir = () => resolve(import.meta.dirname ?? __dirname, '..', 'out', 'renderer')

/** Headless serve: the hub + HTTP/WS API + the built renderer. Used by `npm run serve`, the e2e tests and benches. */
export const startServer = async (opts: ServerOptions): Promise<RunningServer> => {
  const hub = await createHub({ dataDir: opts.dataDir, clock: opts.clock, configPath: opts.configPath, demo: opts.demo, synchronous: opts.synchronous, tickMs: opts.tickMs, quiet: opts.quiet })
  const rendererDir = opts.rendererDir ?? defaultRendererDir()
  const server = createHttpServer(hub, {
    maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    rendererDir: existsSync(rendererDir) ? rendererDir : undefined,
  })
  const wss = attachWsServer(server, hub, { maxFrameBytes: opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES })
  const host = opts.host ?? '127.0.0.1'
  await new Promise<void>((res, rej) => {
    server.once('error', rej)
    server.listen(opts.port ?? 0, host, () => res())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  const demo = opts.demo ? startDemoFeed({ target: url, log: opts.quiet ? () => {} : console.log }) : undefined

  return {
    url,
    port,
    hub,
    close: async () => {
      demo?.stop()
      for (const c of wss.clients) c.terminate()
      wss.close()
      await new Promise<void>((r) => server.close(() => r()))
      server.closeAllConnections?.()
      await hub.close()
    },
  }
}
