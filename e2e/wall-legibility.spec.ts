import { test, expect, type Served } from './fixtures'
import type { Page } from '@playwright/test'

const fiftySix = async (served: Served) => {
  const sev = ['critical', 'major', 'minor', 'warning', 'info'] as const
  const events = Array.from({ length: 56 }, (_, c) => ({
    client: `customer-${String(c + 1).padStart(2, '0')}-longer-name`, class: 'TI_Linux_Agent', ems: 'ms-01', rule: `Rule${c % 3}`,
    components: [{ type: 'Host name', name: `H${c}` }], severity: sev[c % 5], text: `check failed on ${c}`,
  }))
  expect((await served.post('/api/v1/events', events)).status).toBe(200)
}

/** Smallest rendered type per part of the tile, in DEVICE pixels (CSS px × the console's zoom), and the tiles' extent. */
const tileType = (page: Page) =>
  page.evaluate(() => {
    const zoom = Number(getComputedStyle(document.querySelector('.app')!).zoom) || 1
    const px = (sel: string) => zoom * Math.min(...[...document.querySelectorAll(sel)].filter((e) => (e as HTMLElement).offsetParent).map((e) => parseFloat(getComputedStyle(e).fontSize)))
    const boxes = [...document.querySelectorAll('button.tile')].map((e) => e.getBoundingClientRect())
    return {
      zoom, name: px('.tile-name'), status: px('.tile-status'), incidents: px('.tile-incidents'), count: px('.tile-count .n'), label: px('.tile-count .l'), clock: px('.wall-clock'),
      bottom: Math.max(...boxes.map((b) => b.bottom)), right: Math.max(...boxes.map((b) => b.right)),
    }
  })

/** 56 clients, mixed severities: the wall's worst case on one 1080p screen. */
test('wall mode fits 56 clients on 1920×1080 with the stated minimum type sizes, and pages beyond that', async ({ page, served }) => {
  await fiftySix(served)
  await page.goto(`${served.url}/?wall=1#/wall`)
  await expect(page.locator('[data-connection="live"]')).toBeVisible()
  const tiles = page.locator('button.tile')
  await expect(tiles).toHaveCount(56)
  await expect(page.locator('section.wall')).toHaveAttribute('data-pages', '1')
  const sizes = await tileType(page)
  expect(sizes.zoom).toBe(1)
  expect(sizes.bottom).toBeLessThanOrEqual(1080)
  expect(sizes.name).toBeGreaterThanOrEqual(24)
  expect(sizes.status).toBeGreaterThanOrEqual(18)
  expect(sizes.count).toBeGreaterThanOrEqual(32)
  expect(sizes.label).toBeGreaterThanOrEqual(14)
  expect(sizes.clock).toBeGreaterThanOrEqual(34)
  if (Number.isFinite(sizes.incidents)) expect(sizes.incidents).toBeGreaterThanOrEqual(18)
  await page.screenshot({ path: test.info().outputPath('wall-56.png') })

  // Past what fits legibly, wall mode rotates pages instead of shrinking or scrolling; ] turns the page by hand.
  await page.setViewportSize({ width: 1280, height: 720 })
  await expect(page.locator('section.wall')).not.toHaveAttribute('data-pages', '1')
  const first = await page.locator('button.tile').first().getAttribute('data-client')
  await page.keyboard.press(']')
  await expect(page.locator('section.wall')).toHaveAttribute('data-page', '2')
  await expect(page.locator('button.tile').first()).not.toHaveAttribute('data-client', first!)
})

/**
 * A 4K panel (3840×2160 at device-pixel-ratio 1) has the physical size of a 1080p one with pixels half as big:
 * the same 56 tiles on one page, and every minimum doubled in device pixels, or the wall is unreadable at 5 m.
 */
test('wall mode at 3840×2160 keeps the 1080p layout at twice the size: 56 tiles on one page, every minimum doubled', async ({ page, served }) => {
  await fiftySix(served)
  await page.setViewportSize({ width: 3840, height: 2160 })
  await page.goto(`${served.url}/?wall=1#/wall`)
  await expect(page.locator('[data-connection="live"]')).toBeVisible()
  await expect(page.locator('button.tile')).toHaveCount(56)
  await expect(page.locator('section.wall')).toHaveAttribute('data-pages', '1')
  const s = await tileType(page)
  expect(s.zoom).toBe(2)
  expect(s.bottom).toBeLessThanOrEqual(2160)
  expect(s.right).toBeLessThanOrEqual(3840)
  expect(s.name).toBeGreaterThanOrEqual(48)
  expect(s.status).toBeGreaterThanOrEqual(36)
  expect(s.count).toBeGreaterThanOrEqual(64)
  expect(s.label).toBeGreaterThanOrEqual(28)
  expect(s.clock).toBeGreaterThanOrEqual(68)
  if (Number.isFinite(s.incidents)) expect(s.incidents).toBeGreaterThanOrEqual(36)
  await page.screenshot({ path: test.info().outputPath('wall-56-4k.png') })
})
