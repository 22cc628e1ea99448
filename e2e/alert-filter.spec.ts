import { test, expect, type Served } from './fixtures'
import type { Page } from '@playwright/test'

const event = (over: Record<string, unknown> = {}) => ({
  client: 'acme', class: 'TI_Linux_Agent', ems: 'ms-01', rule: 'Disk', components: [{ type: 'Host name', name: 'H1' }],
  severity: 'major', text: 'disk almost full', ...over,
})

/** 40 alerts over four clients: disk ones on hosts 0–19, ping ones on hosts 20–39. */
const populate = async (served: Served) => {
  const sev = ['critical', 'major', 'minor', 'warning'] as const
  const batch = Array.from({ length: 40 }, (_, n) => {
    const disk = n < 20
    return event({
      client: `client-${(n % 4) + 1}`,
      rule: disk ? 'Disk' : 'Ping',
      severity: sev[n % 4],
      text: disk ? `Disk /var ${80 + (n % 20)}% full on host-${n}` : `Ping unreachable: host-${n} (Café de l'Ouest POP)`,
      components: [{ type: 'Host name', name: `HOST-${n}` }],
    })
  })
  expect((await served.post('/api/v1/events', batch)).status).toBe(200)
}

const shown = (page: Page) => page.locator('.filter-count')
const ids = (page: Page) => page.locator('tbody tr.alert-row[data-alert-id]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.alertId))
const typeFilter = async (page: Page, text: string) => {
  const input = page.locator('.filter-text input')
  await input.fill(text)
}

test('the alert filter: words, case, growing and shrinking queries, and live alerts arriving while filtered', async ({ page, served }) => {
  await populate(served)
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.goto(`${served.url}/#/alerts`)
  await expect(page.locator('[data-connection="live"]')).toBeVisible()
  await expect(shown(page)).toHaveAttribute('data-shown', '40')

  await typeFilter(page, 'DISK')
  await expect(shown(page)).toHaveAttribute('data-shown', '20')
  await typeFilter(page, 'disk host-1')
  // host-1, host-10 … host-19 among the disk ones
  await expect(shown(page)).toHaveAttribute('data-shown', '11')
  await typeFilter(page, 'disk host-1 client-2')
  await expect(shown(page)).toHaveAttribute('data-shown', '3') // hosts 1, 13, 17
  await typeFilter(page, 'disk')
  await expect(shown(page)).toHaveAttribute('data-shown', '20')
  await typeFilter(page, 'café')
  await expect(shown(page)).toHaveAttribute('data-shown', '20')
  await typeFilter(page, 'cafe')
  await expect(shown(page)).toHaveAttribute('data-shown', '0')
  await expect(page.locator('.alerts-view .empty')).toHaveText('No alert matches these filters.')

  // Filtered on "disk host-7": a new matching alert shows up live, a non-matching one does not.
  await typeFilter(page, 'disk host-7')
  await expect(shown(page)).toHaveAttribute('data-shown', '1')
  expect((await served.post('/api/v1/events', event({ client: 'client-9', severity: 'critical', text: 'Disk /data full on host-77', components: [{ type: 'Host name', name: 'HOST-77' }] }))).status).toBe(200)
  expect((await served.post('/api/v1/events', event({ client: 'client-9', rule: 'Ping', text: 'Ping lost on host-7', components: [{ type: 'Host name', name: 'HOST-7X' }] }))).status).toBe(200)
  await expect(shown(page)).toHaveAttribute('data-shown', '2')
  await expect(shown(page)).toContainText('2 of 42 alerts')
  // Worst first: the new critical one above the host-7 disk alert (warning).
  const [top] = await ids(page)
  const api = await served.get('/api/v1/alerts?client=client-9')
  const newDisk = api.items.find((a: { summary: string }) => a.summary.includes('host-77'))
  expect(top).toBe(String(newDisk.id))

  await page.screenshot({ path: test.info().outputPath('alerts-filtered-1920.png') })
  await page.setViewportSize({ width: 1366, height: 768 })
  await typeFilter(page, 'ping')
  await expect(shown(page)).toHaveAttribute('data-shown', '21')
  await page.screenshot({ path: test.info().outputPath('alerts-filtered-1366.png') })

  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(shown(page)).toHaveAttribute('data-shown', '42')
})
