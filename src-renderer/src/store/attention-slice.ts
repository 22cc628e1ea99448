import type { Incident } from '@shared/model/incident'
import type { SliceCreator } from './types'

/** An incident that fired and recovered while nobody looked (Nagstamon#142): kept until someone sees it. */
export interface MissedItem {
  id: string
  client: string
  title: string
  priority: Incident['priority']
  severity: Incident['severity']
  openedAt: number
  resolvedAt: number
}

const KEY = 'noc.missed.v1'
const MAX = 500

const load = (): MissedItem[] => {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '[]')
    return Array.isArray(v) ? v.filter((m) => m && typeof m.id === 'string' && typeof m.resolvedAt === 'number').slice(0, MAX) : []
  } catch {
    return []
  }
}
const save = (items: MissedItem[]) => {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(items))
  } catch {
    // storage full or blocked: the list lives for this session
  }
}

export interface AttentionSlice {
  /** Newest first. Survives a reload, so a restarted wall browser still tells the next shift. */
  missed: MissedItem[]
  /** Sound/notification permission trouble the header should mention ("press a key to enable sound"). */
  soundBlocked: boolean
  addMissed(items: MissedItem[]): void
  /** Forget the given ones (all when omitted): someone has seen them. */
  clearMissed(ids?: string[]): void
  setSoundBlocked(blocked: boolean): void
}

export const createAttentionSlice: SliceCreator<AttentionSlice> = (set) => ({
  missed: load(),
  soundBlocked: false,
  addMissed: (items) =>
    set((s) => {
      const known = new Set(s.missed.map((m) => m.id))
      const fresh = items.filter((m) => !known.has(m.id))
      if (!fresh.length) return {}
      const missed = [...fresh, ...s.missed].slice(0, MAX)
      save(missed)
      return { missed }
    }),
  clearMissed: (ids) =>
    set((s) => {
      const drop = ids ? new Set(ids) : null
      const missed = drop ? s.missed.filter((m) => !drop.has(m.id)) : []
      save(missed)
      return { missed }
    }),
  setSoundBlocked: (soundBlocked) => set({ soundBlocked }),
})
