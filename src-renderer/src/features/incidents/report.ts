/**
 * Reports and exports come through the contract (`reports.incident`, `incidents.export`), which answers a
 * `FileOutput` over any transport (WS, IPC or HTTP); the console turns it into a Blob and saves it, so the
 * same keystroke works in the browser, on a wall display and in the desktop window.
 */
import type { InputOf } from '@shared/api/contract'
import { transport } from '../../api/instance'
import { nocStore } from '../../store/store'
import { saveFile } from '../reports/download'

export const REPORT_FORMATS = [
  { format: 'md', label: 'Markdown', key: 'm' },
  { format: 'html', label: 'HTML', key: 'h' },
  { format: 'pdf', label: 'PDF', key: 'p' },
  { format: 'json', label: 'JSON', key: 'j' },
] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]['format']

/** One Blob-saving path for every report the console downloads (features/reports/download.ts). */
const save = saveFile

export const downloadReport = async (id: string, format: ReportFormat): Promise<boolean> => {
  const s = nocStore.getState()
  try {
    const f = await transport().call('reports.incident', { id, format })
    save(f)
    s.notify(`Saved ${f.filename}`)
    return true
  } catch (e) {
    s.notify(`Could not export ${id}: ${(e as Error).message}`, 'error')
    return false
  }
}

/** The queue as CSV/JSON, with the queue's own filter where the export understands it. */
export const exportQueue = async (input: InputOf<'incidents.export'>): Promise<boolean> => {
  const s = nocStore.getState()
  try {
    const f = await transport().call('incidents.export', input)
    save(f)
    s.notify(`Saved ${f.filename}`)
    return true
  } catch (e) {
    s.notify(`Could not export the queue: ${(e as Error).message}`, 'error')
    return false
  }
}
