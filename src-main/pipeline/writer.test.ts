import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { compose, type Core } from '../app/compose'
import { ev } from '../testing/event-kit'

/**
 * The writer's group commit with several requests in ONE transaction: the requests below are submitted in the same
 * turn of the event loop, so the committer takes them together (it commits on the next setImmediate).
 */
const T0 = Date.parse('2026-11-20T10:00:00Z')
let cores: Core[] = []
afterEach(() => {
  for (const c of cores) c.close()
  cores = []
})
const core = () => {
  const c = compose({ dataDir: mkdtempSync(join(tmpdir(), 'noc-writer-')), clock: () => T0, demo: false, tickMs: 0, quiet: true, emit: () => {} })
  cores.push(c)
  return c
}
const at = (fingerprint: string, over: Parameters<typeof ev>[0] = {}) =>
  ev({ fingerprint, time: T0, receivedAt: T0, service: 'billing', components: [{ type: 'Host name', name: fingerprint }], ...over })

describe('writer: requests of one group commit', () => {
  it('events of two requests reach the engine in request order, as if committed one by one', async () => {
    const c = core()
    const [a, b] = await Promise.all([c.write.events([at('web01')]), c.write.events([at('web02')])])
    expect(a.accepted).toBe(1)
    expect(b.accepted).toBe(1)
    // One commit: both answers carry the same change seq.
    expect(a.seq).toBe(b.seq)
    const live = c.repos.incidents.live(0)
    expect(live).toHaveLength(1)
    expect(live[0].alertCount).toBe(2)
    expect(c.repos.incidents.links(live[0].id).map((l) => l.rule).sort()).toEqual(['new', 'scope'])
  })

  it('a state change in a later request of the batch is seen after the earlier one (firing, then resolved)', async () => {
    const c = core()
    await Promise.all([c.write.events([at('web01')]), c.write.events([at('web01', { status: 'resolved' })])])
    const alert = c.repos.alerts.getByKey('acme', 'web01')!
    expect(alert.status).toBe('resolved')
    expect(alert.count).toBe(2)
    // The incident was opened by the firing event and saw its alert resolve (not opened by a resolved alert).
    const [inc] = c.repos.incidents.live(0)
    expect(inc.alertCount).toBe(1)
    expect(c.repos.incidents.timeline(inc.id).map((t) => t.kind)).toEqual(expect.arrayContaining(['opened', 'alert-resolved']))
  })

  it('an operator action later in the same batch sees the incident that the batch’s events opened', async () => {
    const c = core()
    const events = c.write.events([at('web01')])
    const acked = c.write.act({ type: 'ack', id: 'INC-1001', by: 'ana' })
    await events
    const inc = await acked
    expect(inc.id).toBe('INC-1001')
    expect(inc.status).toBe('acknowledged')
    expect(inc.acknowledgedAt).toBe(T0)
  })
})
