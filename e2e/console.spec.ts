import { test, expect, type Served } from './fixtures'
import type { Page } from '@playwright/test'
import { KEYMAP } from '../src-renderer/src/keyboard/keymap'

const event = (over: Record<string, unknown> = {}) => ({
  client: 'kbd-client', class: 'TI_Linux_Agent', ems: 'ms-01', rule: 'Disk', components: [{ type: 'Host name', name: 'KBD01' }],
  severity: 'critical', text: 'KBD disk almost full', ...over,
})

const live = async (page: Page) => expect(page.locator('[data-connection="live"]')).toBeVisible()

/** Poll the API until the incident reaches `status` (what another console or a script would see). */
const apiStatus = (served: Served, id: string) => async () => (await served.get(`/api/v1/incidents/${id}`)).incident.status

/** A spread of clients and severities, so screenshots show a working wall, queue and detail. */
const populate = async (served: Served) => {
  const sev = ['critical', 'major', 'minor', 'warning', 'info'] as const
  const batch = []
  for (let c = 0; c < 14; c++)
    for (let n = 0; n <= c % 4; n++)
      batch.push(event({ client: `client-${String(c + 1).padStart(2, '0')}`, rule: `Rule${n}`, severity: sev[(c + n) % 5], service: ['billing', 'web', 'voip'][n % 3], text: `check ${n} failed on host ${c}`, components: [{ type: 'Host name', name: `H${c}-${n}` }] }))
  expect((await served.post('/api/v1/events', batch)).status).toBe(200)
}

test('keyboard only: select an incident in the queue and acknowledge it; the API says acknowledged', async ({ page, served }) => {
  await served.post('/api/v1/events', event())
  const [inc] = await served.get('/api/v1/incidents?client=kbd-client')
  await page.goto(`${served.url}/#/incidents`)
  await live(page)
  const row = page.locator(`tr.inc-row[data-incident-id="${inc.id}"]`)
  await expect(row).toHaveAttribute('data-status', 'open')
  await page.keyboard.press('j')
  await expect(row).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('a')
  await expect.poll(apiStatus(served, inc.id)).toBe('acknowledged')
  await expect(row).toHaveAttribute('data-status', 'acknowledged') // the delta came back to this console
  await expect(page.locator('.notice')).toContainText(`Acknowledged ${inc.id}`)
  const detail = await served.get(`/api/v1/incidents/${inc.id}`)
  expect(detail.timeline.find((t: { kind: string }) => t.kind === 'ack').actor).toBe('operator')
})

test('keyboard only: open an incident, add a note, resolve it with cause and solution', async ({ page, served }) => {
  await served.post('/api/v1/events', event({ client: 'res-client' }))
  const [inc] = await served.get('/api/v1/incidents?client=res-client')
  await page.goto(`${served.url}/#/incidents`)
  await live(page)
  await page.keyboard.press('j')
  await page.keyboard.press('Enter')
  await expect(page.locator(`section.detail[data-incident-id="${inc.id}"]`)).toBeVisible()
  await expect(page.locator('.detail-alerts tr[data-alert-id]')).toHaveCount(1)
  await expect(page.locator('.timeline-chart [data-kind="opened"]')).toHaveCount(1)

  await page.keyboard.press('n')
  await expect(page.locator('form[data-dialog="note"]')).toBeVisible()
  await page.keyboard.type('rebooted the array controller')
  await page.keyboard.press('Control+Enter')
  await expect(page.locator('.notes')).toContainText('rebooted the array controller')

  await page.keyboard.press('r')
  await expect(page.locator('form[data-dialog="resolve"]')).toBeVisible()
  await page.keyboard.type('controller firmware bug')
  await page.keyboard.press('Tab')
  await page.keyboard.type('firmware 2.1.4')
  await page.keyboard.press('Control+Enter')
  await expect.poll(apiStatus(served, inc.id)).toBe('resolved')
  const detail = await served.get(`/api/v1/incidents/${inc.id}`)
  expect(detail.incident).toMatchObject({ cause: 'controller firmware bug', solution: 'firmware 2.1.4' })
  await expect(page.locator('section.detail')).toHaveAttribute('data-status', 'resolved')
  await expect(page.locator('.timeline-chart [data-kind="resolve"]')).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect(page).toHaveURL(/#\/incidents$/)
})

test('bulk: mark two incidents with x and escalate both with one key', async ({ page, served }) => {
  await served.post('/api/v1/events', [event({ client: 'bulk-a' }), event({ client: 'bulk-b' })])
  await page.goto(`${served.url}/#/incidents`)
  await live(page)
  await expect(page.locator('tr.inc-row')).toHaveCount(2)
  await page.keyboard.press('j')
  await page.keyboard.press('x')
  await page.keyboard.press('j')
  await page.keyboard.press('x')
  await expect(page.locator('.bulk-bar')).toContainText('2 marked')
  await page.keyboard.press('e')
  await expect.poll(async () => (await served.get('/api/v1/incidents')).map((i: { escalationLevel: number }) => i.escalationLevel).sort()).toEqual([1, 1])
  await page.keyboard.press('Escape')
  await expect(page.locator('.bulk-bar')).toHaveCount(0)
})

test('the heatmap shows the cell for a client that had events, and the cell drills into its incidents', async ({ page, served }) => {
  await served.post('/api/v1/events', [event({ client: 'heat-client', service: 'billing' }), event({ client: 'heat-client', rule: 'Ping', severity: 'minor', service: 'billing' })])
  await page.goto(`${served.url}/#/heatmap`)
  await live(page)
  const cell = page.locator('.hm-time .hm-row[data-client="heat-client"] .hm-cell[data-events="2"]')
  await expect(cell).toHaveAttribute('data-severity', 'critical')
  await expect(cell).toHaveText('2')
  const svc = page.locator('.hm-services .hm-row[data-client="heat-client"] .hm-cell[data-service="billing"]')
  await expect(svc).toHaveAttribute('data-severity', 'critical')
  // Keyboard: j lands on the newest bucket of the first row (the only client), Enter drills down.
  await page.keyboard.press('j')
  await expect(page.locator('.hm-status')).toContainText('heat-client')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/incidents$/)
  await expect(page.locator('select[data-filter="client"]')).toHaveValue('heat-client')
  await expect(page.locator('tr.inc-row')).not.toHaveCount(0)
  await page.screenshot({ path: test.info().outputPath('heatmap-drill.png') })
})

test('the help overlay lists every binding of the one key table', async ({ page, served }) => {
  await page.goto(`${served.url}/#/wall`)
  await live(page)
  await page.keyboard.press('?')
  const help = page.getByRole('dialog', { name: 'Keyboard' })
  await expect(help).toBeVisible()
  for (const command of new Set(KEYMAP.map((b) => b.command))) await expect(help.locator(`.help-row[data-command="${command}"]`)).toHaveCount(1)
  await expect(help.locator('.help-row[data-command="incident.ack"] kbd')).toHaveText('a')
  await expect(help.locator('.help-row[data-command="view.incidents"]')).toContainText('g')
  await page.screenshot({ path: test.info().outputPath('help.png') })
  await page.keyboard.press('Escape')
  await expect(help).toHaveCount(0)
  // Ctrl-K opens the palette; typing finds a command; Enter runs it.
  await page.keyboard.press('Control+k')
  await page.keyboard.type('heatmaps')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/heatmap$/)
})

test('pause freezes the wall; resume applies what arrived meanwhile', async ({ page, served }) => {
  await served.post('/api/v1/events', event({ client: 'pause-client', severity: 'warning' }))
  await page.goto(`${served.url}/#/wall`)
  await live(page)
  const tile = page.locator('button.tile[data-client="pause-client"]')
  await expect(tile).toHaveAttribute('data-severity', 'warning')
  await page.keyboard.press('p')
  await expect(page.locator('[data-connection="paused"]')).toBeVisible()
  await served.post('/api/v1/events', event({ client: 'pause-client', rule: 'Ping', severity: 'critical' }))
  await expect(page.locator('.conn-strip')).toContainText('1 update waiting')
  await expect(tile).toHaveAttribute('data-severity', 'warning')
  await page.keyboard.press('p')
  await expect(tile).toHaveAttribute('data-severity', 'critical')
})

test('screenshots: wall, wall mode, queue and incident detail at 1920×1080', async ({ page, served }) => {
  await populate(served)
  await page.goto(`${served.url}/#/wall`)
  await live(page)
  await expect(page.locator('button.tile')).toHaveCount(14)
  await expect(page.locator('button.tile[data-p2]').first()).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('wall.png') })

  await page.goto(`${served.url}/?wall=1#/wall`)
  await live(page)
  await expect(page.locator('header.wall-header')).toBeVisible()
  await expect(page.locator('nav.nav')).toHaveCount(0)
  await expect(page.locator('button.tile')).toHaveCount(14)
  await page.screenshot({ path: test.info().outputPath('wall-mode.png') })

  await page.goto(`${served.url}/#/incidents`)
  await live(page)
  await page.keyboard.press('j')
  await page.keyboard.press('j')
  await page.screenshot({ path: test.info().outputPath('queue.png') })
  await page.keyboard.press('c') // group by client
  await expect(page.locator('tr.group-row').first()).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('queue-grouped.png') })

  await page.keyboard.press('Home')
  await page.keyboard.press('Enter')
  await expect(page.locator('section.detail')).toBeVisible()
  await page.keyboard.press('a')
  await expect(page.locator('section.detail')).toHaveAttribute('data-status', 'acknowledged')
  await page.keyboard.press('n')
  await page.keyboard.type('looking at it')
  await page.keyboard.press('Control+Enter')
  await expect(page.locator('.timeline-chart [data-kind="note"]')).toHaveCount(1)
  await page.screenshot({ path: test.info().outputPath('detail.png') })
})

test('keyboard only on the wall: arrows move between tiles, Enter opens the client\'s incidents', async ({ page, served }) => {
  await served.post('/api/v1/events', [event({ client: 'wall-a', severity: 'critical' }), event({ client: 'wall-b', severity: 'warning' })])
  await page.goto(`${served.url}/#/wall`)
  await live(page)
  await expect(page.locator('button.tile')).toHaveCount(2)
  await page.keyboard.press('ArrowDown')
  await expect(page.locator('button.tile[data-client="wall-a"]')).toBeFocused()
  await page.keyboard.press('l')
  await expect(page.locator('button.tile[data-client="wall-b"]')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/incidents$/)
  await expect(page.locator('select[data-filter="client"]')).toHaveValue('wall-b')
  await expect(page.locator('tr.inc-row')).toHaveCount(1)
})
