import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A local HTTP receiver for outbound-notification tests (127.0.0.1 only). Imported by tests only. */
export interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
  json: any
}

export const startReceiver = async (answer: (r: Received, n: number) => number = () => 200) => {
  const got: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      let json: unknown
      try {
        json = JSON.parse(body)
      } catch {
        json = undefined
      }
      const r = { path: req.url ?? '/', headers: req.headers, body, json }
      got.push(r)
      const status = answer(r, got.length)
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(status < 300 ? { status: 'success' } : { error: `test receiver says ${status}` }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    got,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>
