/**
 * The attention layer at run time: desktop notifications and the alarm sound for what the hub says deserves
 * them (the delta's `notifications`: new P1/P2 incidents, escalations — after silences, maintenance and the
 * configured rules), the sound repeating while such an incident stays unacknowledged, and the "missed while
 * away" list. Presence = the page is visible, someone touched a key or the mouse within `awayMin`, and the
 * feed is not paused.
 */
import type { DesktopNotice } from '@shared/model/ops'
import { severityRank, type Severity } from '@shared/model/severity'
import type { Incident } from '@shared/model/incident'
import type { Transport } from '../api/transport'
import { act } from '../features/incidents/actions'
import { openIncident } from '../lib/navigate'
import type { NocStore } from '../store/store'
import { createAwayTracker } from './away'
import { attentionFor, isUrgent } from './diff'
import { registerNotificationWorker, showNotification } from './notify'
import { playSeverity, unlockAudio } from './sound'

/** The newest version of an incident the console knows, shown or waiting behind a pause. */
const latest = (s: ReturnType<NocStore['getState']>, id: string): Incident | undefined => {
  const shown = s.incidentsById[id]
  const waiting = s.pending?.incidents[id]
  return waiting && (!shown || waiting.seq >= shown.seq) ? waiting : shown
}

export const startAttention = (store: NocStore, transport: Transport): (() => void) => {
  /** Incidents whose alarm repeats until someone acknowledges them, with the severity that sounds. */
  const ringing = new Map<string, Severity>()
  let lastPlayed = 0
  let seeded = false
  const seen = new Map<string, Incident>()

  const ring = (id: string, severity: Severity) => {
    const prev = ringing.get(id)
    if (!prev || severityRank(severity) < severityRank(prev)) ringing.set(id, severity)
  }

  // ---- presence ----
  const away = createAwayTracker({ awayMs: () => store.getState().settings.awayMin * 60_000, lastInput: Date.now() })
  const onInput = () => {
    away.input(Date.now())
    if (store.getState().soundBlocked) void unlockAudio().then((ok) => ok && store.getState().setSoundBlocked(false))
  }
  const onVisibility = () => away.hidden(document.hidden, Date.now())
  window.addEventListener('keydown', onInput, true)
  window.addEventListener('pointerdown', onInput, true)
  document.addEventListener('visibilitychange', onVisibility)
  if (document.hidden) away.hidden(true, Date.now())
  // Registered before the missed-list watcher below, so a resume is on record before anything it applies is judged.
  let wasPaused = store.getState().paused
  let wasWall = store.getState().wallMode
  if (wasPaused) away.paused(true, Date.now())
  if (wasWall) away.wall(true, Date.now())
  const offModes = store.subscribe((s) => {
    if (s.paused !== wasPaused) away.paused((wasPaused = s.paused), Date.now())
    if (s.wallMode !== wasWall) away.wall((wasWall = s.wallMode), Date.now())
  })
  const wasAway = (from: number, to: number) => {
    const s = store.getState()
    // A wall display is watched by nobody in particular: everything it shows counts as unseen.
    if (s.wallMode || s.paused) return true
    return away.wasAway(from, to, Date.now())
  }

  // ---- missed while away, and the ringing list's end ----
  // incidentsById is updated in place (store/feed.ts): its version and the buffer's frame count say when.
  let prevVersion = -1
  let prevFrames = -1
  const unsubscribe = store.subscribe((s) => {
    if (!s.synced && !seeded) return
    const pending = s.pending?.incidents ?? null
    const frames = s.pending?.frames ?? 0
    if (s.incidentsVersion === prevVersion && frames === prevFrames) return
    const now = Date.now()
    if (!seeded) {
      seeded = true
      for (const i of Object.values(s.incidentsById)) {
        seen.set(i.id, i)
        // A console that starts during an unacknowledged P1/P2 sounds for it: that is exactly when to.
        if (i.status === 'open' && isUrgent(i)) ring(i.id, i.severity)
      }
    } else {
      const changed: Incident[] = []
      if (s.incidentsVersion !== prevVersion) for (const i of s.changedIncidents) if (seen.get(i.id) !== i) changed.push(i)
      if (pending) for (const i of Object.values(pending)) changed.push(i)
      const missed = []
      for (const i of changed) {
        const prev = seen.get(i.id)
        if (prev && prev.seq >= i.seq) continue
        seen.set(i.id, i)
        for (const e of attentionFor(prev, i, { now, wasAway })) if (e.kind === 'missed') missed.push(e.incident)
      }
      if (missed.length)
        s.addMissed(missed.map((i) => ({ id: i.id, client: i.client, title: i.title, priority: i.priority, severity: i.severity, openedAt: i.openedAt, resolvedAt: i.resolvedAt ?? i.closedAt ?? now })))
    }
    prevVersion = s.incidentsVersion
    prevFrames = frames
  })

  // ---- notices from the hub ----
  const sound = async (severity: Severity) => {
    const s = store.getState()
    if (s.settings.muted || !s.settings.soundSeverities.includes(severity)) return
    lastPlayed = Date.now()
    const ok = await playSeverity(severity)
    if (ok !== !s.soundBlocked) s.setSoundBlocked(!ok)
  }
  const onNotice = (n: DesktopNotice) => {
    const s = store.getState()
    if (s.settings.notifications && transport.kind === 'ws') {
      void showNotification(
        { title: n.title, body: n.body, severity: n.severity, incidentId: n.incidentId, tag: n.incidentId ? `${n.incidentId}:${n.event}` : `delivery:${n.deliveryId}` },
        openIncident,
      )
    }
    if (n.incidentId && (n.event === 'trigger' || n.event === 'escalate')) ring(n.incidentId, n.severity)
    void sound(n.severity)
  }
  const offDelta = transport.onDelta((d) => {
    for (const n of d.notifications ?? []) onNotice(n)
  })

  // ---- the repeat ----
  const timer = setInterval(() => {
    const s = store.getState()
    for (const id of [...ringing.keys()]) {
      const i = latest(s, id)
      if (!i || i.status !== 'open') ringing.delete(id)
    }
    if (!ringing.size || s.settings.muted) return
    if (Date.now() - lastPlayed < s.settings.repeatSec * 1000) return
    const worst = [...ringing.values()].sort((a, b) => severityRank(a) - severityRank(b))[0]
    void sound(worst)
  }, 1000)

  void registerNotificationWorker((m) => {
    if (!m.incidentId) return
    if (m.type === 'noc-ack') void act('ack', [m.incidentId])
    else openIncident(m.incidentId)
  })

  return () => {
    unsubscribe()
    offModes()
    offDelta()
    clearInterval(timer)
    window.removeEventListener('keydown', onInput, true)
    window.removeEventListener('pointerdown', onInput, true)
    document.removeEventListener('visibilitychange', onVisibility)
  }
}
