import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..')

/** Start the real `serve` as a child process (the load generator must not share its event loop). */
export const spawnServe = async (args: string[] = []): Promise<{ url: string; child: ChildProcess; dataDir: string; stop: () => Promise<void> }> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'noc-bench-'))
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src-main/serve.ts'), '--port', '0', '--data', dataDir, '--no-demo', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  const url = await new Promise<string>((res, rej) => {
    child.stdout!.on('data', (d) => {
      out += d.toString()
      const m = /serving at (http:\/\/[^/\s]+)/.exec(out)
      if (m) res(m[1])
    })
    child.once('exit', (c) => rej(new Error(`serve exited ${c}: ${out}`)))
  })
  return {
    url,
    child,
    dataDir,
    stop: () =>
      new Promise((r) => {
        child.once('exit', () => r())
        child.kill('SIGTERM')
      }),
  }
}

/** Run `task(i)` for i in [0, n) with at most `concurrency` in flight. */
export const pool = async (n: number, concurrency: number, task: (i: number) => Promise<void>) => {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) await task(next++)
    }),
  )
}

export const writeResult = (name: string, data: unknown) => {
  const dir = join(ROOT, 'bench/results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ at: new Date().toISOString(), ...(data as object) }, null, 2))
}

export const fmt = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)}k` : n.toFixed(0))
