import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it, vi } from 'vitest'
import { staticFiles } from '../../../src-main/ingest/static-files'

vi.mock('electron', async () => (await import('../../../src-main/testing/fake-electron')).fakeElectron)

/** The policy a dedicated worker is held to: worker-src, else script-src, else default-src (CSP 3). */
const workerPolicy = (csp: string): string[] => {
  const d = new Map(csp.split(';').map((p) => p.trim().split(/\s+/)).filter((p) => p[0]).map(([k, ...v]) => [k, v]))
  return d.get('worker-src') ?? d.get('script-src') ?? d.get('default-src') ?? []
}

/**
 * The decode worker is a same-origin file (Vite emits it next to the bundle). Every policy the console runs
 * under must allow exactly that — and still no eval, which is why zod runs jitless in the worker too.
 */
describe('every console CSP lets the decode worker start, and nothing more', () => {
  const policies: [string, () => Promise<string>][] = [
    ['index.html meta', async () => /Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(resolve(__dirname, '../../index.html'), 'utf8'))![1]],
    [
      'served header (npm run serve)',
      async () => {
        let csp = ''
        const res = { writeHead: (_: number, h: Record<string, string>) => void (csp = h['content-security-policy']), end() {} } as unknown as ServerResponse
        staticFiles(resolve(__dirname, '../..'))({ method: 'HEAD' } as IncomingMessage, res, '/index.html')
        return csp
      },
    ],
    ['Electron header (security.ts)', async () => (await import('../../../src-main/electron/security')).buildCsp()],
  ]
  it.each(policies)('%s', async (_, get) => {
    const policy = workerPolicy(await get())
    expect(policy).toContain("'self'")
    expect(policy.filter((s) => s.includes('unsafe-eval') || s === 'blob:' || s === '*')).toEqual([])
  })
})
