import { test, expect, type Served } from './fixtures'
import type { Page } from '@playwright/test'

/**
 * Every size from a 1280×720 laptop to a 4K wall: nothing cut or hidden. The header moves what does not fit
 * into its More menu; the tables drop their least important columns; no screen scrolls sideways.
 */

const CONTROLS = ['view-wall', 'view-incidents', 'view-heatmap', 'view-alerts', 'view-missed', 'view-metrics', 'view-reports', 'view-settings', 'sound', 'pause', 'palette', 'keys']

const populate = async (served: Served) => {
  const sev = ['critical', 'major', 'minor', 'warning', 'info'] as const
  const batch = []
  for (let c = 0; c < 24; c++)
    for (let n = 0; n <= c % 4; n++)
      batch.push({
        client: `customer-${String(c + 1).padStart(2, '0')}-with-a-long-name`, class: 'TI_Linux_Agent', ems: 'ms-01', rule: `Rule${n}`, severity: sev[(c + n) % 5],
        service: ['billing', 'web', 'voip'][n % 3], text: `check ${n} failed on host ${c}: a long summary that has to be cut by its column, not by the screen`,
        components: [{ type: 'Host name', name: `HOST-${c}-${n}` }],
      })
  expect((await served.post('/api/v1/events', batch)).status).toBe(200)
}

/** Every element of `selector` that is rendered lies inside the viewport. */
const insideViewport = async (page: Page, selector: string) => {
  const { width, height } = page.viewportSize()!
  const boxes = await page.locator(selector).evaluateAll((els) =>
    els.filter((e) => (e as HTMLElement).offsetParent !== null && !e.closest('.header-measure')).map((e) => ({ what: (e.textContent ?? '').trim().slice(0, 30), ...e.getBoundingClientRect().toJSON() })),
  )
  expect(boxes.length).toBeGreaterThan(0)
  for (const b of boxes) {
    expect.soft(b.left, `${b.what} left`).toBeGreaterThanOrEqual(0)
    expect.soft(b.right, `${b.what} right`).toBeLessThanOrEqual(width)
    expect.soft(b.top, `${b.what} top`).toBeGreaterThanOrEqual(0)
    expect.soft(b.bottom, `${b.what} bottom`).toBeLessThanOrEqual(height)
  }
}

const onBar = async (page: Page) =>
  page.evaluate(() => {
    const ids: string[] = []
    for (const t of document.querySelectorAll<HTMLElement>('.app-header .nav-tab[data-view]')) ids.push(`view-${t.dataset.view}`)
    if (document.querySelector('.app-header [data-sound]')) ids.push('sound')
    for (const c of document.querySelectorAll<HTMLElement>('.app-header [data-control]')) ids.push(c.dataset.control!)
    const more = document.querySelector<HTMLElement>('.app-header [data-more]')?.dataset.more?.split(' ') ?? []
    return { ids, more }
  })

for (const [w, h] of [
  [1280, 720],
  [1366, 768],
] as const) {
  test(`at ${w}×${h} every header control is on screen or in More, and More works by keyboard`, async ({ page, served }) => {
    await populate(served)
    await page.setViewportSize({ width: w, height: h })
    await page.goto(`${served.url}/#/incidents`)
    await expect(page.locator('[data-connection="live"]')).toBeVisible()
    await insideViewport(page, '.app-header > *:not(.header-measure), .app-header .nav-tab, .app-header .header-button')
    const { ids, more } = await onBar(page)
    expect([...ids, ...more].sort()).toEqual([...CONTROLS].sort())
    expect(more.length).toBeGreaterThan(0) // at this width something had to move
    await expect(page.locator('.app-header > .clock')).toBeVisible()
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true)

    // Keyboard: focus More, open it with Enter, every entry is on screen; ↓ then Enter runs one.
    await page.locator('.header-menu > button.more').focus()
    await page.keyboard.press('Enter')
    await expect(page.locator('[role="menu"]')).toBeVisible()
    await insideViewport(page, '[role="menuitem"]')
    await expect(page.locator('[role="menuitem"]')).toHaveCount(more.length)
    await expect(page.locator('[role="menuitem"]').first()).toBeFocused()
    const target = more.includes('view-settings') ? 'view-settings' : more[0]
    for (let i = 0; i < more.indexOf(target); i++) await page.keyboard.press('ArrowDown')
    await expect(page.locator(`[role="menuitem"][data-item="${target}"]`)).toBeFocused()
    await page.screenshot({ path: test.info().outputPath(`header-menu-${w}x${h}.png`) })
    await page.keyboard.press('Enter')
    await expect(page.locator('[role="menu"]')).toHaveCount(0)
    if (target === 'view-settings') await expect(page).toHaveURL(/#\/settings$/)
    // Esc closes without acting on the screen underneath; the mouse opens it too.
    await page.locator('.header-menu > button.more').click()
    await page.keyboard.press('Escape')
    await expect(page.locator('[role="menu"]')).toHaveCount(0)
    await expect(page.locator('.header-menu > button.more')).toBeFocused()
  })
}

test('from 1280×720 to 3840×2160 no view is cut: header on screen, tables without sideways scrolling', async ({ page, served }) => {
  test.setTimeout(120_000)
  await populate(served)
  const [inc] = await served.get('/api/v1/incidents?client=customer-01-with-a-long-name')
  for (const [w, h] of [
    [1280, 720],
    [1366, 768],
    [1920, 1080],
    [3840, 2160],
  ] as const) {
    await page.setViewportSize({ width: w, height: h })
    for (const view of ['wall', 'incidents', 'alerts', 'heatmap', 'missed', 'metrics', 'reports', 'settings', `incident/${inc.id}`]) {
      await page.goto(`${served.url}/#/${view}`)
      await expect(page.locator('[data-connection="live"]')).toBeVisible()
      await insideViewport(page, '.app-header .nav-tab, .app-header .header-button, .app-header .conn-pill, .app-header .clock')
      const sideways = await page.evaluate(() =>
        [document.documentElement, ...document.querySelectorAll<HTMLElement>('.main, .main *')]
          .filter((e) => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
      )
      expect.soft(sideways, `${view} at ${w}×${h}`).toEqual([])
      if (view === 'incidents' || view === 'alerts' || view === 'wall' || view.startsWith('incident/'))
        await page.screenshot({ path: test.info().outputPath(`${view.replace('/', '-')}-${w}x${h}.png`) })
    }
  }
})
