import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? 'prometheus-alertmanager'

export const alertmanagerAvailable = (): boolean => spawnSync(ALERTMANAGER_BIN, ['--version'], { stdio: 'ignore' }).status === 0

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })

export interface RunningAlertmanager {
  url: string
  /** Push alerts as Prometheus would (POST /api/v2/alerts). */
  push(alerts: { labels: Record<string, string>; annotations?: Record<string, string>; startsAt?: string; endsAt?: string }[]): Promise<void>
  stop(): Promise<void>
}

/**
 * A real Prometheus Alertmanager on loopback whose webhook receiver points at `webhookUrl`. Short group timers so a
 * test sees notifications within seconds; clustering off (no gossip port).
 */
export const startAlertmanager = async (webhookUrl: string, opts: { groupBy?: string[] } = {}): Promise<RunningAlertmanager> => {
  const dir = mkdtempSync(join(tmpdir(), 'noc-am-'))
  const port = await freePort()
  const config = `
route:
  receiver: noc
  group_by: [${(opts.groupBy ?? ['alertname', 'client']).map((g) => `'${g}'`).join(', ')}]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: noc
    webhook_configs:
      - url: '${webhookUrl}'
        send_resolved: true
`
  writeFileSync(join(dir, 'alertmanager.yml'), config)
  const child: ChildProcess = spawn(
    ALERTMANAGER_BIN,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (d) => (stderr += d.toString()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 20_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`alertmanager exited (${child.exitCode}): ${stderr}`)
    try {
      const r = await fetch(`${url}/-/ready`)
      if (r.ok) break
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`alertmanager not ready after 20 s: ${stderr}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    push: async (alerts) => {
      const r = await fetch(`${url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) })
      if (!r.ok) throw new Error(`alertmanager refused alerts: ${r.status} ${await r.text()}`)
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** Poll until `fn` returns a truthy value (real time: only for tests against real external processes). */
export const waitFor = async <T>(fn: () => Promise<T | undefined | false>, ms = 20_000, what = 'condition'): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
