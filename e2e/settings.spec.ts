import { test, expect } from './fixtures'

const event = (over: Record<string, unknown> = {}) => ({
  client: 'set-client', class: 'TI_Linux_Agent', ems: 'ms-01', rule: 'Disk', components: [{ type: 'Host name', name: 'SET01' }],
  severity: 'major', text: 'SET01 disk', ...over,
})

test('s on an incident silences its alerts for the chosen duration; settings lists the silence and ends it', async ({ page, served }) => {
  await served.post('/api/v1/events', event())
  const [inc] = await served.get('/api/v1/incidents?client=set-client')
  await page.goto(`${served.url}/#/incident/${inc.id}`)
  await expect(page.locator('[data-connection="live"]')).toBeVisible()
  await page.keyboard.press('s')
  const dialog = page.locator('form[data-dialog="silence"]')
  await expect(dialog).toBeVisible()
  await page.keyboard.press('ArrowDown') // 1 hour → 4 hours in the focused duration select
  await page.keyboard.press('Tab')
  await page.keyboard.type('disk swap planned')
  await page.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  const silences = await served.get('/api/v1/silences')
  expect(silences).toHaveLength(1)
  expect(silences[0]).toMatchObject({ incidentId: inc.id, comment: 'disk swap planned', createdBy: 'operator' })
  expect(silences[0].endsAt - silences[0].startsAt).toBe(4 * 3_600_000)

  await page.keyboard.press('g')
  await page.keyboard.press('s')
  const row = page.locator(`tr[data-silence="${silences[0].id}"]`)
  await expect(row).toContainText('disk swap planned')
  await row.getByRole('button', { name: 'End now' }).click()
  await expect(row).toHaveCount(0)
  expect(await served.get('/api/v1/silences')).toHaveLength(0)
})

test('settings: the operator name is used for actions; a maintenance window is created and deleted; clients and sources are listed', async ({ page, served }) => {
  await served.post('/api/v1/events', event())
  await page.goto(`${served.url}/#/settings`)
  await expect(page.locator('[data-connection="live"]')).toBeVisible()
  await expect(page.locator('table[data-table="clients"] tr[data-client="set-client"]')).toContainText('silver')
  await expect(page.locator('table[data-table="sources"] tbody tr')).not.toHaveCount(0)
  const name = page.locator('input[data-setting="operator"]')
  await name.fill('dana')
  await name.press('Enter')
  await page.locator('input[data-field="maint-name"]').fill('patching set01')
  await page.locator('select[data-field="maint-client"]').selectOption('set-client')
  await page.getByRole('button', { name: 'Start window' }).click()
  const win = page.locator('table[data-table="maintenance"] tbody tr', { hasText: 'patching set01' })
  await expect(win).toContainText('ACTIVE')
  const [mw] = await served.get('/api/v1/maintenance')
  expect(mw).toMatchObject({ name: 'patching set01', client: 'set-client', createdBy: 'dana' })
  await win.getByRole('button', { name: 'Delete' }).click()
  await expect(win).toHaveCount(0)
  await page.screenshot({ path: test.info().outputPath('settings.png') })
})
