import { useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useCommand } from '../keyboard/commands'
import { useNoc } from '../store/store'

/**
 * What every filter bar shares: the free-text box that `/` focuses, and the client options sorted by name.
 */
export const useFilterBar = () => {
  const clientIds = useNoc(useShallow((s) => Object.keys(s.clientsById)))
  const clientsById = useNoc((s) => s.clientsById)
  const textRef = useRef<HTMLInputElement>(null)

  useCommand('filter.focus', () => {
    textRef.current?.focus()
    textRef.current?.select()
  })

  const clients = useMemo(
    () => clientIds.map((id) => ({ id, name: clientsById[id]?.name ?? id })).sort((a, b) => a.name.localeCompare(b.name)),
    // Names change rarely; re-sorting on every delta would be wasted work.
    [clientIds], // eslint-disable-line react-hooks/exhaustive-deps
  )
  return { textRef, clients }
}
