import { describe, expect, it } from 'vitest'
import { ConsoleConfig } from '@shared/model/config'
import { nextPosition, planIncident, selectPolicy, type ChainState, type LastStep } from './escalation'
import type { IncidentFacts } from './notification-rules'

const config = ConsoleConfig.parse({
  notifications: { rules: [{ name: 'page', match: { priorities: ['P1'] }, channels: ['desktop'] }, { name: 'mail', match: {}, channels: ['desktop'], delay: '5m' }] },
  escalation: {
    policies: [
      { name: 'p1', match: { priorities: ['P1'] }, steps: [{ after: '2s', notify: ['team_lead'] }, { after: '2s', notify: ['manager'] }], repeat: 1 },
      { name: 'acme', match: { clients: ['acme*'] }, steps: [{ after: '10m', notify: ['director'] }] },
    ],
  },
})
const NOW = 1_000_000
const inc = (over: Partial<IncidentFacts & { owner: string | null }> = {}) => ({
  id: 'INC-1', client: 'acme', status: 'open', priority: 'P1' as const, severity: 'critical' as const, service: null, rule: 'Down', owner: null, ...over,
})
const plan = (i = inc(), prev?: ChainState, last?: LastStep) => planIncident({ incident: i, prev, last, config, now: NOW })
const kinds = (p: ReturnType<typeof plan>) => p.actions.map((a) => (a.kind === 'schedule-step' ? `step ${a.key} @${a.dueAt - NOW}${a.revive ? ' revive' : ''}` : a.kind === 'schedule-rule' ? `rule ${a.key} @${a.dueAt - NOW}` : a.kind === 'follow-up' ? `follow-up ${a.event}` : `cancel (${a.reason})`))

describe('escalation planning', () => {
  it('first sight of an open incident: episode 1, its rules, the first step of the first matching policy', () => {
    const p = plan()
    expect(p.next).toEqual({ status: 'open', gen: 1, policy: 'p1' })
    expect(kinds(p)).toEqual(['rule rule:1:page @0', 'rule rule:1:mail @300000', 'step step:1:0:0 @2000'])
    expect(selectPolicy(config, inc({ priority: 'P3' }))?.name).toBe('acme')
    expect(selectPolicy(config, inc({ priority: 'P3', client: 'globex' }))).toBeUndefined()
  })

  it('unchanged: only idempotent rule keys again (the store ignores known keys), no new step', () => {
    expect(kinds(plan(inc(), { status: 'open', gen: 1, policy: 'p1' }))).toEqual(['rule rule:1:page @0', 'rule rule:1:mail @300000'])
  })

  it('ack cancels what is pending and tells the channels; resolve likewise; nothing is scheduled', () => {
    expect(kinds(plan(inc({ status: 'acknowledged', owner: 'alice' }), { status: 'open', gen: 1, policy: 'p1' }))).toEqual([
      'cancel (acknowledged by alice)',
      'follow-up acknowledge',
    ])
    expect(kinds(plan(inc({ status: 'resolved' }), { status: 'acknowledged', gen: 1, policy: 'p1' }))).toEqual(['cancel (resolved)', 'follow-up resolve'])
    expect(kinds(plan(inc({ status: 'closed' }), { status: 'resolved', gen: 1, policy: 'p1' }))).toEqual(['cancel (closed)'])
  })

  it('back to open after an ack: resume at the step that was cancelled, or after the last one that fired', () => {
    const prev = { status: 'acknowledged', gen: 1, policy: 'p1' }
    expect(kinds(plan(inc(), prev, { round: 0, step: 1, fired: false, cancelled: true }))).toEqual([
      'follow-up trigger',
      'rule rule:1:page @0',
      'rule rule:1:mail @300000',
      'step step:1:0:1 @2000 revive',
    ])
    expect(kinds(plan(inc(), prev, { round: 0, step: 1, fired: true, cancelled: false })).at(-1)).toBe('step step:1:1:0 @2000 revive') // repeat round
    expect(kinds(plan(inc(), prev, { round: 1, step: 1, fired: true, cancelled: false })).some((k) => k.startsWith('step'))).toBe(false) // exhausted
  })

  it('back to open after a resolve: a new episode with fresh rules, a fresh chain and the policy chosen again', () => {
    const p = plan(inc({ priority: 'P2' }), { status: 'resolved', gen: 1, policy: 'p1' }, { round: 0, step: 1, fired: true, cancelled: false })
    expect(p.next).toEqual({ status: 'open', gen: 2, policy: 'acme' })
    expect(kinds(p)).toEqual(['rule rule:2:mail @300000', 'step step:2:0:0 @600000'])
  })

  it('an incident first seen acknowledged starts its first episode when it becomes open', () => {
    const first = plan(inc({ status: 'acknowledged', owner: 'bob' }))
    expect(first.next).toEqual({ status: 'acknowledged', gen: 0, policy: null })
    expect(kinds(first)).toEqual(['cancel (acknowledged by bob)'])
    const p = plan(inc(), first.next)
    expect(p.next).toEqual({ status: 'open', gen: 1, policy: 'p1' })
    expect(kinds(p).at(-1)).toBe('step step:1:0:0 @2000')
  })

  it('a policy that starts to match later (priority rose) starts its chain then', () => {
    const p = plan(inc({ priority: 'P1', client: 'globex' }), { status: 'open', gen: 1, policy: null })
    expect(p.next.policy).toBe('p1')
    expect(kinds(p).at(-1)).toBe('step step:1:0:0 @2000')
  })

  it('nextPosition walks the steps, then the repeats, then stops', () => {
    const p = config.escalation.policies[0]
    expect(nextPosition(p, { round: 0, step: 0 })).toEqual({ round: 0, step: 1 })
    expect(nextPosition(p, { round: 0, step: 1 })).toEqual({ round: 1, step: 0 })
    expect(nextPosition(p, { round: 1, step: 1 })).toBeNull()
  })
})
