import { describe, expect, it } from 'vitest'
import { FileOutput } from '@shared/api/file-output'
import { ClientReportQuery, IncidentExportQuery } from '@shared/model/report'
import { defaultIncidentFilters } from '../../store/filters-slice'
import { fileBlob, safeName } from './download'
import { exportInput } from './list-export'
import { clientReportInput, customValid, parsePreview } from './period-preview'

describe('report downloads', () => {
  it('turns a base64 FileOutput back into the exact bytes, typed', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x80])
    const f = FileOutput.parse({ contentType: 'application/pdf', filename: 'INC-1-report.pdf', body: Buffer.from(bytes).toString('base64'), encoding: 'base64', headers: {} })
    const blob = fileBlob(f)
    expect(blob.type).toBe('application/pdf')
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes)
    const text = fileBlob({ ...f, contentType: 'text/markdown', body: '# Ünïcode ✓', encoding: 'utf8' })
    expect(await text.text()).toBe('# Ünïcode ✓')
  })

  it('keeps file names plain', () => {
    expect(safeName('../../etc/passwd')).toBe('.._.._etc_passwd')
    expect(safeName('INC-1042-report.pdf')).toBe('INC-1042-report.pdf')
  })
})

describe('client report inputs', () => {
  it('maps each period choice to a valid contract input; weeks and months are left to the server’s calendar', () => {
    const c = { from: '2026-11-01', to: '2026-11-07' }
    for (const choice of ['this-week', 'last-week', 'this-month', 'last-month', 'custom'] as const) {
      expect(ClientReportQuery.safeParse(clientReportInput('acme', choice, 'pdf', c)).success).toBe(true)
    }
    expect(clientReportInput('acme', 'last-month', 'csv', c)).toEqual({ client: 'acme', period: 'month', back: 1, format: 'csv' })
    expect(customValid(c)).toBe(true)
    expect(customValid({ from: '2026-11-08', to: '2026-11-07' })).toBe(false)
  })

  it('reads the period JSON for the preview, and nothing else', () => {
    expect(parsePreview('{"kind":"incident-report"}')).toBeNull()
    expect(parsePreview('not json')).toBeNull()
    expect(parsePreview(JSON.stringify({ kind: 'client-period-report', period: { label: 'W1' }, incidents: { opened: 2 } }))?.incidents.opened).toBe(2)
  })

  it('sends the queue’s filter as the export’s filter', () => {
    const { input, unsent } = exportInput({ ...defaultIncidentFilters, client: 'acme', priority: 'P1', text: '  disk  ', service: 'db' }, 'csv')
    expect(input).toEqual({ format: 'csv', limit: 5000, status: ['open', 'acknowledged'], client: 'acme', priority: 'P1', q: 'disk' })
    expect(IncidentExportQuery.safeParse(input).success).toBe(true)
    expect(unsent).toEqual(['service'])
    expect(exportInput({ ...defaultIncidentFilters, status: 'all' }, 'json').input).toEqual({ format: 'json', limit: 5000 })
  })
})
