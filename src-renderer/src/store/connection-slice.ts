import type { LinkStatus } from '../api/transport'
import type { SliceCreator } from './types'

export interface ConnectionSlice {
  link: LinkStatus
  /** The server runs its built-in simulator (from `hello` / snapshot); the header shows a DEMO badge. */
  demo: boolean
  /** Last moment the console was known live (epoch ms): "data as of …" while reconnecting. */
  lastLiveAt: number | null
  /** Why the last snapshot load failed, if it did. */
  syncError: string | null
  setLink(status: LinkStatus): void
  setDemo(demo: boolean): void
  markLive(at: number): void
  setSyncError(message: string | null): void
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set) => ({
  link: { state: 'connecting' },
  demo: false,
  lastLiveAt: null,
  syncError: null,
  setLink: (link) =>
    set((s) => ({
      link,
      demo: link.demo ?? s.demo,
      // Leaving 'open' freezes the "as of" time at the moment the link dropped.
      lastLiveAt: s.link.state === 'open' && link.state !== 'open' && s.synced ? Date.now() : s.lastLiveAt,
    })),
  setDemo: (demo) => set({ demo }),
  markLive: (at) => set({ lastLiveAt: at, syncError: null }),
  setSyncError: (syncError) => set({ syncError }),
})
