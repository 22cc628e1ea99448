import { test, expect } from './fixtures'

/** 56 clients, mixed severities: the wall's worst case on one 1080p screen. */
test('wall mode fits 56 clients on 1920×1080 with the stated minimum type sizes, and pages beyond that', async ({ page, served }) => {
  const sev = ['critical', 'major', 'minor', 'warning', 'info'] as const
  const events = Array.from({ length: 56 }, (_, c) => ({
    client: `customer-${String(c + 1).padStart(2, '0')}-longer-name`, class: 'TI_Linux_Agent', ems: 'ms-01', rule: `Rule${c % 3}`,
    components: [{ type: 'Host name', name: `H${c}` }], severity: sev[c % 5], text: `check failed on ${c}`,
  }))
  expect((await served.post('/api/v1/events', events)).status).toBe(200)
  await page.goto(`${served.url}/?wall=1#/wall`)
  await expect(page.locator('[data-connection="live"]')).toBeVisible()
  const tiles = page.locator('button.tile')
  await expect(tiles).toHaveCount(56)
  await expect(page.locator('section.wall')).toHaveAttribute('data-pages', '1')
  const sizes = await page.evaluate(() => {
    const px = (sel: string) => Math.min(...[...document.querySelectorAll(sel)].filter((e) => (e as HTMLElement).offsetParent).map((e) => parseFloat(getComputedStyle(e).fontSize)))
    const bottom = Math.max(...[...document.querySelectorAll('button.tile')].map((e) => e.getBoundingClientRect().bottom))
    return { name: px('.tile-name'), status: px('.tile-status'), incidents: px('.tile-incidents'), count: px('.tile-count .n'), label: px('.tile-count .l'), clock: px('.wall-clock'), bottom }
  })
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
