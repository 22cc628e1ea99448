import { describe, expect, it, vi } from 'vitest'
import { encodeBinaryResult, splitBinaryResult } from '@shared/api/contract'
import { NocCallError } from '../api/transport'
import { toAlertRow } from '../store/alert-row'
import { alert, client, incident, snapshot } from '../testing/store-kit'
import { headOf, rowsPageOf } from '../testing/alert-rows-kit'
import { alertRowsOf, decodeAlertRows, decodeHead } from './decode-core'
import { handleDecode, type DecodeReply, type DecodeRequest } from './decode-handler'
import { createWorkerDecoder, type WorkerLike } from './decoder'

const alerts = [
  alert(1, { severity: 'critical', components: [{ type: 'Host name', name: 'DB01' }, { type: 'Disk', name: '/var' }], summary: 'Disk /var on DB01 is 97% full' }),
  alert(2, { status: 'resolved', resolvedAt: 123, resource: 'web-frontend', service: 'billing', client: 'globex' }),
]

/** The bytes a binary result frame carries after its header, as the WS transport hands them on. */
const framed = (value: unknown) => {
  const frame = encodeBinaryResult('c1', JSON.stringify(value))
  const head = splitBinaryResult(frame)!
  expect(head.id).toBe('c1')
  return { bytes: frame.subarray(head.offset) }
}

describe('decoding alert pages', () => {
  it('gives the same rows, search text included, as a delta carrying the whole alerts', () => {
    const rows = alertRowsOf(decodeAlertRows(framed(rowsPageOf(alerts))))
    expect(rows).toEqual(alerts.map(toAlertRow))
    expect(rows[0].resource).toBe('DB01 / /var') // the components when a source names no resource
    expect(rows[0].hay).toContain('disk /var')
    expect(rows[1]).toMatchObject({ status: 'resolved', resolvedAt: 123, service: 'billing' })
  })

  it('refuses a page whose columns disagree or point outside its strings', () => {
    const short = { ...rowsPageOf(alerts), count: [1] }
    expect(() => decodeAlertRows({ value: short })).toThrow(/malformed answer to alerts.rows/)
    const dangling = { ...rowsPageOf(alerts), client: [0, 99] }
    expect(() => decodeAlertRows({ value: dangling })).toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ path: 'client' })] }))
    expect(() => decodeAlertRows({ text: '{"seq":' })).toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ message: expect.stringMatching(/^not JSON/) })] }))
  })

  it('checks the head with the contract (an incident with a bad id is refused)', () => {
    const head = headOf(snapshot(3, alerts, [client('acme')], false, [incident(1)]))
    expect(decodeHead({ text: JSON.stringify(head) })).toEqual(head)
    const bad = { ...head, incidents: [{ ...incident(1), id: 'INC-x' }] }
    expect(() => decodeHead({ value: bad })).toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ path: 'incidents[0].id' })] }))
  })
})

/** A worker that runs the real handler in-process, asynchronously, recording each message it posts back. */
const fakeWorker = () => {
  const posted: DecodeReply[] = []
  const w: WorkerLike & { posted: DecodeReply[] } = {
    posted,
    onmessage: null,
    onerror: null,
    postMessage(req: DecodeRequest) {
      queueMicrotask(() =>
        handleDecode(
          structuredClone(req),
          (reply) => {
            posted.push(reply)
            w.onmessage?.({ data: structuredClone(reply) })
          },
          2,
        ),
      )
    },
    terminate: vi.fn(),
  }
  return w
}

describe('worker decoder', () => {
  it('reassembles a head sent back in chunks of incidents', async () => {
    const w = fakeWorker()
    const decoder = createWorkerDecoder(() => w)
    const head = headOf(snapshot(3, [], [client('acme')], false, [incident(1), incident(2, { priority: 'P1' }), incident(3)]))
    const previews: unknown[] = []
    const got = decoder.head({ value: head }, (p) => previews.push(p))
    expect(await got).toEqual(head)
    expect(w.posted.map((m) => m.part)).toEqual(['head', 'incidents', 'incidents'])
    // The wall's part came first: clients and per-client summaries, computed from all incidents.
    expect(previews).toEqual([{ clients: head.clients, summaries: { acme: expect.objectContaining({ active: { P1: 1, P2: 0, P3: 2, P4: 0 }, unacked: 3 }) } }])
  })

  it('rejects a malformed answer with the issues, as a NocCallError', async () => {
    const decoder = createWorkerDecoder(fakeWorker)
    await expect(decoder.alertRows({ value: { nope: true } })).rejects.toBeInstanceOf(NocCallError)
  })

  it('falls back to decoding inline when the worker cannot run, finishing what was pending', async () => {
    const broken: WorkerLike = { onmessage: null, onerror: null, postMessage: () => setTimeout(() => broken.onerror?.(new Event('error'))), terminate: vi.fn() }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const decoder = createWorkerDecoder(() => broken)
    const rows = await decoder.alertRows({ value: rowsPageOf(alerts) })
    expect(rows.n).toBe(2)
    expect(decoder.kind).toBe('inline')
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
  })
})
