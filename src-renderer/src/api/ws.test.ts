import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { encodeBinaryResult, type Delta } from '@shared/api/contract'
import { alert } from '../testing/store-kit'
import type { LinkStatus } from './transport'
import { createWsTransport, type SocketLike } from './ws'

class FakeSocket implements SocketLike {
  binaryType = 'blob'
  sent: unknown[] = []
  closed = false
  onopen: SocketLike['onopen'] = null
  onmessage: SocketLike['onmessage'] = null
  onclose: SocketLike['onclose'] = null
  onerror: SocketLike['onerror'] = null
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close() {
    if (this.closed) return
    this.closed = true
    this.onclose?.({ code: 1006, reason: '' })
  }
  server(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) })
  }
}

const setup = () => {
  const sockets: FakeSocket[] = []
  const t = createWsTransport({
    url: 'ws://test/ws',
    createSocket: () => {
      const s = new FakeSocket()
      sockets.push(s)
      return s
    },
    backoff: { initialMs: 100, maxMs: 1000, random: () => 0.5 },
  })
  const statuses: LinkStatus[] = []
  const deltas: Delta[] = []
  t.onStatus((s) => statuses.push(s))
  t.onDelta((d) => deltas.push(d))
  t.start()
  const open = (i: number, seq: number) => {
    sockets[i].onopen?.({})
    sockets[i].server({ type: 'hello', seq, demo: true })
  }
  return { t, sockets, statuses, deltas, open }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('ws transport', () => {
  it('subscribes after hello and delivers only valid deltas', () => {
    const { sockets, statuses, deltas, open, t } = setup()
    open(0, 7)
    expect(sockets[0].sent).toEqual([{ type: 'subscribe' }])
    expect(statuses.at(-1)).toMatchObject({ state: 'open', serverSeq: 7, demo: true, resumed: false })
    sockets[0].server({ type: 'delta', seq: 8, alerts: [alert(1, { seq: 8 })], clients: [] })
    sockets[0].server({ type: 'delta', seq: 9, alerts: [{ id: 'not an alert' }], clients: [] })
    sockets[0].server('{not json')
    sockets[0].server({ type: 'delta', seq: 10, alerts: [{ ...alert(2), summary: '<img src=x onerror=alert(1)>' }], clients: [] })
    expect(deltas.map((d) => d.seq)).toEqual([8, 10])
    expect(deltas[1].alerts[0].summary).toBe('<img src=x onerror=alert(1)>') // kept as text; React escapes it
    expect(t.droppedFrames()).toBe(2)
  })

  it('reconnects with backoff and re-subscribes from the last seq seen', async () => {
    const { sockets, statuses, open, t } = setup()
    open(0, 7)
    t.resumeFrom(7)
    sockets[0].server({ type: 'delta', seq: 9, alerts: [], clients: [] })
    sockets[0].close()
    expect(statuses.at(-1)).toMatchObject({ state: 'reconnecting' })
    expect(statuses.at(-1)?.retryAt).toBeGreaterThan(0)
    await vi.advanceTimersByTimeAsync(100)
    expect(sockets).toHaveLength(2)
    open(1, 12)
    expect(sockets[1].sent).toEqual([{ type: 'subscribe', since: 9 }])
    expect(statuses.at(-1)).toMatchObject({ state: 'open', resumed: true })
  })

  it('starts fresh when the server sequence is behind the cursor (new database)', async () => {
    const { sockets, statuses, open } = setup()
    open(0, 40)
    sockets[0].server({ type: 'delta', seq: 41, alerts: [], clients: [] })
    sockets[0].close()
    await vi.advanceTimersByTimeAsync(100)
    open(1, 3)
    expect(sockets[1].sent).toEqual([{ type: 'subscribe' }])
    expect(statuses.at(-1)).toMatchObject({ state: 'open', resumed: false })
  })

  it('answers calls with parsed output or a typed error, and fails them on disconnect', async () => {
    const { sockets, open, t } = setup()
    const early = t.call('clients.list', {}) // before hello: queued
    open(0, 1)
    const frame = sockets[0].sent[1] as { id: string; method: string }
    expect(frame).toMatchObject({ type: 'call', method: 'clients.list' })
    sockets[0].server({ type: 'result', id: frame.id, output: [] })
    await expect(early).resolves.toEqual([])

    const bad = t.call('alerts.get', { id: 1 })
    const id2 = (sockets[0].sent[2] as { id: string }).id
    sockets[0].server({ type: 'error', id: id2, error: 'not found', issues: [{ path: 'id', message: 'no alert 1' }] })
    await expect(bad).rejects.toMatchObject({ error: 'not found', issues: [{ path: 'id', message: 'no alert 1' }] })

    const malformed = t.call('clients.list', {})
    const id3 = (sockets[0].sent[3] as { id: string }).id
    sockets[0].server({ type: 'result', id: id3, output: [{ nope: true }] })
    await expect(malformed).rejects.toMatchObject({ error: 'malformed answer to clients.list' })

    const lost = t.call('clients.list', {})
    sockets[0].close()
    await expect(lost).rejects.toMatchObject({ error: 'connection lost' })
  })

  it('asks for bulk answers as binary frames and hands their bytes over unparsed', async () => {
    const { sockets, open, t } = setup()
    open(0, 1)
    expect(sockets[0].binaryType).toBe('arraybuffer')
    const raw = t.callRaw('alerts.rows', { after: 0 })
    const frame = sockets[0].sent[1] as { id: string; binary?: boolean }
    expect(frame).toMatchObject({ type: 'call', method: 'alerts.rows', binary: true })
    const bytes = encodeBinaryResult(frame.id, '{"anything":"the worker checks it"}')
    sockets[0].onmessage?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) })
    const got = (await raw) as { bytes: Uint8Array }
    expect(new TextDecoder().decode(got.bytes)).toBe('{"anything":"the worker checks it"}')

    // A plain call answered in binary is still parsed and validated; a binary frame without a header is dropped.
    const plain = t.call('clients.list', {})
    const id = (sockets[0].sent[2] as { id: string }).id
    const answer = encodeBinaryResult(id, '[]')
    sockets[0].onmessage?.({ data: answer.buffer.slice(answer.byteOffset, answer.byteOffset + answer.byteLength) })
    await expect(plain).resolves.toEqual([])
    sockets[0].onmessage?.({ data: new TextEncoder().encode('no header here').buffer })
    expect(t.droppedFrames()).toBe(1)
  })

  it('keeps a greeted socket open while pings are answered', async () => {
    const { sockets, open } = setup()
    open(0, 1)
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(20_000)
      const ping = sockets[0].sent.at(-1) as { id: string; method: string }
      expect(ping.method).toBe('health.get')
      sockets[0].server({ type: 'result', id: ping.id, output: { status: 'ok', version: 'x', uptimeSec: 1, seq: 1, db: { path: 'p', walMode: true } } })
    }
    expect(sockets[0].closed).toBe(false)
    expect(sockets).toHaveLength(1)
  })

  it('replaces a silent socket when a ping goes unanswered, without waiting for its close', async () => {
    const { sockets, open, statuses } = setup()
    open(0, 1)
    sockets[0].close = () => void (sockets[0].closed = true) // a half-open socket never reports its close
    await vi.advanceTimersByTimeAsync(20_000 + 15_000)
    expect(sockets[0].closed).toBe(true)
    expect(statuses.at(-1)).toMatchObject({ state: 'reconnecting', reason: 'the server stopped answering' })
    await vi.advanceTimersByTimeAsync(1000)
    expect(sockets).toHaveLength(2)
  })

  it('gives up on a socket that opens but never says hello', async () => {
    const { sockets } = setup()
    sockets[0].onopen?.({})
    await vi.advanceTimersByTimeAsync(10_000)
    expect(sockets[0].closed).toBe(true)
  })
})
