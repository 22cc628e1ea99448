import { useEffect, useRef } from 'react'
import { useNoc } from '../store/store'
import { KEYMAP, keyLabel, type Binding, type BindingGroup } from '../keyboard/keymap'
import { useCommand } from '../keyboard/commands'

/** The `?` overlay: generated from KEYMAP, so it cannot disagree with what the keys do. */
export const HelpOverlay = () => {
  const open = useNoc((s) => s.helpOpen)
  const setHelpOpen = useNoc((s) => s.setHelpOpen)
  const closeRef = useRef<HTMLButtonElement>(null)
  const returnTo = useRef<Element | null>(null)

  useCommand('escape', () => setHelpOpen(false), open)

  useEffect(() => {
    if (open) {
      returnTo.current = document.activeElement
      closeRef.current?.focus()
    } else if (returnTo.current instanceof HTMLElement) {
      returnTo.current.focus()
      returnTo.current = null
    }
  }, [open])

  if (!open) return null
  // Group by section, and within it by command: "j or ↓ — Next alert" is one line.
  const groups = new Map<BindingGroup, Map<string, Binding[]>>()
  for (const b of KEYMAP) {
    const byCommand = groups.get(b.group) ?? new Map<string, Binding[]>()
    byCommand.set(b.command, [...(byCommand.get(b.command) ?? []), b])
    groups.set(b.group, byCommand)
  }

  return (
    <div className="overlay-backdrop" onClick={() => setHelpOpen(false)}>
      <div
        className="help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          // The only control is Close: keep Tab inside the dialog.
          if (e.key === 'Tab') {
            e.preventDefault()
            closeRef.current?.focus()
          }
        }}
      >
        <div className="help-head">
          <h2 id="help-title">Keyboard</h2>
          <button ref={closeRef} type="button" className="header-button" onClick={() => setHelpOpen(false)}>
            Close <kbd className="hint">Esc</kbd>
          </button>
        </div>
        <p className="help-intro">Every action has a key; keys act on the screen you are on. Ctrl/⌘ K finds any command by name.</p>
        <div className="help-groups">
        {[...groups].map(([group, byCommand]) => (
          <section key={group} className="help-group">
            <h3>{group}</h3>
            <dl>
              {[...byCommand].map(([command, bindings]) => (
                <div key={command} className="help-row" data-command={command}>
                  <dt>
                    {bindings.map((b, j) => (
                      <span key={b.keys.join(' ')}>
                        {j > 0 && <span className="then"> or </span>}
                        {b.keys.map((k, i) => (
                          <span key={i}>
                            {i > 0 && <span className="then"> then </span>}
                            <kbd>{keyLabel(k)}</kbd>
                          </span>
                        ))}
                      </span>
                    ))}
                  </dt>
                  <dd>{bindings[0].description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        </div>
      </div>
    </div>
  )
}
