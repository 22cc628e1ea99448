import { describe, expect, it } from 'vitest'
import { chooseDisplay, displayName, type DisplayInfo } from './displays'

const d = (id: number, label: string, x: number): DisplayInfo => ({ id, label, bounds: { x, y: 0, width: 1920, height: 1080 }, workArea: { x, y: 0, width: 1920, height: 1040 } })
const builtIn = d(2077749241, 'Built-in Retina Display', 0)
const dell = d(69733382, 'DELL U2720Q', 1920)
const lg = d(69733383, 'LG HDR 4K', 3840)
const all = [builtIn, dell, lg]

describe('chooseDisplay', () => {
  it('no --display, or "primary": the primary display', () => {
    expect(chooseDisplay(all, dell, undefined)).toEqual({ display: dell })
    expect(chooseDisplay(all, dell, ' Primary ')).toEqual({ display: dell })
  })

  it('a number is the 1-based position, like "Display 2" in the OS settings', () => {
    expect(chooseDisplay(all, builtIn, '1').display).toBe(builtIn)
    expect(chooseDisplay(all, builtIn, '3').display).toBe(lg)
  })

  it('a number beyond the count may be a display id; else the primary, with a warning that lists the displays', () => {
    expect(chooseDisplay(all, builtIn, '69733382')).toEqual({ display: dell })
    const c = chooseDisplay(all, builtIn, '4')
    expect(c.display).toBe(builtIn)
    expect(c.warning).toBe('there is no display 4 (3 connected: Display 1: Built-in Retina Display 1920×1080; Display 2: DELL U2720Q 1920×1080; Display 3: LG HDR 4K 1920×1080); using the primary display')
  })

  it('a name matches part of the label, case-insensitively', () => {
    expect(chooseDisplay(all, builtIn, 'dell')).toEqual({ display: dell })
    expect(chooseDisplay(all, builtIn, 'hdr 4k')).toEqual({ display: lg })
  })

  it('an ambiguous name takes the first match and says so; an unknown one falls back to the primary', () => {
    const amb = chooseDisplay([dell, d(5, 'DELL P2419H', 3840)], dell, 'dell')
    expect(amb.display).toBe(dell)
    expect(amb.warning).toMatch(/"dell" matches 2 displays; using the first/)
    expect(chooseDisplay(all, builtIn, 'projector')).toMatchObject({ display: builtIn, warning: expect.stringMatching(/no display is called "projector"/) })
  })

  it('displays without a label (common on Linux) are still reachable by position', () => {
    const bare = [d(1, '', 0), d(2, '', 1920)]
    expect(chooseDisplay(bare, bare[0], '2').display).toBe(bare[1])
    expect(displayName(bare[1], 1)).toBe('Display 2 1920×1080')
  })
})
