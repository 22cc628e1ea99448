import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startServer, type RunningServer, type ServerOptions } from '../server'

export const fixture = (name: string): string => readFileSync(resolve(__dirname, 'fixtures/adapters', name), 'utf8')

/** A serve instance on an ephemeral loopback port with its own data directory. */
export const testServer = (opts: Partial<ServerOptions> = {}): Promise<RunningServer> =>
  startServer({ port: 0, host: '127.0.0.1', dataDir: mkdtempSync(join(tmpdir(), 'noc-srv-')), quiet: true, synchronous: 'NORMAL', ...opts })

export const post = async (url: string, body: string | object, headers: Record<string, string> = {}) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await r.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: r.status, json, text }
}

export const getJson = async (url: string) => {
  const r = await fetch(url)
  return { status: r.status, json: (await r.json()) as any }
}
