import { useEffect } from 'react'
import { nocStore } from '../store/store'
import { hasCommand, runCommand } from './commands'
import { createSequencer, KEYMAP, keyName, type CommandId } from './keymap'

const isEditable = (el: EventTarget | null): boolean => {
  if (!(el instanceof HTMLElement)) return false
  if (el.isContentEditable) return true
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type)
  return false
}

/** Enter and Space on a focused control belong to that control (a tile, a heatmap cell, a button). */
const isActivatable = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement || el.getAttribute('role') === 'button' || el instanceof HTMLInputElement)

/** While a dialog, the palette or the help is open, only these reach the screen underneath. */
const MODAL_COMMANDS = new Set<CommandId>(['escape', 'help.toggle', 'palette.toggle'])

/**
 * The one global key listener. Keys typed into a field stay in the field (Esc leaves it, Ctrl/Cmd-K still
 * opens the palette); Alt combinations and Ctrl/Cmd ones we do not bind are left to the browser and the OS.
 */
export const useKeyboard = (): void => {
  useEffect(() => {
    const seq = createSequencer(KEYMAP)
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return
      const key = keyName(e)
      if (key === null) return
      const s = nocStore.getState()
      const modal = s.dialog !== null || s.paletteOpen || s.helpOpen
      if (isEditable(e.target)) {
        if (key === 'Mod+k') {
          e.preventDefault()
          runCommand('palette.toggle')
        } else if (key === 'Escape' && !modal) (e.target as HTMLElement).blur()
        return
      }
      if ((key === 'Enter' || key === ' ') && isActivatable(e.target)) return
      const hit = seq.feed(key, e.timeStamp || Date.now(), (b) => hasCommand(b.command) && (!modal || MODAL_COMMANDS.has(b.command)))
      if (hit === null) return
      e.preventDefault()
      if (hit !== 'pending') runCommand(hit.command)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
