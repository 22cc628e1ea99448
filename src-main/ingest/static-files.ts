import { createReadStream, existsSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.woff2': 'font/woff2',
}

/** Serve the built renderer. Unknown non-file paths get index.html (client-side routes). */
export const staticFiles = (root: string) => {
  const index = join(root, 'index.html')
  return (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false
    let rel: string
    try {
      rel = decodeURIComponent(pathname)
    } catch {
      return false
    }
    const file = normalize(join(root, rel))
    // Refuse anything that escapes the renderer directory (../, encoded or not).
    if (file !== root && !file.startsWith(root + sep)) return false
    let target = file
    if (!existsSync(target) || statSync(target).isDirectory()) {
      if (extname(rel)) return false
      target = index
    }
    if (!existsSync(target)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('The console has not been built yet: run `npm run build:renderer` (npm run serve does it for you).\n')
      return true
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': target === index ? 'no-cache' : 'public, max-age=3600',
      'content-security-policy':
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; worker-src 'self'; media-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    })
    if (req.method === 'HEAD') res.end()
    else createReadStream(target).pipe(res)
    return true
  }
}
