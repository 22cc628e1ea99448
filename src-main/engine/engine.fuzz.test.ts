import { describe, expect, it } from 'vitest'
import { isActive, type IncidentAction } from '@shared/model/incident'
import { worstSeverity } from '@shared/model/severity'
import { currentIncidentOf, membersOf } from './state'
import { MIN, SEC, Sim } from '../testing/engine-kit'

/** Small deterministic PRNG (mulberry32) so a failure replays. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

describe('random traffic and operator actions', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: decisions always reproduce the engine state and invariants hold', (seed) => {
    const r = rng(seed)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
    const sim = new Sim({
      correlation: { crossClient: { minClients: 2 } },
      clients: { acme: { topology: [{ parent: 'fw', children: ['host=*'] }] } },
    })
    const clients = ['acme', 'globex', 'initech'] as const
    const fps = ['a', 'b', 'c', 'd', 'e', 'f'] as const
    for (let step = 0; step < 400; step++) {
      const roll = r()
      if (roll < 0.55) {
        const fp = pick(fps)
        sim.send({
          fp,
          client: pick(clients),
          status: r() < 0.6 ? 'firing' : 'resolved',
          severity: pick(['critical', 'major', 'warning', 'info'] as const),
          service: pick(['web', 'db', undefined] as const),
          resource: fp === 'a' ? 'fw' : undefined,
          labels: { ...(r() < 0.3 ? { provider: 'p1' } : {}), ...(r() < 0.3 ? { host: `h-${fp}` } : {}) },
          time: sim.now - Math.floor(r() * 3 * MIN),
        })
      } else if (roll < 0.75) {
        const ids = Object.keys(sim.state.incidents)
        if (!ids.length) continue
        const id = pick(ids)
        const by = pick(['alice', 'bob'])
        const type = pick(['ack', 'unack', 'assign', 'note', 'escalate', 'resolve', 'close', 'reopen', 'merge', 'split'] as const)
        const alertIds = (sim.state.links[id] ?? []).map((l) => l.alertId)
        const action: IncidentAction =
          type === 'merge'
            ? { type, into: id, from: pick(ids), by }
            : type === 'split'
              ? { type, id, by, alertId: alertIds.length ? pick(alertIds) : 1 }
              : type === 'assign'
                ? { type, id, by, to: pick(['carol', null]) }
                : type === 'note'
                  ? { type, id, by, text: 'n' }
                  : type === 'ack'
                    ? { type, id, by, timeoutMin: r() < 0.3 ? 5 : undefined }
                    : { type, id, by }
        sim.act(action)
      } else if (roll < 0.9) {
        sim.advance(Math.floor(r() * 4 * MIN)).tick()
      } else {
        sim.advance(Math.floor(r() * 30 * SEC))
      }
      for (const inc of Object.values(sim.state.incidents)) {
        expect(inc.alertCount).toBe((sim.state.links[inc.id] ?? []).length)
        if (!isActive(inc.status)) expect(sim.state.timers.filter((t) => t.incidentId === inc.id && t.what === 'ack-expire')).toEqual([])
        if (inc.status === 'closed') expect(sim.state.timers.filter((t) => t.incidentId === inc.id)).toEqual([])
        if (inc.flags.includes('worsened-while-acked')) expect(inc.status).toBe('acknowledged')
        // severity = worst firing alert that currently belongs here (kept as it was while nothing fires)
        const firing = membersOf(sim.state, inc.id)
          .filter((m) => m.alert.status === 'firing' && m.alert.severity !== 'ok' && currentIncidentOf(sim.state, m.alert.id)?.id === inc.id)
          .map((m) => m.alert.severity)
        if (isActive(inc.status) && firing.length) expect(inc.severity).toBe(worstSeverity(firing))
      }
      for (const p of Object.values(sim.state.problems)) expect(new Set(p.clients).size).toBe(p.clients.length)
    }
    expect(sim.incidents().length).toBeGreaterThan(3)
  })
})
