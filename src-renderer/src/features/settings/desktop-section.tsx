/**
 * "This computer" — only in the Electron app (window.noc.desktop): start at login, and which monitor wall mode
 * uses. Answers come from the main process and are validated here like every other reply.
 */
import { useEffect, useState } from 'react'
import { DesktopSettings, type DesktopSettingsPatch } from '@shared/api/desktop'

const bridge = () => globalThis.window?.noc?.desktop

export const DesktopSection = () => {
  const [settings, setSettings] = useState<DesktopSettings | null>(null)
  const [error, setError] = useState<string | null>(null)
  const run = (p: Promise<unknown>) =>
    p.then(
      (raw) => {
        const parsed = DesktopSettings.safeParse(raw)
        if (parsed.success) {
          setSettings(parsed.data)
          setError(null)
        } else setError('the desktop app answered something unexpected')
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    )
  useEffect(() => {
    const b = bridge()
    if (b) void run(b.getSettings())
  }, [])
  const b = bridge()
  if (!b) return null
  const update = (patch: DesktopSettingsPatch) => void run(b.setSettings(patch))

  return (
    <section className="panel settings-section" aria-labelledby="desktop-h" data-section="desktop">
      <h2 id="desktop-h">This computer</h2>
      {settings && (
        <div className="settings-grid">
          <fieldset className="field">
            <legend>Start</legend>
            <label className="check">
              <input
                type="checkbox"
                checked={settings.openAtLogin}
                disabled={!settings.loginItemSupported}
                onChange={(e) => update({ openAtLogin: e.target.checked })}
                data-setting="open-at-login"
              />{' '}
              Start the console when I log in
            </label>
            {!settings.loginItemSupported && <p className="dim small">Not available for this build on this system (install the app).</p>}
          </fieldset>
          <label className="field">
            <span>Wall mode (tray → Toggle wall mode, or --wall) uses</span>
            <select value={settings.wallDisplay ?? ''} onChange={(e) => update({ wallDisplay: e.target.value || null })} data-setting="wall-display">
              <option value="">the primary display</option>
              {settings.displays.map((d, i) => (
                <option key={d.id} value={String(i + 1)}>
                  {d.name}
                  {d.primary ? ' (primary)' : ''}
                </option>
              ))}
            </select>
          </label>
          <p className="dim small">Acks from notifications and the tray are recorded as {settings.operator} (“Your name” above).</p>
        </div>
      )}
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
