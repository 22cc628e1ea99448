import { StrictMode } from 'react'
import { z } from 'zod'
import { createRoot } from 'react-dom/client'
import { App, viewFromHash } from './App'
import { createTransport } from './api/create-transport'
import { connectFeed } from './store/connect-feed'
import { nocStore } from './store/store'
import './styles/theme.css'
import './styles/app.css'

// Our CSP forbids eval; tell zod up front instead of letting its JIT probe trip a CSP violation report.
z.config({ jitless: true })

const initial = viewFromHash(location.hash)
if (initial) nocStore.getState().setView(initial)

// One transport for the window's lifetime: IPC inside Electron, WebSocket in a browser or on a wall display.
connectFeed(nocStore, createTransport())

const root = document.getElementById('root')
if (!root) throw new Error('index.html lacks #root')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
