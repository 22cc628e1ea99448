import { readFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { APP_SIZES, ICO_SIZES, makeIcons } from '../../../scripts/make-icons'
import { SEVERITY_COLOR, badgeText, drawAppIcon, drawTrayIcon } from './noc-mark'
import { ICNS_TYPES, PNG_SIGNATURE, crc32, encodeIcns, encodeIco, encodePng, pngSize } from './png'

/** Decode our own PNGs (8-bit RGBA, filter 0), checking every chunk's CRC. */
const decode = (png: Buffer) => {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
  let idat = Buffer.alloc(0)
  for (let o = 8; o < png.length; ) {
    const len = png.readUInt32BE(o)
    expect(png.readUInt32BE(o + 8 + len)).toBe(crc32(png.subarray(o + 4, o + 8 + len)))
    if (png.toString('ascii', o + 4, o + 8) === 'IDAT') idat = Buffer.concat([idat, png.subarray(o + 8, o + 8 + len)])
    o += 12 + len
  }
  const { width, height } = pngSize(png)
  const raw = inflateSync(idat)
  expect(raw.length).toBe((width * 4 + 1) * height)
  const at = (x: number, y: number) => [...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 5 + x * 4)]
  return { width, height, at }
}

describe('PNG, ICO and ICNS encoders', () => {
  it('crc32 is the standard one', () => {
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082)
  })

  it('a PNG decodes back to the pixels it was given', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 10, 20, 30, 40])
    const d = decode(encodePng(2, 2, rgba))
    expect([d.at(0, 0), d.at(1, 0), d.at(0, 1), d.at(1, 1)]).toEqual([[255, 0, 0, 255], [0, 255, 0, 128], [0, 0, 255, 0], [10, 20, 30, 40]])
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow(/expected 16 bytes/)
  })

  it('ICO: a directory of PNG entries, 256 px stored as 0, offsets pointing at each PNG', () => {
    const pngs = [16, 256].map((s) => drawAppIcon(s).png())
    const ico = encodeIco(pngs)
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2])
    expect([ico[6], ico[22]]).toEqual([16, 0])
    const off = ico.readUInt32LE(22 + 12)
    expect(ico.subarray(off, off + ico.readUInt32LE(22 + 8)).equals(pngs[1])).toBe(true)
    expect(() => encodeIco([drawAppIcon(512).png()])).toThrow(/at most 256/)
  })

  it('ICNS: typed PNG elements with big-endian lengths that add up to the file', () => {
    const icns = encodeIcns(new Map([16, 32, 1024].map((s) => [s, drawAppIcon(s).png()])))
    expect(icns.toString('ascii', 0, 4)).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const types: string[] = []
    for (let o = 8; o < icns.length; o += icns.readUInt32BE(o + 4)) {
      types.push(icns.toString('ascii', o, o + 4))
      expect(pngSize(icns.subarray(o + 8, o + icns.readUInt32BE(o + 4)))).toEqual({ width: ICNS_TYPES.find((t) => t.type === icns.toString('ascii', o, o + 4))!.px, height: expect.any(Number) })
    }
    expect(types).toEqual(['icp4', 'icp5', 'ic10', 'ic11'])
  })
})

describe('the NOC mark', () => {
  it('app icon: transparent corners, dark square, green heartbeat across the middle, red alert dot top right', () => {
    const d = decode(drawAppIcon(64).png())
    expect(d.at(0, 0)[3]).toBe(0)
    expect(d.at(32, 56).slice(0, 3).every((v) => v < 60)).toBe(true)
    const [r, g, b] = d.at(14, 36)
    expect(g).toBeGreaterThan(180)
    expect(r).toBeLessThan(100)
    expect(b).toBeLessThan(200)
    const dot = d.at(49, 15)
    expect(dot[0]).toBeGreaterThan(200)
    expect(dot[1]).toBeLessThan(100)
  })

  it('tray: severity fill, dark ink on light severities, count badge, "!" attention frame', () => {
    const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16))
    for (const s of ['critical', 'major', 'minor', 'warning', 'info'] as const) {
      expect(drawTrayIcon({ severity: s, count: 0 }, 32).colorAt(16, 4).slice(0, 3)).toEqual(rgb(SEVERITY_COLOR[s]))
    }
    expect(drawTrayIcon({ severity: null, count: 0 }, 32).colorAt(16, 4).slice(0, 3)).toEqual(rgb(SEVERITY_COLOR.ok))
    const noBadge = drawTrayIcon({ severity: 'major', count: 0 }, 32)
    const badge = drawTrayIcon({ severity: 'major', count: 7 }, 32)
    expect(noBadge.colorAt(29, 28).slice(0, 3)).toEqual(rgb(SEVERITY_COLOR.major))
    expect(badge.colorAt(29, 28).slice(0, 3)).not.toEqual(rgb(SEVERITY_COLOR.major))
    const attention = drawTrayIcon({ severity: 'info', count: 3, attention: true }, 32)
    expect(attention.colorAt(4, 16).slice(0, 3)).toEqual(rgb(SEVERITY_COLOR.critical))
    expect(attention.colorAt(16, 10).slice(0, 3)).toEqual([255, 255, 255])
    expect([badgeText(5), badgeText(42), badgeText(1000)]).toEqual(['5', '42', '99+'])
  })
})

describe('resources/icons', () => {
  it('the committed icons are exactly what scripts/make-icons.ts draws (rerun `npm run icons` after changing the mark)', () => {
    const out = mkdtempSync(join(tmpdir(), 'noc-icons-'))
    const files = makeIcons(out)
    const committed = resolve(__dirname, '..', '..', '..', 'resources', 'icons')
    for (const f of files) expect(readFileSync(join(committed, f)).equals(readFileSync(join(out, f))), f).toBe(true)
    expect(files).toEqual(expect.arrayContaining([...APP_SIZES.map((s) => `png/${s}x${s}.png`), 'icon.png', 'icon.ico', 'icon.icns', 'tray.png', 'trayTemplate.png', 'trayTemplate@2x.png']))
    for (const s of APP_SIZES) expect(pngSize(readFileSync(join(committed, `png/${s}x${s}.png`)))).toEqual({ width: s, height: s })
    expect(readFileSync(join(committed, 'icon.ico')).readUInt16LE(4)).toBe(ICO_SIZES.length)
  })
})
