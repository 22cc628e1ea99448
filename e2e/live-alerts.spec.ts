import { test, expect } from './fixtures'

const event = (over: Record<string, unknown> = {}) => ({
  client: 'e2e-client', class: 'TI_Linux_Agent', ems: 'ms-01', rule: 'Disk', components: [{ type: 'Host name', name: 'E2E01' }],
  severity: 'critical', text: 'E2E disk almost full', ...over,
})

test('an event posted to the webhook appears live in the alert table, without a reload', async ({ page, served }) => {
  await page.goto(`${served.url}/#/alerts`)
  await expect(page.locator('[data-connection="live"]')).toBeVisible()
  const r = await served.post('/api/v1/events', event())
  expect(r.status).toBe(200)
  const row = page.locator('tr.alert-row[data-severity="critical"]', { hasText: 'E2E disk almost full' })
  await expect(row).toBeVisible()
  await expect(row).toContainText('e2e-client')
  // A repeat bumps the count in place.
  await served.post('/api/v1/events', event())
  await expect(row.locator('td.c-num')).toHaveText('2')
  await page.screenshot({ path: test.info().outputPath('alerts.png') })
})

test('an event turns its client tile on the wall to its severity', async ({ page, served }) => {
  await page.goto(`${served.url}/#/wall`)
  await expect(page.locator('[data-connection="live"]')).toBeVisible()
  await served.post('/api/v1/events', event({ client: 'tile-client', severity: 'major' }))
  const tile = page.locator('button.tile[data-client="tile-client"]')
  await expect(tile).toHaveAttribute('data-severity', 'major')
  await served.post('/api/v1/events', event({ client: 'tile-client', rule: 'Ping', severity: 'critical', text: 'host down' }))
  await expect(tile).toHaveAttribute('data-severity', 'critical')
  await page.screenshot({ path: test.info().outputPath('wall.png') })
})
