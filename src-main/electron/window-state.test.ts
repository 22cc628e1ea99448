import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DisplayInfo } from './displays'
import { captureWindowState, centredOn, displayOf, parseWindowState, restoreWindowState, windowStateFile } from './window-state'

const disp = (id: number, x: number, w = 1920, h = 1080): DisplayInfo => ({ id, bounds: { x, y: 0, width: w, height: h }, workArea: { x, y: 25, width: w, height: h - 25 } })
const left = disp(1, 0)
const right = disp(2, 1920, 2560, 1440)

describe('restoreWindowState', () => {
  it('first start: default size centred on the primary work area', () => {
    expect(restoreWindowState(null, [left], left)).toEqual({ bounds: { x: 240, y: 103, width: 1440, height: 900 }, maximized: false })
  })

  it('puts the window back where it was, maximised or not, on the display it was on', () => {
    const saved = { bounds: { x: 2000, y: 60, width: 1300, height: 900 }, maximized: true, displayId: 2 }
    expect(restoreWindowState(saved, [left, right], left)).toEqual({ bounds: saved.bounds, maximized: true })
  })

  it('its display was unplugged: same size, centred on the primary display', () => {
    const saved = { bounds: { x: 2000, y: 60, width: 1300, height: 900 }, maximized: false, displayId: 2 }
    const r = restoreWindowState(saved, [left], left)
    expect(r.bounds).toEqual({ x: 310, y: 103, width: 1300, height: 900 })
    expect(r.adjusted).toMatch(/display 2 is gone/)
  })

  it('off every screen (displays rearranged): centred on its display', () => {
    const saved = { bounds: { x: -5000, y: -3000, width: 1200, height: 800 }, maximized: false, displayId: 1 }
    const r = restoreWindowState(saved, [left, right], left)
    expect(r.bounds).toEqual(centredOn(left, saved.bounds))
    expect(r.adjusted).toMatch(/off screen/)
  })

  it('a title bar hanging just inside the screen still counts as reachable; one above the top does not', () => {
    const grabbable = { bounds: { x: 1700, y: 200, width: 1200, height: 800 }, maximized: false, displayId: null }
    expect(restoreWindowState(grabbable, [left], left).adjusted).toBeUndefined()
    const above = { bounds: { x: 100, y: -700, width: 1200, height: 800 }, maximized: false, displayId: null }
    expect(restoreWindowState(above, [left], left).adjusted).toMatch(/off screen/)
  })

  it('bigger than its display now (resolution lowered): shrunk to fit', () => {
    const saved = { bounds: { x: 1920, y: 40, width: 2560, height: 1400 }, maximized: false, displayId: 2 }
    const smaller = disp(2, 1920, 1920, 1080)
    const r = restoreWindowState(saved, [left, smaller], left)
    expect(r.bounds).toEqual({ x: 1920, y: 25, width: 1920, height: 1055 })
    expect(r.adjusted).toMatch(/no longer fits/)
  })
})

describe('saving', () => {
  it('records the display showing most of the window', () => {
    expect(captureWindowState({ x: 1800, y: 0, width: 1000, height: 800 }, false, [left, right])).toEqual({ bounds: { x: 1800, y: 0, width: 1000, height: 800 }, maximized: false, displayId: 2 })
    expect(displayOf({ x: -3000, y: 0, width: 100, height: 100 }, [left])).toBeNull()
  })

  it('parses only sane files: corrupt, empty or zero-sized states are ignored', () => {
    expect(parseWindowState({ bounds: { x: 1.4, y: 2, width: 1000, height: 700 }, maximized: true, displayId: 3 })).toEqual({ bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: true, displayId: 3 })
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: 0, height: 700 } })).toBeNull()
    expect(parseWindowState({ bounds: { x: 'a' } })).toBeNull()
    expect(parseWindowState(null)).toBeNull()
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: 10, height: 10 }, displayId: 'x' })).toMatchObject({ displayId: null, maximized: false })
  })

  it('round-trips through the file, and a corrupt file reads as no state', () => {
    const p = join(mkdtempSync(join(tmpdir(), 'noc-ws-')), 'sub', 'window-state.json')
    const f = windowStateFile(p)
    expect(f.load()).toBeNull()
    f.save({ bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false, displayId: 1 })
    expect(f.load()).toEqual({ bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false, displayId: 1 })
    expect(JSON.parse(readFileSync(p, 'utf8')).displayId).toBe(1)
    writeFileSync(p, '{"bounds":')
    expect(f.load()).toBeNull()
  })
})
