import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

/**
 * `npm run serve` and `npm start` stop when the npm process itself is signalled (a service manager or a terminal
 * multiplexer signals the process it started, not its group): the server must go too and release its port.
 * Real processes and real time here, with generous deadlines; nothing is asserted about how fast.
 */
const ROOT = resolve(import.meta.dirname, '..')
let children: ChildProcess[] = []
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  children = []
})

const launch = (args: string[], env: Record<string, string> = {}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'noc-launch-'))
  // detached: its own process group, so the signal below goes to npm alone, as a supervisor's would.
  const child = spawn('npm', [...args, '--', '--port', '0', '--data', dataDir, '--no-demo'], {
    cwd: ROOT,
    env: { ...process.env, NOC_SKIP_BUILD: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  children.push(child)
  let out = ''
  const port = new Promise<number>((res, rej) => {
    const onData = (d: Buffer) => {
      out += d.toString()
      const m = /serving at https?:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (m) res(Number(m[1]))
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (d) => (out += d.toString()))
    child.once('exit', (code) => rej(new Error(`npm exited (${code}) before serving: ${out}`)))
  })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  return { child, port, exited, dataDir, output: () => out }
}

const accepts = (port: number) =>
  new Promise<boolean>((res) => {
    const s = createConnection({ port, host: '127.0.0.1' })
    s.once('connect', () => (s.destroy(), res(true)))
    s.once('error', () => res(false))
  })

/** Until nothing accepts on `port` (or 20 s), then whether we can bind it ourselves. */
const portReleased = async (port: number): Promise<boolean> => {
  const deadline = Date.now() + 20_000
  while ((await accepts(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  return new Promise((res) => {
    const srv = createServer()
    srv.once('error', () => res(false))
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)))
  })
}

describe('launchers stop with the npm process', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`npm run serve: ${signal} to npm releases the port`, async () => {
      const l = launch(['run', 'serve'])
      const port = await l.port
      expect(await accepts(port)).toBe(true)
      // The flags after `--` reached the server: an ephemeral port (not the default 8080) and our data folder.
      expect(port).not.toBe(8080)
      expect(l.output()).toContain(`data: ${l.dataDir}`)
      process.kill(l.child.pid!, signal)
      await l.exited
      expect(await portReleased(port)).toBe(true)
    }, 60_000)
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`npm start (browser fallback): ${signal} to npm releases the port`, async () => {
      const l = launch(['start'], { NOC_SHELL: 'serve' })
      const port = await l.port
      expect(port).not.toBe(8080)
      expect(l.output()).toContain(`data: ${l.dataDir}`)
      process.kill(l.child.pid!, signal)
      await l.exited
      expect(await portReleased(port)).toBe(true)
    }, 60_000)
  }
})
