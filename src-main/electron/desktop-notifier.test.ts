import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeNotification, fakeEvent, resetFakeElectron } from '../testing/fake-electron'
import { createDesktopNotifier, notificationOptions } from './desktop-notifier'

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron)

beforeEach(() => resetFakeElectron())

const deps = () => ({ ack: vi.fn(async () => {}), focus: vi.fn(), log: vi.fn() })

describe('desktop notifier', () => {
  it('maps severity to urgency, persistence and sound', () => {
    expect(notificationOptions({ title: 't', body: 'b', severity: 'critical' })).toMatchObject({ urgency: 'critical', timeoutType: 'never', silent: false })
    expect(notificationOptions({ title: 't', body: 'b', severity: 'major' })).toMatchObject({ urgency: 'normal', timeoutType: 'default' })
    expect(notificationOptions({ title: 't', body: 'b', severity: 'info' })).toMatchObject({ urgency: 'low', silent: true })
  })

  it('offers Ack only when there is an incident to ack', () => {
    expect(notificationOptions({ title: 't', body: 'b', severity: 'critical', incidentId: 'i1', actions: ['ack'] }).actions).toEqual([{ type: 'button', text: 'Ack' }])
    expect(notificationOptions({ title: 't', body: 'b', severity: 'critical', actions: ['ack'] }).actions).toEqual([])
  })

  it('shows the notification; Ack calls the hub, a click focuses the console', () => {
    const d = deps()
    const notifier = createDesktopNotifier(d)
    notifier.notify({ title: 'DB down', body: 'acme: db01', severity: 'critical', incidentId: 'inc-1', actions: ['ack'] })
    const [n] = FakeNotification.instances
    expect(n.shown).toBe(true)
    expect(n.options).toMatchObject({ title: 'DB down', body: 'acme: db01' })
    n.emit('action', fakeEvent(), 0)
    expect(d.ack).toHaveBeenCalledWith('inc-1')
    n.emit('click', fakeEvent())
    expect(d.focus).toHaveBeenCalledWith('inc-1')
    expect(notifier.live).toBe(1)
    n.emit('close', fakeEvent())
    expect(notifier.live).toBe(0)
  })

  it('a failing ack is logged, not thrown', async () => {
    const d = deps()
    d.ack.mockRejectedValueOnce(new Error('no such incident'))
    createDesktopNotifier(d).notify({ title: 't', body: 'b', severity: 'major', incidentId: 'x', actions: ['ack'] })
    FakeNotification.instances[0].emit('action', fakeEvent(), 0)
    await new Promise((r) => setTimeout(r, 0))
    expect(d.log).toHaveBeenCalledWith('ack of x failed', expect.any(Error))
  })

  it('does nothing where the OS has no notifications', () => {
    FakeNotification.supported = false
    createDesktopNotifier(deps()).notify({ title: 't', body: 'b', severity: 'critical' })
    expect(FakeNotification.instances).toHaveLength(0)
  })

  it('keeps a bounded number of live notifications', () => {
    const notifier = createDesktopNotifier(deps())
    for (let i = 0; i < 150; i++) notifier.notify({ title: `t${i}`, body: 'b', severity: 'warning' })
    expect(notifier.live).toBe(100)
  })
})
