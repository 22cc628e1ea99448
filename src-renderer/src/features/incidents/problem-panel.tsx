import './problem-panel.css'
import { useState } from 'react'
import type { Problem, ProblemStatus } from '@shared/model/problem'
import { transport } from '../../api/instance'
import { fullTime } from '../../lib/time'
import { nocStore, useNoc } from '../../store/store'
import { announceActed } from './actions'

const STATUS: Record<ProblemStatus, { label: string; note: string }> = {
  confirmed: { label: 'Confirmed', note: 'counts for the blast radius of every incident in it' },
  suspected: { label: 'Suspected', note: 'a coincidence as likely as not — no priority points unless confirmed' },
  dismissed: { label: 'Dismissed', note: 'an operator said these are not one problem' },
}

const EVIDENCE_LABEL: Record<Problem['evidence'][number]['kind'], string> = {
  upstream: 'Shared upstream',
  topology: 'Topology',
  'same-rule': 'Same rule',
  operator: 'Operator',
}

type Verb = 'confirm' | 'dismiss' | 'split'

/**
 * The cross-client problem an incident belongs to: whether it is evidence (`confirmed`) or a coincidence
 * (`suspected`), why, which incidents it links, and the operator's say on it — confirm, dismiss, or split some
 * incidents out (tick them, then "Split out"). Native buttons and checkboxes: every control is on the Tab order.
 * The live copy from the feed wins over the detail's (a decision on another console shows at once).
 */
export const ProblemPanel = ({ problem: loaded }: { problem: Problem }) => {
  const live = useNoc((s) => s.problemsById[loaded.id])
  const incidentsById = useNoc((s) => s.incidentsById)
  const p = live && live.seq >= loaded.seq ? live : loaded
  const [picked, setPicked] = useState<string[]>([])
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const status = STATUS[p.status]

  const run = async (verb: Verb) => {
    const s = nocStore.getState()
    const by = s.settings.operator
    const input = { id: p.id, by, ...(note.trim() ? { note: note.trim() } : {}) }
    setBusy(true)
    try {
      if (verb === 'split') await transport().call('problems.split', { ...input, incidentIds: picked })
      else await transport().call(verb === 'confirm' ? 'problems.confirm' : 'problems.dismiss', input)
      s.notify(verb === 'split' ? `Split ${picked.length} incident${picked.length === 1 ? '' : 's'} out of ${p.id}` : `${p.id} ${verb === 'confirm' ? 'confirmed' : 'dismissed'}`)
      setPicked([])
      setNote('')
      announceActed(p.incidentIds)
    } catch (e) {
      s.notify(`Could not ${verb} ${p.id}: ${(e as Error).message}`, 'error')
    } finally {
      setBusy(false)
    }
  }
  const toggle = (id: string) => setPicked((xs) => (xs.includes(id) ? xs.filter((x) => x !== id) : [...xs, id]))
  const open = p.resolvedAt === null

  return (
    <section className={`panel problem-panel problem-${p.status}`} aria-labelledby="problem-h" data-problem-status={p.status}>
      <h3 id="problem-h">
        Shared problem {p.id} <span className={`problem-status st-${p.status}`}>{status.label}</span>
      </h3>
      <p>{p.reason}</p>
      <p className="dim small">{status.note}</p>
      <h4>Evidence</h4>
      <ul className="problem-evidence">
        {p.evidence.map((e, n) => (
          <li key={n} data-evidence={e.kind}>
            <b>{EVIDENCE_LABEL[e.kind]}</b> {e.text} <span className="dim small">· {fullTime(e.at).slice(11)}</span>
          </li>
        ))}
      </ul>
      <h4>
        Incidents ({p.incidentIds.length}) · clients: {p.clients.join(', ')}
      </h4>
      <ul className="problem-incidents">
        {p.incidentIds.map((id) => (
          <li key={id}>
            <label>
              <input type="checkbox" checked={picked.includes(id)} disabled={!open || busy} onChange={() => toggle(id)} /> {id}{' '}
              <span className="dim small">{incidentsById[id]?.client ?? ''}</span>
            </label>
          </li>
        ))}
      </ul>
      {open && (
        <div className="problem-actions">
          <input type="text" className="problem-note" aria-label={`Note for ${p.id}`} placeholder="note (optional)" value={note} onChange={(e) => setNote(e.target.value)} />
          {p.status !== 'confirmed' && (
            <button type="button" className="action-button" disabled={busy} onClick={() => void run('confirm')}>
              Confirm
            </button>
          )}
          {p.status !== 'dismissed' && (
            <button type="button" className="action-button" disabled={busy} onClick={() => void run('dismiss')}>
              Dismiss
            </button>
          )}
          <button
            type="button"
            className="action-button"
            disabled={busy || picked.length === 0 || picked.length === p.incidentIds.length}
            title="Move the ticked incidents out of this problem"
            onClick={() => void run('split')}
          >
            Split out ({picked.length})
          </button>
        </div>
      )}
    </section>
  )
}
