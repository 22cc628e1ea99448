/**
 * The entry points the API layer calls: data in, a file with its headers out. One function per endpoint:
 *
 *   GET /api/v1/incidents/:id/report?format=md|html|pdf|json   → renderIncidentReport
 *   GET /api/v1/incidents/export?format=csv|json&<filters>     → renderIncidentExport (+ filterIncidents)
 *   GET /api/v1/reports/clients/:client?from=&to=&format=…     → renderClientPeriodReport
 *   GET /api/v1/reports/inventory?from=&to=&format=…           → renderInventory
 *   GET /api/v1/metrics/summary                                → buildMetrics (plain JSON, see metrics.ts)
 */
import { buildClientPeriodReport, type ClientPeriodInput } from './client-period'
import { clientPeriodCsv, clientPeriodDoc } from './client-period-doc'
import { incidentListCsv, incidentListJson } from './csv'
import type { Doc } from './doc'
import { formatDate, isoTime, safeFilePart } from './format'
import { incidentReportDoc } from './incident-doc'
import { buildIncidentReport } from './incident-report'
import { buildInventory, inventoryCsv, inventoryDoc, type InventoryInput } from './inventory'
import { renderPdf } from './pdf/render-pdf'
import { REPORT_CSP, renderHtml } from './render-html'
import { renderJson } from './render-json'
import { renderMarkdown } from './render-md'
import type { IncidentRow, IncidentReportInput, RenderedFile, ReportFormat, TableFormat } from './types'

export const CONTENT_TYPES: Record<TableFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
}

export interface FileOptions {
  /** `inline` lets a browser show HTML/PDF in place (print from there); default `attachment` (download). */
  inline?: boolean
}

/**
 * Headers for every report: no caching (client data), no MIME sniffing, and a CSP that allows no scripts, so an
 * HTML report opened from the API is as inert as the file.
 */
export const reportFile = (format: TableFormat, base: string, body: string | Uint8Array, opts: FileOptions = {}): RenderedFile => {
  const filename = `${safeFilePart(base)}.${format}`
  return {
    contentType: CONTENT_TYPES[format],
    filename,
    body,
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `${opts.inline ? 'inline' : 'attachment'}; filename="${filename}"`,
      'Content-Security-Policy': REPORT_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  }
}

/** A document in one of the shared formats; `model` is what JSON gets (the data, not the layout). */
export const renderDocAs = (format: ReportFormat, doc: Doc, model: unknown, generatedAt: number): string | Uint8Array => {
  switch (format) {
    case 'md':
      return renderMarkdown(doc)
    case 'html':
      return renderHtml(doc)
    case 'pdf':
      return renderPdf(doc, generatedAt)
    case 'json':
      return renderJson(model)
  }
}

export const renderIncidentReport = (input: IncidentReportInput, format: ReportFormat, opts: FileOptions = {}): RenderedFile => {
  const model = buildIncidentReport(input)
  return reportFile(format, `${model.summary.id}-report`, renderDocAs(format, incidentReportDoc(model), model, model.generatedAt), opts)
}

export const renderClientPeriodReport = (input: ClientPeriodInput, format: TableFormat, opts: FileOptions = {}): RenderedFile => {
  const model = buildClientPeriodReport(input)
  const base = `${model.client.id}-${model.period.kind === 'custom' ? `${formatDate(model.period.from)}_${formatDate(model.period.to - 1)}` : model.period.label}-report`
  const body = format === 'csv' ? clientPeriodCsv(model) : renderDocAs(format, clientPeriodDoc(model), model, model.generatedAt)
  return reportFile(format, base, body, opts)
}

export const renderIncidentExport = (
  incidents: readonly IncidentRow[],
  format: 'csv' | 'json',
  opts: FileOptions & { now: number; filter?: Record<string, unknown>; bom?: boolean },
): RenderedFile => {
  const base = `incidents-${isoTime(opts.now).replace(/[-:]/g, '')}`
  const body = format === 'csv' ? incidentListCsv(incidents, opts.now, { bom: opts.bom }) : incidentListJson(incidents, opts.now, opts.filter)
  return reportFile(format, base, body, opts)
}

export const renderInventory = (input: InventoryInput, format: TableFormat, opts: FileOptions = {}): RenderedFile => {
  const model = buildInventory(input)
  const body = format === 'csv' ? inventoryCsv(model) : renderDocAs(format, inventoryDoc(model), model, model.generatedAt)
  return reportFile(format, `resource-inventory-${formatDate(model.from)}`, body, opts)
}
