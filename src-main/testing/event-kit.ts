import type { NocEvent } from '@shared/model/event'

/** A valid normalized event with overridable fields, for store/engine tests. */
export const ev = (over: Partial<NocEvent> = {}): NocEvent => ({
  source: 'native',
  client: 'acme',
  fingerprint: 'fp-1',
  fingerprintKind: 'source',
  class: 'TI_Linux_Agent',
  ems: 'ms-01',
  rule: 'Disk',
  components: [{ type: 'Host name', name: 'WEB01' }],
  severity: 'critical',
  status: 'firing',
  summary: 'disk full',
  time: 1_000_000,
  receivedAt: 1_000_000,
  labels: {},
  ...over,
})
