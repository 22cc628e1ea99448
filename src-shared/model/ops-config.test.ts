import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, parseConfig } from './config'
import { parseDuration } from './ops-config'

const issues = (raw: unknown) => {
  const r = parseConfig(raw)
  if (r.ok) throw new Error('expected the config to be refused')
  return r.issues
}

describe('ops configuration', () => {
  it('{} gives working defaults: desktop channel, new P1/P2 → desktop, the 15-minute team lead → manager → director chain, retention 1y/6mo/3mo', () => {
    const c = DEFAULT_CONFIG
    expect(c.notifications.channels).toEqual({ desktop: { type: 'desktop' } })
    expect(c.notifications.targets).toEqual({ team_lead: ['desktop'], manager: ['desktop'], director: ['desktop'] })
    expect(c.notifications.rules).toEqual([{ name: 'new-p1-p2', match: { priorities: ['P1', 'P2'] }, channels: ['desktop'], delay: 0 }])
    expect(c.escalation.policies).toEqual([
      {
        name: 'default',
        match: { priorities: ['P1', 'P2'] },
        repeat: 0,
        steps: [
          { after: 900_000, notify: ['team_lead'], businessHoursOnly: false },
          { after: 900_000, notify: ['manager'], businessHoursOnly: false },
          { after: 900_000, notify: ['director'], businessHoursOnly: false },
        ],
      },
    ])
    expect(c.retention).toMatchObject({ critical: 365 * 86_400_000, warning: 182 * 86_400_000, info: 91 * 86_400_000, batchRows: 500 })
    expect(c.maintenance).toEqual([])
    expect(c.sourceHealth).toMatchObject({ heartbeatTimeout: 300_000, staleSeverity: 'major', sources: {} })
    expect(c.storm).toEqual({ alpha: 0.1, factor: 4, minEventsPerMin: 30, warmupMin: 10 })
  })

  it('durations: units or bare minutes', () => {
    expect(parseDuration('2s')).toBe(2000)
    expect(parseDuration('1.5h')).toBe(5_400_000)
    expect(parseDuration('365d')).toBe(365 * 86_400_000)
    expect(parseDuration('soon')).toBeUndefined()
    const r = parseConfig({ escalation: { policies: [{ name: 'p', steps: [{ after: 15, notify: ['desktop'] }] }] } })
    expect(r.ok && r.config.escalation.policies[0].steps[0].after).toBe(900_000)
    expect(issues({ retention: { info: 'forever' } })[0]).toMatchObject({ path: 'retention.info' })
  })

  it('names must resolve: unknown channels and targets are refused with their path', () => {
    expect(issues({ notifications: { rules: [{ name: 'r', channels: ['pagr'] }] } })).toEqual([{ path: 'notifications.rules[0].channels[0]', message: 'unknown channel `pagr`' }])
    expect(issues({ escalation: { policies: [{ name: 'p', steps: [{ after: '1m', notify: ['cto'] }] }] } })[0]).toEqual({
      path: 'escalation.policies[0].steps[0].notify[0]',
      message: '`cto` is neither a target nor a channel',
    })
    expect(issues({ notifications: { targets: { oncall: ['nope'] } } })[0].path).toBe('notifications.targets.oncall[0]')
    expect(issues({ notifications: { rules: [{ name: 'a', channels: ['desktop'] }, { name: 'a', channels: ['desktop'] }] } })[0].message).toMatch(/duplicate rule/)
  })

  it('channels: secrets may come from the environment; PagerDuty needs exactly one routing key source; URLs must be http(s)', () => {
    expect(parseConfig({ notifications: { channels: { pd: { type: 'pagerduty', routingKeyEnv: 'PD_KEY' } } } }).ok).toBe(true)
    expect(issues({ notifications: { channels: { pd: { type: 'pagerduty' } } } })[0].message).toMatch(/routingKey/)
    expect(issues({ notifications: { channels: { x: { type: 'webhook', url: 'ftp://h/x' } } } })[0].path).toBe('notifications.channels.x.url')
    expect(issues({ notifications: { channels: { x: { type: 'email', url: 'http://h' } } } })[0].path).toBe('notifications.channels.x.type')
  })

  it('maintenance windows: one-off (start before end) or weekly, never both', () => {
    expect(parseConfig({ maintenance: [{ name: 'w', weekly: { days: ['sat'], start: '02:00', end: '04:00' }, timeZone: 'Europe/Berlin' }] }).ok).toBe(true)
    expect(parseConfig({ maintenance: [{ name: 'o', start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00+01:00' }] }).ok).toBe(false) // ends when it starts (same instant)
    expect(issues({ maintenance: [{ name: 'x' }] })[0].message).toMatch(/either/)
    expect(issues({ maintenance: [{ name: 'x', weekly: { days: [8], start: '02:00', end: '04:00' } }] })[0].path).toMatch(/^maintenance\[0\]\.weekly\.days/)
    expect(issues({ maintenance: [{ name: 'x', start: 0, end: 1, timeZone: 'Mars/Base' }] })[0].path).toBe('maintenance[0].timeZone')
  })
})
