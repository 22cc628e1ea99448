import { StrictMode } from 'react'
import { z } from 'zod'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { setTransport } from './api/instance'
import { createTransport } from './api/create-transport'
import { startDesktopSync } from './api/desktop-sync'
import { startAttention } from './attention/attention'
import { createAppDecoder } from './decode/decoder'
import { connectFeed } from './store/connect-feed'
import { nocStore } from './store/store'
import { routeFromHash } from './store/ui-slice'
import './styles/theme.css'
import './styles/app.css'

// Our CSP forbids eval; tell zod up front instead of letting its JIT probe trip a CSP violation report.
z.config({ jitless: true })

// `?wall=1` (the Electron launcher's --wall, or a wall display's bookmark): wall mode on the wall screen.
const wall = new URLSearchParams(location.search).get('wall')
if (wall === '1' || wall === 'true') nocStore.getState().setWallMode(true)
const initial = routeFromHash(location.hash)
if (initial) nocStore.getState().setView(initial.view, initial.id)

// One transport for the window's lifetime: IPC inside Electron, WebSocket in a browser or on a wall display.
const transport = createTransport()
setTransport(transport)
// Bulk answers (the head, alert pages) are parsed and checked in a Web Worker, off the thread that paints.
// `data-decoder` says which one runs (e2e and bench check it is the worker).
const setDecoder = (kind: string) => document.documentElement.setAttribute('data-decoder', kind)
const decoder = createAppDecoder(() => setDecoder('inline'))
setDecoder(decoder.kind)
connectFeed(nocStore, transport, { decoder })
startAttention(nocStore, transport)
// Electron only: the main process acks from notifications and the tray as this console's operator.
startDesktopSync(nocStore)

const root = document.getElementById('root')
if (!root) throw new Error('index.html lacks #root')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
