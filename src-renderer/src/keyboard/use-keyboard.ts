import { useEffect } from 'react'
import { hasCommand, runCommand } from './commands'
import { createSequencer, KEYMAP } from './keymap'

const isEditable = (el: EventTarget | null): boolean => {
  if (!(el instanceof HTMLElement)) return false
  if (el.isContentEditable) return true
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type)
  return false
}

/**
 * The one global key listener. Keys typed into a field stay in the field (Esc leaves it); modified keys
 * (Ctrl/Cmd/Alt) are left to the browser and the OS.
 */
export const useKeyboard = (): void => {
  useEffect(() => {
    const seq = createSequencer(KEYMAP)
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return
      if (isEditable(e.target)) {
        if (e.key === 'Escape') (e.target as HTMLElement).blur()
        return
      }
      const hit = seq.feed(e.key, e.timeStamp || Date.now(), (b) => hasCommand(b.command))
      if (hit === null) return
      e.preventDefault()
      if (hit !== 'pending') runCommand(hit.command)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
