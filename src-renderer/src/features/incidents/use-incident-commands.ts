import { useCommand } from '../../keyboard/commands'
import { nocStore } from '../../store/store'
import { act } from './actions'
import { downloadReport } from './report'

/**
 * The incident commands (a, u, e, r, n, s, t, d) for a screen. `targets()` says which incidents they apply to
 * right now: the queue answers "the marked ones, else the selected one"; the detail view "this one".
 */
export const useIncidentCommands = (targets: () => string[]): void => {
  const open = (kind: 'resolve' | 'note' | 'silence' | 'export' | 'ack') => {
    const ids = targets()
    const s = nocStore.getState()
    if (!ids.length) return s.notify('Select an incident first (j / k), or mark some with x.', 'error')
    s.openDialog({ kind, ids })
  }
  useCommand('incident.ack', () => void act('ack', targets()))
  useCommand('incident.ackTimeout', () => open('ack'))
  useCommand('incident.unack', () => void act('unack', targets()))
  useCommand('incident.escalate', () => void act('escalate', targets()))
  useCommand('incident.take', () => void act('take', targets()))
  useCommand('incident.resolve', () => open('resolve'))
  useCommand('incident.note', () => open('note'))
  useCommand('incident.silence', () => open('silence'))
  useCommand('incident.export', () => {
    const ids = targets()
    // One incident: straight to the format choice; several: the dialog explains it exports the first.
    if (ids.length === 1) nocStore.getState().openDialog({ kind: 'export', ids })
    else if (ids.length > 1) void downloadReport(ids[0], 'md')
    else open('export')
  })
}
