import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { APP_ORIGIN, appProtocolHandler, resolveAppPath, resolveRendererSource } from './app-protocol'

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron)

const root = mkdtempSync(join(tmpdir(), 'noc-renderer-'))
mkdirSync(join(root, 'assets'))
writeFileSync(join(root, 'index.html'), '<!doctype html><title>NOC</title>')
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
writeFileSync(join(tmpdir(), 'noc-secret.txt'), 'secret')

describe('resolveAppPath', () => {
  it('maps app://noc paths into the renderer directory', () => {
    expect(resolveAppPath(root, 'app://noc/')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'app://noc/index.html?wall=1')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'app://noc/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'))
    expect(resolveAppPath(root, 'app://noc/incidents/42')).toBe(join(root, 'index.html'))
  })

  it.each([
    'app://noc/../noc-secret.txt',
    'app://noc/%2e%2e/noc-secret.txt',
    'app://noc/assets/..%2F..%2Fnoc-secret.txt',
    'app://noc/..%5C..%5Cnoc-secret.txt',
    'app://noc/a%00.js',
    'app://noc/%E0%A4%A.js',
    'app://evil/index.html',
    'file:///etc/passwd',
    'nonsense',
  ])('never leaves the renderer directory for %s', async (url) => {
    const file = resolveAppPath(root, url)
    if (file !== null) expect(file.startsWith(join(root, '/'))).toBe(true)
    const res = await appProtocolHandler(root, 'x')({ url, method: 'GET' } as Request)
    expect(res.status).toBe(404)
  })

  it('refuses other hosts, other schemes and undecodable paths outright', () => {
    for (const url of ['app://evil/index.html', 'file:///etc/passwd', 'nonsense', 'app://noc/a%00.js', 'app://noc/%E0%A4%A.js', 'app://noc/..%5Cx.js'])
      expect(resolveAppPath(root, url), url).toBeNull()
  })
})

describe('app protocol handler', () => {
  const handler = appProtocolHandler(root, "default-src 'self'")

  it('serves the page with the CSP header and the right type', async () => {
    const res = await handler({ url: 'app://noc/index.html', method: 'GET' } as Request)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'")
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).toContain('<title>NOC</title>')
  })

  it('serves scripts as JavaScript', async () => {
    const res = await handler({ url: 'app://noc/assets/index-abc.js', method: 'GET' } as Request)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it('answers 404 outside the renderer directory or for missing files, 405 for writes', async () => {
    expect((await handler({ url: 'app://noc/%2e%2e/noc-secret.txt', method: 'GET' } as Request)).status).toBe(404)
    expect((await handler({ url: 'app://noc/assets/missing.js', method: 'GET' } as Request)).status).toBe(404)
    expect((await handler({ url: 'app://noc/index.html', method: 'POST' } as Request)).status).toBe(405)
  })
})

describe('resolveRendererSource', () => {
  it('loads the built files from app://noc by default', () => {
    expect(resolveRendererSource({ isPackaged: false, wall: false })).toEqual({ url: 'app://noc/index.html', origin: APP_ORIGIN, dev: false })
  })

  it('uses the electron-vite dev server when one is given', () => {
    expect(resolveRendererSource({ devUrl: 'http://localhost:5173', isPackaged: false, wall: false })).toEqual({
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
      dev: true,
    })
  })

  it('ignores the dev URL when packaged or when it is not a loopback address', () => {
    expect(resolveRendererSource({ devUrl: 'http://localhost:5173', isPackaged: true, wall: false }).dev).toBe(false)
    expect(resolveRendererSource({ devUrl: 'https://evil.example', isPackaged: false, wall: false }).dev).toBe(false)
    expect(resolveRendererSource({ devUrl: 'http://localhost:5173@evil.example', isPackaged: false, wall: false }).dev).toBe(false)
  })

  it('tells the renderer about wall mode', () => {
    expect(resolveRendererSource({ isPackaged: false, wall: true }).url).toBe('app://noc/index.html?wall=1')
  })
})
