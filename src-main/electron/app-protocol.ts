/**
 * The renderer is served from `app://noc/…` instead of `file://…`. Why (Electron security checklist, item
 * "avoid file://"):
 *  - file:// pages have an opaque origin, so "same origin" checks for navigation and IPC senders degenerate to
 *    path-prefix guessing, and a file:// page may read any other local file;
 *  - CSP delivered by `webRequest.onHeadersReceived` is documented not to apply to file:// loads; here the
 *    response carries the header itself;
 *  - only files inside the built renderer directory can be fetched (no path traversal).
 */
import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve } from 'node:path'
import { protocol } from 'electron'

export const APP_SCHEME = 'app'
export const APP_HOST = 'noc'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** Must run before `app` is ready (Chromium fixes its scheme table at startup). */
export const registerAppScheme = (): void =>
  protocol.registerSchemesAsPrivileged([
    // standard: real origin + relative URLs; secure: a secure context like https; no bypassCSP.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ])

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Map an `app://noc/…` URL to a file inside `rendererDir`, or null when it points anywhere else (other host,
 * `..` escapes, encoded slashes, NUL bytes). Paths without an extension are client routes → index.html.
 */
export const resolveAppPath = (rendererDir: string, url: string): string | null => {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return null
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(u.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  if (pathname === '/' || pathname === '' || extname(pathname) === '') pathname = '/index.html'
  const root = resolve(rendererDir)
  const file = resolve(root, `.${pathname}`)
  const rel = relative(root, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null
  return file
}

export const mimeOf = (file: string): string => MIME[extname(file).toLowerCase()] ?? 'application/octet-stream'

/** The `protocol.handle` handler: files from the renderer build, each response carrying the CSP. */
// readFile's Buffer is backed by a plain ArrayBuffer (never shared), which is what Response wants.
const readAsset = async (file: string): Promise<Uint8Array<ArrayBuffer>> => (await readFile(file)) as Uint8Array<ArrayBuffer>

export const appProtocolHandler =
  (rendererDir: string, csp: string, read: (file: string) => Promise<Uint8Array<ArrayBuffer>> = readAsset) =>
  async (request: Request): Promise<Response> => {
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' }
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405, headers })
    const file = resolveAppPath(rendererDir, request.url)
    if (!file) return new Response('not found', { status: 404, headers })
    try {
      const body = await read(file)
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: { ...headers, 'Content-Type': mimeOf(file) } })
    } catch {
      return new Response('not found', { status: 404, headers })
    }
  }

/** Call after `app.whenReady()`. */
export const serveAppProtocol = (rendererDir: string, csp: string): void => protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir, csp))

export interface RendererSource {
  /** What the window loads. */
  url: string
  /** The only origin trusted for navigation, permissions and IPC. */
  origin: string
  /** Vite dev server (electron-vite sets ELECTRON_RENDERER_URL) rather than the built files. */
  dev: boolean
}

/**
 * Built files via app://, or the dev server when electron-vite says so. A packaged app ignores the variable:
 * an environment variable must not be able to point the privileged window at an arbitrary site.
 */
export const resolveRendererSource = (opts: { devUrl?: string; isPackaged: boolean; wall: boolean }): RendererSource => {
  const dev = !opts.isPackaged && !!opts.devUrl && /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\/?$/.test(opts.devUrl)
  const base = dev ? new URL(opts.devUrl!) : new URL(`${APP_ORIGIN}/index.html`)
  if (opts.wall) base.searchParams.set('wall', '1')
  return { url: base.href, origin: dev ? base.origin : APP_ORIGIN, dev }
}
