import { readdirSync, readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { join } from 'node:path'
import { fmt } from './lib'

/**
 * Summarise a V8 `.cpuprofile` written by `node --cpu-prof`: self time by area (SQLite, JSON, zod, engine, HTTP,
 * GC…) and by function, mapped back to the .ts sources through the bundle's source map (see `bundleServe`).
 */
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
const short = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*?\/node_modules\//, 'nm/').replace(/^(\.\.\/)+/, '').replace(/^\/work\/main\//, '')
const area = (n: Node): string => {
  const { functionName: f, url } = n.callFrame
  if (f === '(idle)') return 'idle'
  if (f === '(garbage collector)') return 'GC'
  if (f === '(program)') return 'V8/native other'
  if (/better-sqlite3/.test(url) || (/^(run|get|all|transaction|prepare|exec|pragma)$/.test(f) && !url)) return 'SQLite (better-sqlite3)'
  if (f === 'parse' && !url) return 'JSON.parse'
  if (f === 'stringify' && !url) return 'JSON.stringify'
  if (/node_modules\/zod|nm\/zod/.test(url)) return 'zod validation'
  if (/src-main\/(engine|pipeline\/engine-runner)/.test(url)) return 'engine (correlation)'
  if (/src-main\/store/.test(url)) return 'store (repos; SQLite statements run inside them)'
  if (/src-main\/ingest\/adapters/.test(url)) return 'adapters'
  if (/src-main\/(pipeline\/coalescer|api)|ws-server|node_modules\/ws\//.test(url)) return 'push/WS'
  if (/^node:|internal\//.test(url) || /^(writev|writeBuffer|writeUtf8String|onStreamRead|close)$/.test(f)) return 'node HTTP/net'
  if (/src-main|src-shared/.test(url)) return 'other app code'
  return url ? `other (${short(url).split('/')[0]})` : 'native (other)'
}

/** Self time by area and by function, % of busy (non-idle) time. */
export const analyse = (dir: string, mapFile: string, top = 15) => {
  const sourceMap = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')))
  // The profiled bundle's file name (serve.mjs, hub-worker.mjs, writer.mjs…): only its frames are in this map.
  const bundle = mapFile.replace(/\.map$/, '').split('/').at(-1)!
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`)
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] }
  for (const n of prof.nodes) {
    if (!n.callFrame.url.endsWith(bundle)) continue
    const e = sourceMap.findEntry(n.callFrame.lineNumber, n.callFrame.columnNumber) as { originalSource?: string; originalLine?: number }
    if (e?.originalSource) n.callFrame = { ...n.callFrame, url: e.originalSource, lineNumber: e.originalLine ?? 0 }
  }
  const byId = new Map(prof.nodes.map((n) => [n.id, n]))
  const selfUs = new Map<number, number>()
  prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)))
  const areas = new Map<string, number>()
  const funcs = new Map<string, number>()
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!
    areas.set(area(n), (areas.get(area(n)) ?? 0) + us)
    const key = `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`
    funcs.set(key, (funcs.get(key) ?? 0) + us)
  }
  // Inclusive time: each sample counts once for every distinct function on its stack (who, all told, costs what).
  const parent = new Map<number, number>()
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const keyOf = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`
  const incl = new Map<string, number>()
  for (const [id, us] of selfUs) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue
    const seen = new Set<string>()
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const n = byId.get(x)!
      const k = keyOf(n)
      if (seen.has(k) || !/src-main|src-shared|better-sqlite3/.test(n.callFrame.url)) continue
      seen.add(k)
      incl.set(k, (incl.get(k) ?? 0) + us)
    }
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0)
  const busyUs = totalUs - (areas.get('idle') ?? 0)
  areas.delete('idle')
  const pct = (us: number) => +((100 * us) / busyUs).toFixed(1)
  const sortDesc = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).filter(([k]) => !k.startsWith('(idle)'))
  return {
    file: join(dir, file), busySec: +(busyUs / 1e6).toFixed(1), totalSec: +(totalUs / 1e6).toFixed(1),
    areas: sortDesc(areas).filter(([, us]) => pct(us) >= 0.5).map(([a, us]) => ({ area: a, pct: pct(us) })),
    top: sortDesc(funcs).slice(0, top).map(([f, us]) => ({ f, pct: pct(us) })),
    inclusive: sortDesc(incl).slice(0, top).map(([f, us]) => ({ f, pct: pct(us) })),
  }
}

export const report = (title: string, rate: number, a: ReturnType<typeof analyse>) => {
  console.log(`\n== ${title}${Number.isFinite(rate) ? `: ${fmt(rate)} ev/s` : ''}; ${a.busySec} s CPU busy of ${a.totalSec} s sampled`)
  console.log('  by area: ' + a.areas.map((x) => `${x.area} ${x.pct}%`).join(' · '))
  console.log('  self time:')
  for (const x of a.top) console.log(`  ${String(x.pct).padStart(5)}%  ${x.f}`)
  console.log('  inclusive (app code):')
  for (const x of a.inclusive) console.log(`  ${String(x.pct).padStart(5)}%  ${x.f}`)
}

