import { test, expect } from './fixtures'

const burst = ['acme', 'globex', 'initech'].map((client) => ({
  client, class: 'dns', ems: 'probe-01', rule: 'DnsResolutionFailing', severity: 'critical', text: `${client}: DNS resolution failing`,
  components: [{ type: 'Host name', name: `${client}-dns01` }],
}))

test('a suspected problem shows as such with its evidence; the keyboard confirms it and the API agrees', async ({ page, served }) => {
  expect((await served.post('/api/v1/events', burst)).status).toBe(200)
  const [p] = await served.get('/api/v1/problems')
  expect(p.status).toBe('suspected')
  await page.goto(`${served.url}/#/incident/${p.incidentIds[0]}`)
  const panel = page.locator('.problem-panel')
  await expect(panel).toHaveAttribute('data-problem-status', 'suspected')
  await expect(panel).toContainText('Suspected')
  await expect(panel).toContainText('no priority points unless confirmed')
  await expect(panel.locator('[data-evidence="same-rule"]')).toContainText('likely a coincidence')
  if (process.env.SHOTS) await panel.screenshot({ path: `${process.env.SHOTS}/problem-suspected.png` })

  // Keyboard only: focus the note field, type, Tab to "Confirm", Enter.
  await panel.locator('.problem-note').focus()
  await page.keyboard.type('their DNS provider confirmed an outage')
  await page.keyboard.press('Tab')
  await expect(panel.getByRole('button', { name: 'Confirm' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect.poll(async () => (await served.get('/api/v1/problems'))[0].status).toBe('confirmed')
  await expect(panel).toHaveAttribute('data-problem-status', 'confirmed')
  await expect(panel.locator('[data-evidence="operator"]')).toContainText('confirmed by operator: their DNS provider confirmed an outage')
  const detail = await served.get(`/api/v1/incidents/${p.incidentIds[0]}`)
  expect(detail.incident.priorityBreakdown.components.blastRadius.points).toBe(6)
  if (process.env.SHOTS) await panel.screenshot({ path: `${process.env.SHOTS}/problem-confirmed.png` })
})

test('split: tick incidents and move them out; dismiss unlinks the rest', async ({ page, served }) => {
  await served.post('/api/v1/events', [...burst, { ...burst[0], client: 'umbrella', components: [{ type: 'Host name', name: 'umbrella-dns01' }] }])
  const [p] = await served.get('/api/v1/problems')
  await page.goto(`${served.url}/#/incident/${p.incidentIds[0]}`)
  const panel = page.locator('.problem-panel')
  await panel.getByRole('checkbox', { name: new RegExp(p.incidentIds[3]) }).check()
  await panel.getByRole('button', { name: 'Split out (1)' }).click()
  await expect.poll(async () => (await served.get('/api/v1/problems')).find((x: { id: string }) => x.id === p.id).incidentIds.length).toBe(3)
  await panel.getByRole('button', { name: 'Dismiss' }).click()
  await expect.poll(async () => (await served.get(`/api/v1/incidents/${p.incidentIds[0]}`)).incident.problemId).toBeNull()
})

test('the wall never says "All clear" while the client still has an open incident', async ({ page, served }) => {
  const event = { client: 'hold-client', class: 'agent', rule: 'Disk', severity: 'critical', text: 'disk full', components: [{ type: 'Host name', name: 'H1' }] }
  await served.post('/api/v1/events', event)
  await page.goto(`${served.url}/#/wall`)
  const tile = page.locator('button.tile[data-client="hold-client"]')
  await expect(tile).toHaveAttribute('data-state', 'alerting')
  await served.post('/api/v1/events', { ...event, severity: 'ok' })
  // The incident is in its resolve hold (120 s): open in the queue, so the tile is recovering, not clear.
  await expect(tile).toHaveAttribute('data-state', 'recovering')
  await expect(tile).toContainText('Recovering · 1 open')
  await expect(tile).not.toContainText('All clear')
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/wall-recovering.png` })
})
