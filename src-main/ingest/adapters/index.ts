import type { Adapter } from './types'
import { alertaAdapter } from './alerta'
import { alertmanagerAdapter } from './alertmanager'
import { grafanaAdapter } from './grafana'
import { nativeAdapter } from './native'
import { pagerdutyAdapter } from './pagerduty'
import { zabbixAdapter } from './zabbix'

export type { Adapter, AdapterContext, AdapterResult } from './types'

export const ADAPTER_NAMES = ['alertmanager', 'grafana', 'zabbix', 'pagerduty', 'alerta', 'native'] as const
export type AdapterName = (typeof ADAPTER_NAMES)[number]

/** Webhook format → adapter. Every adapter is pure and never throws (see docs/ingest.md). */
export const adapters: Record<AdapterName, Adapter> = {
  alertmanager: alertmanagerAdapter,
  grafana: grafanaAdapter,
  zabbix: zabbixAdapter,
  pagerduty: pagerdutyAdapter,
  alerta: alertaAdapter,
  native: nativeAdapter,
}

/** For routing `/webhook/<format>`: narrows an untrusted path segment. */
export const isAdapterName = (s: string): s is AdapterName => (ADAPTER_NAMES as readonly string[]).includes(s)
