import type { ServerResponse } from 'node:http'
import type { FileOutput } from '@shared/api/file-output'

/**
 * Send a contract method's `FileOutput` as the file itself (not JSON): its bytes with its own headers
 * (Content-Type, Content-Disposition, the reports' CSP, nosniff, no-store). Node drops the body for HEAD.
 */
export const sendFile = (res: ServerResponse, f: FileOutput): void => {
  const bytes = Buffer.from(f.body, f.encoding === 'base64' ? 'base64' : 'utf8')
  // Lower-cased so the report's `Content-Type` replaces ours instead of going out twice.
  const headers: Record<string, string> = { 'content-type': f.contentType }
  for (const [k, v] of Object.entries(f.headers)) headers[k.toLowerCase()] = v
  headers['content-length'] = String(bytes.byteLength)
  res.writeHead(200, headers)
  res.end(bytes)
}
