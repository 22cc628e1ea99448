import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeBrowserWindow, fakeApp, fakeElectron, fakeEvent, fakeState, resetFakeElectron } from '../testing/fake-electron'
import {
  buildCsp,
  cspHeaderListener,
  installSecurity,
  isSafeExternalUrl,
  isSameOrigin,
  navigationGuard,
  originOf,
  permissionCheckHandler,
  permissionRequestHandler,
  secureWebPreferences,
  windowOpenHandler,
} from './security'

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron)

const ORIGIN = 'app://noc'
const quiet = () => {}

describe('secureWebPreferences', () => {
  it('sets every checklist preference explicitly', () => {
    expect(secureWebPreferences('/p/preload.js')).toEqual({
      preload: '/p/preload.js',
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
      backgroundThrottling: false,
    })
  })
})

describe('CSP', () => {
  const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]))

  it('is strict in production: self-only scripts and connections, no objects, no base, no framing', () => {
    const d = directives(buildCsp())
    expect(d['default-src']).toEqual(["'self'"])
    expect(d['script-src']).toEqual(["'self'"])
    expect(d['connect-src']).toEqual(["'self'"])
    expect(d['object-src']).toEqual(["'none'"])
    expect(d['base-uri']).toEqual(["'none'"])
    expect(d['frame-ancestors']).toEqual(["'none'"])
    expect(d['form-action']).toEqual(["'none'"])
    expect(buildCsp()).not.toMatch(/unsafe-(inline|eval)/)
  })

  it('relaxes only what the Vite dev server needs', () => {
    const d = directives(buildCsp({ devOrigin: 'http://localhost:5173' }))
    expect(d['connect-src']).toEqual(["'self'", 'ws://localhost:5173'])
    expect(d['script-src']).toContain("'unsafe-inline'")
    expect(buildCsp({ devOrigin: 'http://localhost:5173' })).not.toMatch(/unsafe-eval/)
  })

  it('is added to every response without dropping the other headers', () => {
    const callback = vi.fn()
    cspHeaderListener('default-src x')({ responseHeaders: { 'Content-Type': ['text/html'] } } as never, callback)
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ['default-src x'] } })
  })
})

describe('origins', () => {
  it('compares scheme, host and port; opaque origins never match', () => {
    expect(originOf('app://noc/index.html?wall=1')).toBe('app://noc')
    expect(isSameOrigin('app://noc/assets/x.js', ORIGIN)).toBe(true)
    expect(isSameOrigin('app://evil/index.html', ORIGIN)).toBe(false)
    expect(isSameOrigin('http://localhost:5173/x', 'http://localhost:5173')).toBe(true)
    expect(isSameOrigin('http://localhost:5174/x', 'http://localhost:5173')).toBe(false)
    expect(isSameOrigin('http://localhost:5173@evil.com/', 'http://localhost:5173')).toBe(false)
    expect(isSameOrigin('file:///etc/passwd', 'file:///etc/passwd')).toBe(false)
    expect(isSameOrigin('not a url', ORIGIN)).toBe(false)
  })
})

describe('external links', () => {
  it.each([
    ['https://grafana.example.com/d/abc?x=1', true],
    ['http://runbooks.internal/disk-full', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['smb://share/x', false],
    ['https://user:pw@bank.example/', false],
    ['https://bank.example@evil.example/', false],
    ['//evil.example/', false],
    [`https://x.example/${'a'.repeat(9000)}`, false],
  ])('%s → %s', (url, ok) => expect(isSafeExternalUrl(url)).toBe(ok))

  it('window.open is always denied; http(s) goes to the OS browser, file:/javascript: go nowhere', () => {
    const open = vi.fn(async () => {})
    const handler = windowOpenHandler(open, quiet)
    expect(handler({ url: 'https://grafana.example.com/d/1' })).toEqual({ action: 'deny' })
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(open.mock.calls).toEqual([['https://grafana.example.com/d/1']])
  })

  it('a failing openExternal is logged, not thrown', async () => {
    const log = vi.fn()
    windowOpenHandler(() => Promise.reject(new Error('no browser')), log)({ url: 'https://x.example/' })
    await new Promise((r) => setTimeout(r, 0))
    expect(log).toHaveBeenCalledWith(expect.stringContaining('no browser'))
  })
})

describe('navigation guard', () => {
  it('lets same-origin navigation through', () => {
    const e = fakeEvent({ url: 'app://noc/index.html#/incidents' })
    navigationGuard(ORIGIN, vi.fn(), quiet)(e)
    expect(e.defaultPrevented).toBe(false)
  })

  it('prevents a foreign origin and opens web links externally instead', () => {
    const open = vi.fn(async () => {})
    const guard = navigationGuard(ORIGIN, open, quiet)
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://other/']) {
      const e = fakeEvent({ url })
      guard(e)
      expect(e.defaultPrevented, url).toBe(true)
    }
    expect(open.mock.calls).toEqual([['https://evil.example/']])
  })

  it('reads the legacy url argument when the event has none', () => {
    const e = fakeEvent()
    navigationGuard(ORIGIN, vi.fn(async () => {}), quiet)(e, 'https://evil.example/')
    expect(e.defaultPrevented).toBe(true)
  })
})

describe('permissions', () => {
  const wc = { getURL: () => 'app://noc/index.html' }

  it('grants notifications to our page and nothing else', () => {
    const handler = permissionRequestHandler(ORIGIN)
    const answer = (permission: string, requestingUrl?: string) => {
      const cb = vi.fn()
      handler(wc, permission, cb, requestingUrl ? { requestingUrl } : undefined)
      return cb.mock.calls[0][0]
    }
    expect(answer('notifications', 'app://noc/index.html')).toBe(true)
    expect(answer('notifications')).toBe(true)
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'display-capture', 'unknown']) expect(answer(p), p).toBe(false)
    expect(answer('notifications', 'https://evil.example/')).toBe(false)
  })

  it('answers synchronous checks the same way', () => {
    const check = permissionCheckHandler(ORIGIN)
    expect(check(null, 'notifications', 'app://noc')).toBe(true)
    expect(check(null, 'media', 'app://noc')).toBe(false)
    expect(check(null, 'notifications', 'https://evil.example')).toBe(false)
  })
})

describe('installSecurity', () => {
  beforeEach(() => resetFakeElectron())

  it('registers the session handlers and hardens every webContents the app creates', () => {
    installSecurity({ trustedOrigin: ORIGIN, csp: buildCsp(), log: quiet })
    const ses = fakeElectron.session.defaultSession
    expect(ses.headersListener).toBeTypeOf('function')
    expect(ses.permissionRequestHandler).toBeTypeOf('function')
    expect(ses.permissionCheckHandler).toBeTypeOf('function')

    const win = new FakeBrowserWindow({})
    const wc = win.webContents
    expect(wc.attemptWindowOpen('https://grafana.example.com/')).toEqual({ action: 'deny' })
    expect(wc.attemptWindowOpen('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(wc.attemptNavigation('https://evil.example/')).toBe(true)
    expect(wc.attemptNavigation('https://evil.example/', 'will-redirect')).toBe(true)
    expect(wc.attemptNavigation('app://noc/index.html')).toBe(false)
    const attach = fakeEvent()
    wc.emit('will-attach-webview', attach, {}, {})
    expect(attach.defaultPrevented).toBe(true)
    return new Promise<void>((r) => setTimeout(r, 0)).then(() => {
      expect(fakeState.openedExternal).toEqual(['https://grafana.example.com/', 'https://evil.example/', 'https://evil.example/'])
    })
  })

  it('hooks web-contents-created on the app, so windows made later are covered too', () => {
    installSecurity({ trustedOrigin: ORIGIN, csp: buildCsp(), log: quiet })
    expect(fakeApp.listenerCount('web-contents-created')).toBe(1)
  })
})
