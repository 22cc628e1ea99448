import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { bundleServe as bundleServeTo } from '../src-main/testing/bundle-kit'

export const ROOT = resolve(import.meta.dirname, '..')

export interface ServeOptions {
  /** Reuse a data directory (default: a fresh temp dir). */
  dataDir?: string
  /** Extra node flags, e.g. `--cpu-prof`, `--cpu-prof-dir=…`. */
  nodeArgs?: string[]
  /** Run this built JS (see `bundleServe`) instead of the TypeScript source through tsx. */
  script?: string
  cwd?: string
}

export interface Serve {
  url: string
  child: ChildProcess
  /** The process that runs the server itself (for /proc/<pid>/status). */
  pid: number
  dataDir: string
  /** ms from spawn to the "serving at" line. */
  readyMs: number
  stop: () => Promise<void>
}

/** Children still running; killed if the bench dies half-way, so no orphaned serve keeps a port and a CPU. */
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const c of running) c.kill('SIGTERM')
})

/**
 * Start the real `serve` as a child process (the load generator must not share its event loop). Node loads tsx as
 * an import hook (`node --import tsx`) rather than through tsx's CLI, which would put a wrapper process between us
 * and the server: the child's pid is the server's, so its RSS and CPU profile are the server's own.
 */
export const spawnServe = async (args: string[] = [], opts: ServeOptions = {}): Promise<Serve> => {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'noc-bench-'))
  const t0 = performance.now()
  const entry = opts.script ? [opts.script] : ['--import', 'tsx', join(ROOT, 'src-main/serve.ts')]
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entry, '--port', '0', '--data', dataDir, '--no-demo', ...args], {
    cwd: opts.cwd ?? ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  let out = ''
  const url = await new Promise<string>((res, rej) => {
    child.stdout!.on('data', (d) => {
      out += d.toString()
      const m = /serving at (http:\/\/[^/\s]+)/.exec(out)
      if (m) res(m[1])
    })
    child.once('exit', (c) => rej(new Error(`serve exited ${c}: ${out}`)))
  })
  const readyMs = performance.now() - t0
  return {
    url,
    child,
    pid: child.pid!,
    dataDir,
    readyMs,
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r()
        child.once('exit', () => r())
        child.kill('SIGTERM')
      }),
  }
}

/**
 * serve bundled (esbuild, not minified, external source maps), as a packaged app would run it: serve.mjs and the
 * writer worker's hub-worker.mjs next to it (testing/bundle-kit.ts). No TypeScript compile at start, and V8 sees
 * real function names (profiles are readable). Written under node_modules/.cache so the external packages resolve.
 */
export const bundleServe = (): Promise<string> => bundleServeTo(join(ROOT, 'node_modules/.cache/noc-bench'), { sourcemap: true })

/**
 * A bench script bundled like serve (esbuild, not minified, external source map) so a `--cpu-prof` run of it reads
 * as the sources: returns the path of `<name>.mjs` under node_modules/.cache/noc-bench.
 */
export const bundleBench = async (name: string): Promise<string> => {
  const { build } = await import('esbuild')
  const outdir = join(ROOT, 'node_modules/.cache/noc-bench')
  await build({
    entryPoints: { [name]: join(ROOT, 'bench', `${name}.ts`) },
    outdir, outExtension: { '.js': '.mjs' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', sourcemap: 'external', logLevel: 'error',
  })
  return join(outdir, `${name}.mjs`)
}

/** Resident and peak-resident set size of a process, MB (Linux /proc). */
export const rssOf = (pid: number): { rssMb: number; peakMb: number } => {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN)
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 }
}

/** p-th percentile (0..100) of a numeric sample, nearest-rank. */
export const percentile = (xs: number[], p: number): number => {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

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

/** CPU seconds so far of a serve: the whole process, its I/O thread and its writer thread (from its /metrics, Linux). */
export interface ServeCpu {
  process: number
  io: number
  writer: number
}
export const serveCpu = async (url: string): Promise<ServeCpu> => {
  const text = await (await fetch(`${url}/metrics`)).text()
  const read = (name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN)
  return { process: read('process_cpu_seconds_total'), io: read('noc_io_thread_cpu_seconds'), writer: read('noc_writer_thread_cpu_seconds') }
}

/**
 * Where a phase's CPU went, µs per event: the writer thread, the I/O thread, the rest of the serve process (V8's
 * GC and JIT threads, libuv) and this load generator. On a 2-core box the sum bounds the rate: N events cannot take
 * less than sum × N / 2 of wall time, whatever the overlap.
 */
export const cpuPerEvent = (before: ServeCpu, after: ServeCpu, client: NodeJS.CpuUsage, events: number) => {
  const us = (s: number) => Math.round((s * 1e6) / events)
  const writer = us(after.writer - before.writer)
  const io = us(after.io - before.io)
  const helpers = Math.max(0, us(after.process - before.process) - writer - io)
  const load = Math.round((client.user + client.system) / events)
  return { writer, io, helpers, load, sum: writer + io + helpers + load }
}
export const cpuText = (c: ReturnType<typeof cpuPerEvent>) =>
  Number.isFinite(c.writer) ? `writer ${c.writer} · I/O ${c.io} · GC/JIT ${c.helpers} · load ${c.load} µs/ev` : 'thread CPU n/a'
