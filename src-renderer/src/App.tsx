import { useCallback, useEffect } from 'react'
import { ConnectionStrip } from './components/connection-banner'
import { Header } from './components/header'
import { HelpOverlay } from './components/help-overlay'
import { AlertsView } from './features/alerts/alerts-view'
import { ClientWall } from './features/wall/client-wall'
import { useCommand } from './keyboard/commands'
import { useKeyboard } from './keyboard/use-keyboard'
import { nocStore, useNoc } from './store/store'
import { VIEWS, type View } from './store/ui-slice'

/** `#/wall` and `#/alerts` are bookmarkable, so a wall display's browser can start on the right screen. */
export const viewFromHash = (hash: string): View | undefined => VIEWS.find((v) => hash === `#/${v}`)

export const App = () => {
  const view = useNoc((s) => s.view)

  const navigate = useCallback((next: View) => {
    const s = nocStore.getState()
    s.setView(next)
    s.setHelpOpen(false)
    if (location.hash !== `#/${next}`) history.pushState(null, '', `#/${next}`)
  }, [])

  useEffect(() => {
    const onHash = () => {
      const v = viewFromHash(location.hash)
      if (v) nocStore.getState().setView(v)
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
  useCommand('view.alerts', () => navigate('alerts'))
  useCommand('feed.togglePause', () => nocStore.getState().togglePaused())
  useCommand('help.toggle', () => {
    const s = nocStore.getState()
    s.setHelpOpen(!s.helpOpen)
  })

  const openClient = useCallback(
    (clientId: string) => {
      nocStore.getState().setFilters({ client: clientId, status: 'firing' })
      navigate('alerts')
    },
    [navigate],
  )

  return (
    <div className="app">
      <Header onNavigate={navigate} />
      <ConnectionStrip />
      <main className="main">{view === 'wall' ? <ClientWall onOpenClient={openClient} /> : <AlertsView />}</main>
      <HelpOverlay />
    </div>
  )
}
