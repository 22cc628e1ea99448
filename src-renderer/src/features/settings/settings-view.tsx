import './settings.css'
import { SEVERITIES, type Severity } from '@shared/model/severity'
import { SEVERITY_LABEL } from '../../components/severity'
import { playSeverity, soundState } from '../../attention/sound'
import { notificationPermission, requestNotifications } from '../../attention/notify'
import { useNoc } from '../../store/store'
import { DesktopSection } from './desktop-section'
import { ClientsSection, MaintenanceSection, PoliciesSection, SilencesSection, SourcesSection } from './ops-sections'
import { useState } from 'react'

/** This console's own preferences (stored in this browser), then what the server is configured with. */
export const SettingsView = () => {
  return (
    <section className="settings-view" aria-label="Settings">
      <ConsoleSection />
      <DesktopSection />
      <ClientsSection />
      <PoliciesSection />
      <MaintenanceSection />
      <SilencesSection />
      <SourcesSection />
    </section>
  )
}

const ConsoleSection = () => {
  const settings = useNoc((s) => s.settings)
  const update = useNoc((s) => s.updateSettings)
  const [operator, setOperator] = useState(settings.operator)
  const [permission, setPermission] = useState(notificationPermission())
  const toggleSev = (s: Severity, on: boolean) =>
    update({ soundSeverities: on ? [...new Set([...settings.soundSeverities, s])] : settings.soundSeverities.filter((x) => x !== s) })

  return (
    <section className="panel settings-section" aria-labelledby="console-h">
      <h2 id="console-h">This console</h2>
      <div className="settings-grid">
        <label className="field">
          <span>Your name (recorded on every ack, note, escalation and resolve)</span>
          <input
            type="text"
            value={operator}
            data-setting="operator"
            onChange={(e) => setOperator(e.target.value)}
            onBlur={() => update({ operator })}
            onKeyDown={(e) => e.key === 'Enter' && update({ operator })}
          />
        </label>
        <fieldset className="field">
          <legend>Alarm sound (repeats until acknowledged)</legend>
          <label className="check">
            <input type="checkbox" checked={!settings.muted} onChange={(e) => update({ muted: !e.target.checked })} data-setting="sound" /> Sound on
            <kbd className="hint">m</kbd>
          </label>
          <div className="sev-checks">
            {SEVERITIES.filter((s) => s !== 'ok').map((s) => (
              <span key={s} className="sev-check">
                <label className="check">
                  <input type="checkbox" checked={settings.soundSeverities.includes(s)} onChange={(e) => toggleSev(s, e.target.checked)} /> {SEVERITY_LABEL[s]}
                </label>
                <button type="button" className="action-button small" onClick={() => void playSeverity(s)}>
                  Test
                </button>
              </span>
            ))}
          </div>
          <label className="check">
            Repeat every{' '}
            <input type="number" min={5} max={3600} value={settings.repeatSec} onChange={(e) => update({ repeatSec: Number(e.target.value) })} className="num" /> seconds
          </label>
          <p className="dim small">Audio: {soundState()}</p>
        </fieldset>
        <fieldset className="field">
          <legend>Desktop notifications (new P1/P2 incidents, escalations)</legend>
          <label className="check">
            <input type="checkbox" checked={settings.notifications} onChange={(e) => update({ notifications: e.target.checked })} data-setting="notifications" /> Show
            notifications
          </label>
          <p className="dim small">
            Browser permission: <b>{permission}</b>
            {permission === 'default' && (
              <button type="button" className="action-button small" onClick={() => void requestNotifications().then(setPermission)}>
                Allow notifications
              </button>
            )}
            {permission === 'unsupported' && ' — this page is not a secure context (use https or localhost), or the browser has no notifications.'}
          </p>
        </fieldset>
        <label className="field">
          <span>Wall mode: seconds per page when clients do not fit one screen (0 = no rotation)</span>
          <input type="number" min={0} max={600} value={settings.rotateSec} onChange={(e) => update({ rotateSec: Number(e.target.value) })} className="num" />
        </label>
        <label className="field">
          <span>Count me as away (for “missed while away”) after this many idle minutes</span>
          <input type="number" min={1} max={240} value={settings.awayMin} onChange={(e) => update({ awayMin: Number(e.target.value) })} className="num" />
        </label>
      </div>
    </section>
  )
}
