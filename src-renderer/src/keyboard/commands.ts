import { useEffect, useRef } from 'react'
import type { CommandId } from './keymap'

/**
 * Who handles a command right now. Screens register while mounted (the alert table owns j/k), so a key only
 * does something where it means something, and the help can say which keys apply.
 */
const handlers = new Map<CommandId, Array<() => void>>()

export const runCommand = (id: CommandId): boolean => {
  const list = handlers.get(id)
  const fn = list?.[list.length - 1] // the most recently mounted handler wins (an overlay over a screen)
  if (!fn) return false
  fn()
  return true
}

export const hasCommand = (id: CommandId): boolean => (handlers.get(id)?.length ?? 0) > 0

export const registerCommand = (id: CommandId, fn: () => void): (() => void) => {
  const list = handlers.get(id) ?? []
  handlers.set(id, [...list, fn])
  return () => handlers.set(id, (handlers.get(id) ?? []).filter((f) => f !== fn))
}

/** Register `fn` for `id` while the component is mounted (and `enabled`); the latest `fn` is always called. */
export const useCommand = (id: CommandId, fn: () => void, enabled = true): void => {
  const ref = useRef(fn)
  ref.current = fn
  useEffect(() => (enabled ? registerCommand(id, () => ref.current()) : undefined), [id, enabled])
}
