import { test as base, expect } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export interface Served {
  url: string
  dataDir: string
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any }>
  get(path: string): Promise<any>
}

const ROOT = resolve(import.meta.dirname, '..')

/** Start the real `serve` entry as a child process on an ephemeral port with its own data dir. */
export const startServe = async (extraArgs: string[] = []): Promise<{ served: Served; child: ChildProcess }> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'noc-e2e-'))
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src-main/serve.ts'), '--port', '0', '--data', dataDir, '--no-demo', ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  const url = await new Promise<string>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`serve did not start: ${log}`)), 30_000)
    child.stdout!.on('data', (d) => {
      log += d.toString()
      const m = /serving at (http:\/\/[^/\s]+)/.exec(log)
      if (m) {
        clearTimeout(t)
        res(m[1])
      }
    })
    child.stderr!.on('data', (d) => (log += d.toString()))
    child.once('exit', (code) => rej(new Error(`serve exited ${code}: ${log}`)))
  })
  const served: Served = {
    url,
    dataDir,
    post: async (path, body, headers = {}) => {
      const r = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
      return { status: r.status, json: await r.json() }
    },
    get: async (path) => (await fetch(url + path)).json(),
  }
  return { served, child }
}

export const test = base.extend<{ served: Served }>({
  served: async ({}, use) => {
    const { served, child } = await startServe()
    await use(served)
    child.kill('SIGTERM')
  },
})

export { expect }
