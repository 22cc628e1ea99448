import { describe, expect, it, vi } from 'vitest'
import type { NocBridge } from '@shared/api/bridge'
import type { Delta } from '@shared/api/contract'
import { alert } from '../testing/store-kit'
import { createIpcTransport } from './ipc'
import type { LinkStatus } from './transport'

const fakeBridge = () => {
  let push: (d: unknown) => void = () => {}
  let conn: (c: { state: 'live' | 'reconnecting' }) => void = () => {}
  const bridge = {
    call: vi.fn(async (_m: string, _i: unknown): Promise<unknown> => []),
    onDelta: (cb: (d: unknown) => void) => ((push = cb), () => (push = () => {})),
    onConnection: (cb: typeof conn) => ((conn = cb), () => {}),
  } satisfies NocBridge
  return { bridge, push: (d: unknown) => push(d), conn: (c: Parameters<typeof conn>[0]) => conn(c) }
}

describe('ipc transport', () => {
  it('opens at once, delivers valid deltas and drops malformed ones', () => {
    const b = fakeBridge()
    const t = createIpcTransport(b.bridge)
    const statuses: LinkStatus[] = []
    const deltas: Delta[] = []
    t.onStatus((s) => statuses.push(s))
    t.onDelta((d) => deltas.push(d))
    t.start()
    expect(statuses.at(-1)).toMatchObject({ state: 'open', resumed: false })
    b.push({ type: 'delta', seq: 3, alerts: [alert(1, { seq: 3 })], clients: [] })
    b.push({ type: 'delta', seq: 'four', alerts: [], clients: [] })
    expect(deltas.map((d) => d.seq)).toEqual([3])
    b.conn({ state: 'reconnecting' })
    expect(statuses.at(-1)?.state).toBe('reconnecting')
    b.conn({ state: 'live' })
    expect(statuses.at(-1)).toMatchObject({ state: 'open', resumed: false })
  })

  it('validates outputs and keeps the issues of a rejected call', async () => {
    const b = fakeBridge()
    const t = createIpcTransport(b.bridge)
    await expect(t.call('clients.list', {})).resolves.toEqual([])
    b.bridge.call.mockResolvedValueOnce([{ id: 1 }])
    await expect(t.call('clients.list', {})).rejects.toMatchObject({ error: 'malformed answer to clients.list' })
    b.bridge.call.mockRejectedValueOnce(
      Object.assign(new Error("Error invoking remote method 'noc:call': NocCallError: invalid input"), { issues: [{ path: 'id', message: 'expected number' }] }),
    )
    await expect(t.call('alerts.get', { id: 1 })).rejects.toMatchObject({ error: 'invalid input', issues: [{ path: 'id', message: 'expected number' }] })
  })
})
