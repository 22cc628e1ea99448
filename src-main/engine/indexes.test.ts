import { describe, expect, it } from 'vitest'
import type { Alert } from '@shared/model/alert'
import { placeAlert, placeAlertByScan } from './correlate'
import { crossKeysOf, fireTime } from './cross-index'
import { currentIn, tablesOf } from './state'
import type { StateTables } from './state-tables'
import { compileTopology } from './topology'
import { rebuilt, Traffic } from '../testing/engine-traffic-kit'
import type { ConsoleConfig } from '@shared/model/config'

const configs = {
  plain: {},
  topology: { correlation: { crossClient: { minClients: 2 } }, clients: { c0: { topology: [{ parent: 'fw', children: ['host=*'] }] } } },
  narrow: { correlation: { windowMin: 1, scopeLabels: ['group', 'service'], crossClient: { labels: ['provider'], sameRule: false, minClients: 2 } } },
}

describe('indexes kept by the store', () => {
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

/**
 * The points cross-client.ts may take for a key, by looking at every alert of the state: firing, current incident
 * not closed, in no problem, in a suspected one, or in the key's open problem.
 */
const pointsByScan = (st: StateTables, keys: (a: Alert) => string[], ix: string, problemId: string | undefined) => {
  const points = []
  for (const other of st.alerts.values()) {
    if (!keys(other).includes(ix) || !(other.status === 'firing' && other.severity !== 'ok')) continue
    const cur = currentIn(st, other.id)
    if (!cur) continue
    const mine = cur.problemId !== null && cur.problemId === problemId
    const free = cur.problemId === null || st.problems.get(cur.problemId)?.status === 'suspected'
    if (!mine && !free) continue
    points.push({ alertId: other.id, client: cur.client, t: fireTime(other, st.flaps.get(other.id)), assigned: mine })
  }
  return points.sort((a, b) => a.t - b.t || a.alertId - b.alertId)
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

  it.each(Object.entries(configs))('cross-client time ranges = the points a scan over every alert finds (%s)', (_, config) => {
    const t = new Traffic(11, config)
    const windowMs = t.config.correlation.windowMin * 60_000
    let ranges = 0
    for (let step = 0; step < 300; step++) {
      t.step()
      const st = tablesOf(t.state)
      st.ix.cross.use(t.config)
      const keys = (a: Alert) => crossKeysOf(t.config, a).keys
      for (const a of st.alerts.values()) {
        const { keys: ixs, problemKeys } = crossKeysOf(t.config, a)
        ixs.forEach((ix, i) => {
          const pid = st.ix.openProblem(problemKeys[i])
          const at = fireTime(a, st.flaps.get(a.id))
          const want = pointsByScan(st, keys, ix, pid).filter((p) => p.t >= at - windowMs && p.t <= at + windowMs)
          const got = st.ix.cross.range(ix, at - windowMs, at + windowMs)
          expect(got.map((p) => [p.alertId, p.client, p.t, p.assigned])).toEqual(want.map((p) => [p.alertId, p.client, p.t, p.assigned]))
          if (want.length) ranges++
        })
      }
    }
    expect(ranges).toBeGreaterThan(500)
  })
})
