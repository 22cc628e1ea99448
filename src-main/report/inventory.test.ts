import { describe, expect, it } from 'vitest'
import { buildInventory, inventoryActivityCsv, inventoryCsv, inventoryDoc } from './inventory'
import { renderMarkdown } from './render-md'

const D = (day: number, hour = 12) => Date.UTC(2025, 5, day, hour)
const FROM = D(2, 0)
const TO = D(5, 0) // three UTC days: June 2, 3, 4

describe('resource inventory', () => {
  it('from first/last-seen rows: spans decide activity; clients and groups kept apart', () => {
    const m = buildInventory({
      from: FROM,
      to: TO,
      generatedAt: D(6),
      rows: [
        { client: 'acme', group: 'db', resource: 'db-01', firstSeen: D(1), lastSeen: D(3) }, // active Jun 2, 3
        { client: 'acme', group: 'db', resource: 'db-02', firstSeen: D(4, 9), lastSeen: D(9) }, // active Jun 4
        { client: 'acme', group: 'web', resource: 'db-01', firstSeen: D(2), lastSeen: D(2, 13) }, // same host in two groups
        { client: 'acme', group: null, resource: 'sw-1', firstSeen: D(1), lastSeen: D(1, 20) }, // gone before the range
        { client: 'globex', group: 'edge', resource: 'fw-1', firstSeen: D(3), lastSeen: D(3) },
      ],
      clientNames: { acme: 'Acme Corp' },
    })
    expect(m.basis).toBe('span')
    expect(m.buckets).toEqual([D(2, 0), D(3, 0), D(4, 0)])
    const acme = m.clients[0]
    expect(acme).toMatchObject({ client: 'acme', name: 'Acme Corp', resources: 2 })
    expect(acme.groups.map((g) => [g.group, g.resources.map((r) => r.resource), g.active])).toEqual([
      ['db', ['db-01', 'db-02'], [1, 1, 1]],
      ['web', ['db-01'], [1, 0, 0]],
    ])
    // db-01 in two groups is one host for the client total.
    expect(acme.active).toEqual([1, 1, 1])
    expect(m.clients[1]).toMatchObject({ client: 'globex', resources: 1, active: [0, 1, 0] })
  })

  it('from event times: active exactly where events are; first/last seen widened', () => {
    const m = buildInventory({
      from: FROM,
      to: TO,
      generatedAt: D(6),
      rows: [{ client: 'acme', group: 'db', resource: 'db-01', firstSeen: D(1), lastSeen: D(4) }],
      activity: [
        { client: 'acme', group: 'db', resource: 'db-01', t: D(2, 1) },
        { client: 'acme', group: 'db', resource: 'db-01', t: D(4, 23) },
        { client: 'acme', group: 'db', resource: 'db-03', t: D(3, 5) },
        { client: 'acme', group: 'db', resource: 'db-03', t: D(3, 6) },
      ],
    })
    expect(m.basis).toBe('activity')
    const g = m.clients[0].groups[0]
    expect(g.active).toEqual([1, 1, 1])
    expect(g.resources).toEqual([
      { resource: 'db-01', firstSeen: D(1), lastSeen: D(4, 23), activeIntervals: 2 },
      { resource: 'db-03', firstSeen: D(3, 5), lastSeen: D(3, 6), activeIntervals: 1 },
    ])
    const csv = inventoryCsv(m).split('\r\n')
    expect(csv[0]).toBe('client,group,resource,first_seen,last_seen,active_intervals')
    expect(csv[1]).toBe('acme,db,db-01,2025-06-01T12:00:00Z,2025-06-04T23:00:00Z,2')
    expect(inventoryActivityCsv(m).split('\r\n')[3]).toBe('acme,db,2025-06-04T00:00:00Z,1')
    const md = renderMarkdown(inventoryDoc(m))
    expect(md).toContain('## acme \\(acme\\): 2 resources')
    expect(md).toContain('| 2025-06-03 00:00:00 | 1 | 1 |')
  })
})
