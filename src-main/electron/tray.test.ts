import { inflateSync } from 'node:zlib'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeTray, resetFakeElectron, type FakeImage } from '../testing/fake-electron'
import { SEVERITY_COLOR } from './icons/noc-mark'
import { FLASH_MS, createTrayController, trayImage, type TrayActions } from './tray'
import { createTrayModel, type TrayIncident } from './tray-state'

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron)

beforeEach(() => resetFakeElectron())

const inc = (id: string, o: Partial<TrayIncident> = {}): TrayIncident => ({ id, status: 'open', priority: 'P3', severity: 'major', title: `t ${id}`, client: 'acme', openedAt: 1, seq: 1, ...o })
const snap = (list: TrayIncident[]) => {
  const m = createTrayModel()
  m.apply(list)
  return m.snapshot()
}

/** RGBA of pixel (x, y) of a PNG made by our encoder (filter 0 rows). */
const pixel = (png: Buffer, x: number, y: number): number[] => {
  const w = png.readUInt32BE(16)
  let idat = Buffer.alloc(0)
  for (let o = 8; o < png.length; ) {
    const len = png.readUInt32BE(o)
    if (png.toString('ascii', o + 4, o + 8) === 'IDAT') idat = Buffer.concat([idat, png.subarray(o + 8, o + 8 + len)])
    o += 12 + len
  }
  const raw = inflateSync(idat)
  const i = y * (w * 4 + 1) + 1 + x * 4
  return [...raw.subarray(i, i + 4)]
}
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))

const setup = (platform = 'linux', displays = ['Display 1 1920×1080']) => {
  const stops: (() => void)[] = []
  const ticks: (() => void)[] = []
  const attention = vi.fn()
  const actions: TrayActions = { show: vi.fn(), toggleWall: vi.fn(), wallOn: vi.fn(), ack: vi.fn(), setOpenAtLogin: vi.fn(), quit: vi.fn() }
  const every = vi.fn((ms: number, fn: () => void) => {
    expect(ms).toBe(FLASH_MS)
    ticks.push(fn)
    const stop = vi.fn(() => void ticks.splice(ticks.indexOf(fn), 1))
    stops.push(stop)
    return stop
  })
  const c = createTrayController({ platform, displays: () => displays, loginItem: () => ({ supported: true, on: false }), attention, every, log: () => {} }, actions)
  return { c, tray: FakeTray.instances[0], attention, actions, every, ticks }
}
const lastImage = (t: FakeTray) => t.images.at(-1) as FakeImage

describe('tray icon', () => {
  it('is green with no badge when all is clear, and the worst severity colour with its count otherwise', () => {
    const { c, tray } = setup()
    c.update(snap([]))
    expect(pixel(lastImage(tray).buffer, 16, 4).slice(0, 3)).toEqual(rgb(SEVERITY_COLOR.ok))
    c.update(snap([inc('INC-1', { severity: 'critical' }), inc('INC-2', { severity: 'critical' }), inc('INC-3', { severity: 'minor' })]))
    const png = lastImage(tray).buffer
    expect(pixel(png, 16, 4).slice(0, 3)).toEqual(rgb(SEVERITY_COLOR.critical))
    // The count badge sits bottom-right, dark.
    expect(pixel(png, 30, 30)[0]).toBeLessThan(40)
  })

  it('does not redraw or rebuild the menu when nothing it shows changed (deltas arrive at 10 Hz)', () => {
    const { c, tray } = setup()
    const s = snap([inc('INC-1')])
    c.update(s)
    const images = tray.images.length
    const menu = tray.menu
    c.update(snap([inc('INC-1', { title: 't INC-1' })]))
    expect(tray.images.length).toBe(images)
    expect(tray.menu).toBe(menu)
  })

  it('Windows gets 16 px with a 32 px @2x; macOS a black template image and the counts as menu-bar title', () => {
    const win = trayImage({ severity: 'major', count: 3 }, 'win32') as unknown as FakeImage
    expect(win.buffer.readUInt32BE(16)).toBe(16)
    expect(win.representations.map((r) => [r.scaleFactor, r.buffer.readUInt32BE(16)])).toEqual([[2, 32]])
    const mac = trayImage({ severity: 'major', count: 3 }, 'darwin') as unknown as FakeImage
    expect(mac.template).toBe(true)
    const { c, tray } = setup('darwin')
    c.update(snap([inc('INC-1', { priority: 'P1', severity: 'critical' })]))
    expect(tray.title).toBe('P1! 1 crit')
    // Template images are black + alpha only (macOS tints them): every pixel black, some opaque.
    const png = lastImage(tray).buffer
    const px = Array.from({ length: 16 * 16 }, (_, i) => pixel(png, i % 16, Math.floor(i / 16)))
    expect(px.every(([r, g, b]) => r === 0 && g === 0 && b === 0)).toBe(true)
    expect(px.some(([, , , a]) => a === 255)).toBe(true)
  })
})

describe('tray attention', () => {
  it('a new P1 starts flashing and asks for attention; a second new P1 asks again; acknowledging all stops both', () => {
    const { c, tray, attention, ticks, every } = setup()
    c.update(snap([inc('INC-1', { priority: 'P1', severity: 'critical' })]))
    expect(attention).toHaveBeenLastCalledWith(true)
    expect(ticks).toHaveLength(1)
    ticks[0]()
    expect(pixel(lastImage(tray).buffer, 16, 4).slice(0, 3)).toEqual(rgb(SEVERITY_COLOR.critical))
    // The "!" frame: white bar in the middle.
    expect(pixel(lastImage(tray).buffer, 16, 10).slice(0, 3)).toEqual([255, 255, 255])
    ticks[0]()
    expect(pixel(lastImage(tray).buffer, 16, 10).slice(0, 3)).not.toEqual([255, 255, 255])

    c.update(snap([inc('INC-1', { priority: 'P1', severity: 'critical' }), inc('INC-2', { priority: 'P1', severity: 'critical' })]))
    expect(attention).toHaveBeenCalledTimes(2)
    expect(every).toHaveBeenCalledTimes(1) // still the one flasher

    c.update(snap([inc('INC-1', { priority: 'P1', status: 'acknowledged' }), inc('INC-2', { priority: 'P1', status: 'acknowledged' })]))
    expect(attention).toHaveBeenLastCalledWith(false)
    expect(ticks).toHaveLength(0)
  })

  it('the menu offers Ack for each waiting P1 (up to five) and wall mode per display', () => {
    const { c, tray, actions } = setup('linux', ['Display 1: Built-in 1920×1080', 'Display 2: DELL 2560×1440'])
    c.update(snap(Array.from({ length: 7 }, (_, i) => inc(`INC-${i + 1}`, { priority: 'P1', openedAt: i }))))
    expect(tray.item('Unacknowledged P1 (7)')).toMatchObject({ enabled: false })
    tray.item('Ack INC-7').click()
    expect(actions.ack).toHaveBeenCalledWith('INC-7')
    expect(tray.item('Ack INC-2')).toBeUndefined()
    expect(tray.item('…and 2 more')).toBeDefined()
    tray.item('Display 2: DELL').click()
    expect(actions.wallOn).toHaveBeenCalledWith(2)
    tray.item('Start at login').click()
    expect(actions.setOpenAtLogin).toHaveBeenCalledWith(true)
    tray.emit('click')
    expect(actions.show).toHaveBeenCalled()
  })

  it('destroy stops the flashing and removes the icon', () => {
    const { c, tray, ticks } = setup()
    c.update(snap([inc('INC-1', { priority: 'P1' })]))
    c.destroy()
    expect(ticks).toHaveLength(0)
    expect(tray.destroyed).toBe(true)
  })
})
