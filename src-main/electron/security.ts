/**
 * The Electron security checklist in one place (https://www.electronjs.org/docs/latest/tutorial/security).
 * Every policy is a small exported function so the unit tests can assert it without an Electron binary;
 * `installSecurity` wires them to the session and to every webContents the app ever creates.
 */
import { app, session as electronSession, shell } from 'electron'
import type { Event, HandlerDetails, OnHeadersReceivedListenerDetails, HeadersReceivedResponse, Session, WebContents, WebPreferences, WindowOpenHandlerResponse } from 'electron'

type Log = (msg: string) => void

/** The exact preferences of every window we open. Nothing here is optional for a console that renders alert text from strangers. */
export const secureWebPreferences = (preload: string): WebPreferences => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
  // A wall display is often occluded or on another workspace; it must keep applying deltas anyway.
  backgroundThrottling: false,
})

/**
 * `scheme://host[:port]` of a URL, or null when it has none (file:, about:, data:, javascript:, garbage).
 * Hand-rolled because Node's `URL.origin` is "null" for non-special schemes like our `app://noc`.
 */
export const originOf = (raw: string): string | null => {
  try {
    const u = new URL(raw)
    return u.host ? `${u.protocol}//${u.host}` : null
  } catch {
    return null
  }
}

/** Same scheme, host and port as the trusted origin. Opaque origins (file://) never match anything. */
export const isSameOrigin = (url: string, trustedOrigin: string): boolean => {
  const o = originOf(url)
  return o !== null && o === originOf(trustedOrigin)
}

/** The production policy; `devOrigin` relaxes it just enough for the Vite dev server (HMR socket, React refresh preamble). */
export const buildCsp = (opts: { devOrigin?: string } = {}): string => {
  const dev = opts.devOrigin
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    // Dev injects CSS as <style> tags; the production build links files.
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    // Vite inlines small assets (icons, fonts) as data: URIs; they cannot execute.
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'data:'],
    'connect-src': dev ? ["'self'", dev.replace(/^http/, 'ws')] : ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  }
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ')
}

/** `onHeadersReceived` listener adding our CSP to every response (a second policy can only tighten, never loosen). */
export const cspHeaderListener =
  (csp: string) =>
  (details: OnHeadersReceivedListenerDetails, callback: (r: HeadersReceivedResponse) => void): void => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
  }

const MAX_EXTERNAL_URL = 8192

/** Only plain web links leave the app: http(s), a real host, no embedded credentials (`https://bank@evil`). */
export const isSafeExternalUrl = (raw: string): boolean => {
  if (typeof raw !== 'string' || raw.length > MAX_EXTERNAL_URL) return false
  try {
    const u = new URL(raw)
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && u.username === '' && u.password === ''
  } catch {
    return false
  }
}

export type OpenExternal = (url: string) => Promise<void>

/** Hand a link to the OS browser after the check; a refused or failed open is logged, never thrown. */
export const openExternalSafely = (url: string, openExternal: OpenExternal, log: Log): boolean => {
  if (!isSafeExternalUrl(url)) {
    log(`refused to open external URL ${JSON.stringify(url.slice(0, 200))}`)
    return false
  }
  openExternal(new URL(url).href).catch((e: unknown) => log(`opening ${url} failed: ${String(e)}`))
  return true
}

/** `setWindowOpenHandler`: the console never opens Electron windows; runbook/source links go to the OS browser. */
export const windowOpenHandler =
  (openExternal: OpenExternal, log: Log) =>
  (details: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse => {
    openExternalSafely(details.url, openExternal, log)
    return { action: 'deny' }
  }

/** `will-navigate` / `will-redirect`: stay on our origin; a clicked web link opens in the browser instead. */
export const navigationGuard =
  (trustedOrigin: string, openExternal: OpenExternal, log: Log) =>
  (event: Pick<Event, 'preventDefault'> & { url?: string }, legacyUrl?: string): void => {
    const url = event.url ?? legacyUrl ?? ''
    if (isSameOrigin(url, trustedOrigin)) return
    event.preventDefault()
    openExternalSafely(url, openExternal, log)
  }

type PermissionRequestDetails = { requestingUrl?: string }

/** Permission requests: desktop notifications from our own page, nothing else (camera, geolocation, clipboard, …). */
export const permissionRequestHandler =
  (trustedOrigin: string) =>
  (webContents: Pick<WebContents, 'getURL'>, permission: string, callback: (granted: boolean) => void, details?: PermissionRequestDetails): void => {
    const url = details?.requestingUrl ?? webContents.getURL()
    callback(permission === 'notifications' && isSameOrigin(url, trustedOrigin))
  }

/** Synchronous permission checks (e.g. `Notification.permission`) answer the same way. */
export const permissionCheckHandler =
  (trustedOrigin: string) =>
  (_webContents: unknown, permission: string, requestingOrigin: string): boolean =>
    permission === 'notifications' && isSameOrigin(requestingOrigin, trustedOrigin)

/** Applied to every webContents at creation, so no window, devtools page or guest escapes the rules. */
export const hardenWebContents = (contents: WebContents, trustedOrigin: string, openExternal: OpenExternal, log: Log): void => {
  contents.setWindowOpenHandler(windowOpenHandler(openExternal, log))
  const guard = navigationGuard(trustedOrigin, openExternal, log)
  contents.on('will-navigate', guard)
  contents.on('will-redirect', guard)
  // webviewTag is off; this is the belt to those braces.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    log('refused to attach a <webview>')
  })
}

export interface SecurityOptions {
  trustedOrigin: string
  csp: string
  session?: Session
  openExternal?: OpenExternal
  log?: Log
}

/** Call once, after `app.whenReady()` and before the first window. */
export const installSecurity = (opts: SecurityOptions): void => {
  const ses = opts.session ?? electronSession.defaultSession
  const openExternal = opts.openExternal ?? ((url: string) => shell.openExternal(url))
  const log = opts.log ?? ((m: string) => console.warn(`[security] ${m}`))
  ses.webRequest.onHeadersReceived(cspHeaderListener(opts.csp))
  ses.setPermissionRequestHandler(permissionRequestHandler(opts.trustedOrigin))
  ses.setPermissionCheckHandler(permissionCheckHandler(opts.trustedOrigin))
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, opts.trustedOrigin, openExternal, log))
}
