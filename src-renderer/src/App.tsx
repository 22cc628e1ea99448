import { useCallback, useEffect } from 'react'
import { CommandPalette } from './components/command-palette'
import { ConnectionStrip } from './components/connection-banner'
import { Header } from './components/header'
import { HelpOverlay } from './components/help-overlay'
import { Notices } from './components/notices'
import { ActionDialog } from './features/incidents/action-dialog'
import { AlertsView } from './features/alerts/alerts-view'
import { HeatmapView } from './features/heatmap/heatmap-view'
import { IncidentDetailView } from './features/incidents/incident-detail'
import { IncidentsView } from './features/incidents/incidents-view'
import { MetricsView } from './features/metrics/metrics-view'
import { MissedView } from './features/missed/missed-view'
import { ReportsView } from './features/reports/reports-view'
import { SettingsView } from './features/settings/settings-view'
import { ClientWall } from './features/wall/client-wall'
import { WallHeader } from './features/wall/wall-header'
import { useCommand } from './keyboard/commands'
import { useKeyboard } from './keyboard/use-keyboard'
import { navigate, openClientQueue } from './lib/navigate'
import { nocStore, useNoc } from './store/store'
import { routeFromHash } from './store/ui-slice'

export const App = () => {
  const view = useNoc((s) => s.view)
  const wallMode = useNoc((s) => s.wallMode)
  const alertLoad = useNoc((s) => s.alertLoad.state)

  useEffect(() => {
    const onHash = () => {
      const r = routeFromHash(location.hash)
      if (r) nocStore.getState().setView(r.view, r.view === 'incident' ? r.id : undefined)
    }
    window.addEventListener('popstate', onHash)
    window.addEventListener('hashchange', onHash)
    return () => {
      window.removeEventListener('popstate', onHash)
      window.removeEventListener('hashchange', onHash)
    }
  }, [])

  useKeyboard()
  useCommand('view.wall', () => navigate('wall'))
  useCommand('view.incidents', () => navigate('incidents'))
  useCommand('view.heatmap', () => navigate('heatmap'))
  useCommand('view.alerts', () => navigate('alerts'))
  useCommand('view.missed', () => navigate('missed'))
  useCommand('view.settings', () => navigate('settings'))
  useCommand('view.metrics', () => navigate('metrics'))
  useCommand('view.reports', () => navigate('reports'))
  useCommand('feed.togglePause', () => nocStore.getState().togglePaused())
  useCommand('sound.toggleMute', () => {
    const s = nocStore.getState()
    s.updateSettings({ muted: !s.settings.muted })
    s.notify(s.settings.muted ? 'Sound off (m turns it back on)' : 'Sound on')
  })
  useCommand('help.toggle', () => {
    const s = nocStore.getState()
    s.setPaletteOpen(false)
    s.setHelpOpen(!s.helpOpen)
  })
  useCommand('palette.toggle', () => {
    const s = nocStore.getState()
    s.setHelpOpen(false)
    s.setPaletteOpen(!s.paletteOpen)
  })

  const onOpenClient = useCallback((clientId: string) => openClientQueue(clientId), [])
  const bareWall = wallMode && view === 'wall'

  return (
    <div className={`app${bareWall ? ' wall-mode' : ''}`}>
      {bareWall ? <WallHeader /> : <Header />}
      <ConnectionStrip />
      <main className="main" data-alert-load={alertLoad}>
        {view === 'wall' && <ClientWall onOpenClient={onOpenClient} wallMode={wallMode} />}
        {view === 'incidents' && <IncidentsView />}
        {view === 'incident' && <IncidentDetailView />}
        {view === 'heatmap' && <HeatmapView />}
        {view === 'alerts' && <AlertsView />}
        {view === 'settings' && <SettingsView />}
        {view === 'missed' && <MissedView />}
        {view === 'metrics' && <MetricsView />}
        {view === 'reports' && <ReportsView />}
      </main>
      <Notices />
      <ActionDialog />
      <CommandPalette />
      <HelpOverlay />
    </div>
  )
}
