import { describe, expect, it } from 'vitest'
import type { Alert } from '@shared/model/alert'
import { placeAlert, placeAlertByScan } from './correlate'
import { clusterAround } from './cross-client'
import { fireTime, labelKey, ruleKey } from './cross-index'
import { currentIn, tablesOf } from './state'
import type { StateTables } from './state-tables'
import { compileTopology, fieldValue } from './topology'
import { rebuilt, Traffic } from '../testing/engine-traffic-kit'
import type { ConsoleConfig } from '@shared/model/config'

const configs = {
  plain: {},
  topology: { correlation: { crossClient: { minClients: 2 } }, clients: { c0: { topology: [{ parent: 'fw', children: ['host=*'] }] } } },
  narrow: { correlation: { windowMin: 1, scopeLabels: ['group', 'service'], crossClient: { labels: ['provider'], sameRule: false, minClients: 2 } } },
}

describe('indexes kept by the state tables', () => {
  it.each(Object.entries(configs))('stay equal to indexes built from scratch (%s)', (_, config) => {
    for (const seed of [1, 2, 3]) {
      const t = new Traffic(seed, config)
      for (let step = 0; step < 300; step++) {
        t.step()
        if (step % 25 !== 24) continue
        const st = tablesOf(t.state)
        expect(st.ix.snapshot(t.config), `seed ${seed} step ${step}`).toEqual(rebuilt(st).ix.snapshot(t.config))
      }
    }
  })
})

/** The points the old cross-client code gathered for a key by looking at every alert of the state. */
const pointsByScan = (st: StateTables, alert: Alert, match: (a: Alert) => boolean, problemId: string | undefined) => {
  const points = []
  for (const other of st.alerts.values()) {
    if (!match(other) || (other.id !== alert.id && !(other.status === 'firing' && other.severity !== 'ok'))) continue
    const cur = currentIn(st, other.id)
    if (!cur || (cur.problemId !== null && cur.problemId !== problemId)) continue
    points.push({ alertId: other.id, incidentId: cur.id, client: cur.client, t: fireTime(other, st.flaps.get(other.id)) })
  }
  return points
}

const crossKeys = (config: ConsoleConfig, a: Alert) => {
  const cc = config.correlation.crossClient
  const keys = cc.labels.flatMap((label) => {
    const v = fieldValue(a, label)
    return v ? [{ ix: labelKey(label, v), key: `${label}=${v}`, match: (x: Alert) => fieldValue(x, label) === v }] : []
  })
  return cc.sameRule ? [...keys, { ix: ruleKey(a.rule), key: `rule=${a.rule}`, match: (x: Alert) => x.rule === a.rule }] : keys
}

describe('lookups agree with the scans they replace', () => {
  it.each(Object.entries(configs))('scope placement = scanning every member (%s)', (_, config) => {
    const t = new Traffic(7, config)
    const none = compileTopology([])
    let compared = 0
    for (let step = 0; step < 300; step++) {
      t.step()
      const st = tablesOf(t.state)
      for (const a of st.alerts.values()) {
        if (compileTopology(t.config.clients[a.client]?.topology ?? []).nodes.length) continue
        expect(placeAlert(st, a, t.config)).toEqual(placeAlertByScan(st, a, t.config, none))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(1000)
  })

  it.each(Object.entries(configs))('cross-client clusters = clusterAround over every alert (%s)', (_, config) => {
    const t = new Traffic(11, config)
    const windowMs = t.config.correlation.windowMin * 60_000
    let clusters = 0
    for (let step = 0; step < 300; step++) {
      t.step()
      const st = tablesOf(t.state)
      for (const a of st.alerts.values()) {
        const cur = currentIn(st, a.id)
        if (!(a.status === 'firing' && a.severity !== 'ok') || !cur) continue
        for (const k of crossKeys(t.config, a)) {
          st.ix.cross.use(t.config.correlation.crossClient.labels, t.config.correlation.crossClient.sameRule, windowMs)
          const pid = st.ix.openProblem(k.key)
          if (cur.problemId !== null && cur.problemId !== pid) continue
          const want = clusterAround(pointsByScan(st, a, k.match, pid), a.id, windowMs)
          const got = st.ix.cross.cluster(k.ix, a)
          const linked = new Set(pid ? st.problems.get(pid)?.incidentIds : [])
          expect(got?.points().map((p) => p.alertId) ?? []).toEqual(want.map((p) => p.alertId))
          if (!got) continue
          clusters++
          expect(got.clientCount(99)).toBe(new Set(want.map((p) => p.client)).size)
          expect(got.touchesProblem()).toBe(pid !== undefined && want.some((p) => linked.has(p.incidentId)))
          expect(got.hasUnassigned()).toBe(want.some((p) => !linked.has(p.incidentId)))
        }
      }
    }
    expect(clusters).toBeGreaterThan(500)
  })
})
