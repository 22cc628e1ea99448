import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ALERTMANAGER_BIN, alertmanagerAvailable, freePort, waitFor } from '../testing/alertmanager-kit'
import { testServer } from '../testing/server-kit'
import { hashToken, newToken } from './auth-config'
import { request } from '../testing/ingest-kit'

/**
 * A real Alertmanager authenticates with `http_config.basic_auth` (what its operators already know how to set):
 * the console accepts it, and refuses the same receiver with a wrong password. Skipped like the other real-
 * Alertmanager suite when the binary is missing.
 */
const available = alertmanagerAvailable()

const runAlertmanager = async (webhookUrl: string, password: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'noc-am-auth-'))
  const port = await freePort()
  writeFileSync(
    join(dir, 'am.yml'),
    `route: { receiver: noc, group_by: [alertname], group_wait: 1s, group_interval: 1s, repeat_interval: 1h }
receivers:
  - name: noc
    webhook_configs:
      - url: '${webhookUrl}'
        send_resolved: true
        http_config:
          basic_auth: { username: alertmanager, password: '${password}' }
`,
  )
  const child = spawn(ALERTMANAGER_BIN, [`--config.file=${join(dir, 'am.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=warn'], { stdio: 'ignore' })
  const url = `http://127.0.0.1:${port}`
  await waitFor(async () => (await fetch(`${url}/-/ready`).catch(() => undefined))?.ok, 20_000, 'alertmanager ready')
  return {
    push: async (labels: Record<string, string>) => {
      const r = await fetch(`${url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ labels, startsAt: new Date().toISOString() }]) })
      expect(r.ok).toBe(true)
    },
    stop: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))),
  }
}

describe.skipIf(!available)('real Alertmanager with http_config.basic_auth', () => {
  it('the right password lands alerts; a wrong one is refused with 401 and kept in the dead letter', async () => {
    const password = newToken()
    const srv = await testServer({ auth: { sources: [{ name: 'am', formats: ['alertmanager'], basic: { username: 'alertmanager', password: hashToken(password) } }] } })
    const good = await runAlertmanager(`${srv.url}/webhook/alertmanager/am-auth`, password)
    const bad = await runAlertmanager(`${srv.url}/webhook/alertmanager/am-intruder`, `${password}-wrong`)
    try {
      await good.push({ alertname: 'AuthOK', severity: 'critical' })
      await bad.push({ alertname: 'AuthBad', severity: 'critical' })
      const items = await waitFor(async () => {
        const r = await request(`${srv.url}/api/v1/alerts?client=am-auth`)
        return r.json.items.length > 0 && r.json.items
      }, 30_000, 'alert from the authenticated Alertmanager')
      expect(items[0].labels.alertname).toBe('AuthOK')
      const refused = await waitFor(async () => {
        const rows = (await request(`${srv.url}/api/v1/rejected?limit=50`)).json.items as any[]
        return rows.find((r) => r.status === 401 && r.endpoint === 'POST /webhook/alertmanager/am-intruder')
      }, 30_000, 'the wrong password in the dead letter')
      expect(JSON.stringify(refused)).not.toContain(password)
      expect((await request(`${srv.url}/api/v1/alerts?client=am-intruder`)).json.items).toEqual([])
    } finally {
      await good.stop()
      await bad.stop()
      await srv.close()
    }
  })
})
