import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { transport } from '../../api/instance'
import { useCommand } from '../../keyboard/commands'
import { nocStore, useNoc } from '../../store/store'
import type { DialogState } from '../../store/ui-slice'
import { ackWithTimeout, addNote, announceActed, resolve } from './actions'
import { downloadReport, REPORT_FORMATS } from './report'

const SILENCE_DURATIONS = [
  { min: 15, label: '15 minutes' },
  { min: 60, label: '1 hour' },
  { min: 240, label: '4 hours' },
  { min: 480, label: '8 hours' },
  { min: 1440, label: '24 hours' },
] as const

const ACK_TIMEOUTS = [
  { min: 0, label: 'No timeout' },
  { min: 30, label: '30 minutes' },
  { min: 60, label: '1 hour' },
  { min: 240, label: '4 hours' },
] as const

const who = (ids: string[]) => (ids.length === 1 ? ids[0] : `${ids.length} incidents`)

/**
 * The one dialog for actions that need words or a choice: resolve (cause, solution), note, silence (duration),
 * ack with a timeout, report format. Keyboard first: the first field has focus, Ctrl/⌘+Enter (or Enter in a
 * one-line field) submits, Esc cancels, Tab stays inside. Focus returns where it was.
 */
export const ActionDialog = () => {
  const dialog = useNoc((s) => s.dialog)
  if (!dialog) return null
  return <DialogBody key={`${dialog.kind}:${dialog.ids.join(',')}`} dialog={dialog} />
}

const DialogBody = ({ dialog }: { dialog: DialogState }) => {
  const close = () => nocStore.getState().openDialog(null)
  const boxRef = useRef<HTMLFormElement>(null)
  const returnTo = useRef<Element | null>(document.activeElement)
  const [busy, setBusy] = useState(false)
  const [cause, setCause] = useState('')
  const [solution, setSolution] = useState('')
  const [tags, setTags] = useState('')
  const [text, setText] = useState('')
  const [duration, setDuration] = useState<number>(60)
  const [timeout, setTimeoutMin] = useState<number>(0)

  useCommand('escape', close)
  useEffect(() => {
    boxRef.current?.querySelector<HTMLElement>('textarea, input, select, button.format')?.focus()
    const back = returnTo.current
    return () => {
      if (back instanceof HTMLElement) back.focus()
    }
  }, [])

  const submit = async (e?: FormEvent) => {
    e?.preventDefault()
    if (busy) return
    setBusy(true)
    const ids = dialog.ids
    let ok = false
    if (dialog.kind === 'resolve') {
      const tagList = tags.split(/[,\s]+/).map((t) => t.trim()).filter(Boolean)
      ok = await resolve(ids, { ...(cause.trim() ? { cause: cause.trim() } : {}), ...(solution.trim() ? { solution: solution.trim() } : {}), ...(tagList.length ? { tags: tagList } : {}) })
    } else if (dialog.kind === 'note') {
      if (!text.trim()) {
        setBusy(false)
        return
      }
      ok = await addNote(ids, text.trim())
    } else if (dialog.kind === 'ack') {
      ok = await ackWithTimeout(ids, timeout || undefined, text.trim() || undefined)
    } else if (dialog.kind === 'silence') {
      ok = await silence(ids, duration, text.trim())
    }
    setBusy(false)
    if (ok) close()
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      close()
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void submit()
    } else if (e.key === 'Tab') {
      // Keep Tab inside the dialog.
      const f = [...(boxRef.current?.querySelectorAll<HTMLElement>('textarea, input, select, button') ?? [])]
      const i = f.indexOf(document.activeElement as HTMLElement)
      if (e.shiftKey && i <= 0) {
        e.preventDefault()
        f[f.length - 1]?.focus()
      } else if (!e.shiftKey && i === f.length - 1) {
        e.preventDefault()
        f[0]?.focus()
      }
    } else if (dialog.kind === 'export' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const fmt = REPORT_FORMATS.find((f) => f.key === e.key)
      if (fmt) {
        e.preventDefault()
        close()
        void downloadReport(dialog.ids[0], fmt.format)
      }
    }
  }

  let title: string
  let body: ReactNode
  let submitLabel: string | null = 'Save'
  switch (dialog.kind) {
    case 'resolve':
      title = `Resolve ${who(dialog.ids)}`
      submitLabel = 'Resolve'
      body = (
        <>
          <label className="field">
            <span>Cause — what broke</span>
            <textarea rows={3} value={cause} onChange={(e) => setCause(e.target.value)} data-field="cause" />
          </label>
          <label className="field">
            <span>Solution — what fixed it</span>
            <textarea rows={3} value={solution} onChange={(e) => setSolution(e.target.value)} data-field="solution" />
          </label>
          <label className="field">
            <span>Tags (optional, comma separated)</span>
            <input type="text" value={tags} onChange={(e) => setTags(e.target.value)} data-field="tags" />
          </label>
          <p className="dim small">Cause and solution are shown on similar incidents later. Both are optional.</p>
        </>
      )
      break
    case 'note':
      title = `Note on ${who(dialog.ids)}`
      submitLabel = 'Add note'
      body = (
        <label className="field">
          <span>Note</span>
          <textarea rows={5} value={text} onChange={(e) => setText(e.target.value)} data-field="note" />
        </label>
      )
      break
    case 'ack':
      title = `Acknowledge ${who(dialog.ids)}`
      submitLabel = 'Acknowledge'
      body = (
        <>
          <label className="field">
            <span>Comes back for attention after</span>
            <select value={timeout} onChange={(e) => setTimeoutMin(Number(e.target.value))} data-field="timeout">
              {ACK_TIMEOUTS.map((t) => (
                <option key={t.min} value={t.min}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Note (optional)</span>
            <input type="text" value={text} onChange={(e) => setText(e.target.value)} data-field="note" />
          </label>
        </>
      )
      break
    case 'silence':
      title = `Silence the alerts of ${who(dialog.ids)}`
      submitLabel = 'Silence'
      body = (
        <>
          <label className="field">
            <span>For</span>
            <select value={duration} onChange={(e) => setDuration(Number(e.target.value))} data-field="duration">
              {SILENCE_DURATIONS.map((d) => (
                <option key={d.min} value={d.min}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Why (shown to everyone)</span>
            <input type="text" value={text} onChange={(e) => setText(e.target.value)} data-field="comment" />
          </label>
          <p className="dim small">Matches the incident's client, rule and resource (or service). New alerts that match stay out of incidents and notifications until it ends.</p>
        </>
      )
      break
    case 'export':
      title = `Report for ${dialog.ids[0]}`
      submitLabel = null
      body = (
        <div className="formats">
          {REPORT_FORMATS.map((f) => (
            <button
              key={f.format}
              type="button"
              className="action-button format"
              onClick={() => {
                close()
                void downloadReport(dialog.ids[0], f.format)
              }}
            >
              {f.label} <kbd>{f.key}</kbd>
            </button>
          ))}
          {dialog.ids.length > 1 && <p className="dim small">Reports are per incident: this exports the first marked one.</p>}
        </div>
      )
      break
  }

  return (
    <div className="overlay-backdrop" onClick={close}>
      <form
        ref={boxRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="dialog-title"
        data-dialog={dialog.kind}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
        onSubmit={(e) => void submit(e)}
      >
        <h2 id="dialog-title">{title}</h2>
        {body}
        <div className="dialog-buttons">
          {submitLabel && (
            <button type="submit" className="action-button primary" disabled={busy}>
              {submitLabel} <kbd>Ctrl Enter</kbd>
            </button>
          )}
          <button type="button" className="action-button" onClick={close}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </div>
  )
}

const silence = async (ids: string[], durationMin: number, comment: string): Promise<boolean> => {
  const s = nocStore.getState()
  const results = await Promise.allSettled(ids.map((id) => transport().call('silences.create', { by: s.settings.operator, incidentId: id, durationMin, comment })))
  const failed = results.flatMap((r, n) => (r.status === 'rejected' ? [`${ids[n]}: ${(r.reason as Error).message}`] : []))
  const done = results.length - failed.length
  if (done) announceActed(ids.filter((_, n) => results[n].status === 'fulfilled'))
  if (done) s.notify(`Silenced ${done === 1 ? ids[0] : `${done} incidents`} for ${SILENCE_DURATIONS.find((d) => d.min === durationMin)?.label ?? `${durationMin} min`}`)
  if (failed.length) s.notify(`Could not silence ${failed.join('; ')}`, 'error')
  return failed.length === 0
}
