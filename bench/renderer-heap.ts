/**
 * Renderer memory over CDP: the page's JS heap (Performance.getMetrics → JSHeapUsedSize) and every dedicated
 * worker's (Runtime.getHeapUsage through a browser-level session, since Playwright opens CDP sessions on pages
 * only). Measured after a forced GC in each, so the figure is what the console keeps, not garbage not yet swept.
 */
import type { Browser, Page } from 'playwright'

export interface HeapFigures {
  pageMb: number
  workerMb: number
  totalMb: number
}

const mb = (bytes: number) => +(bytes / 1048576).toFixed(1)

export const measureHeap = async (browser: Browser, page: Page): Promise<HeapFigures> => {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('Performance.enable')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const pageBytes = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN
  await cdp.detach()

  const root = await browser.newBrowserCDPSession()
  const { targetInfos } = await root.send('Target.getTargets')
  let workerBytes = 0
  let nextId = 1
  for (const t of targetInfos.filter((x) => x.type === 'worker')) {
    const { sessionId } = await root.send('Target.attachToTarget', { targetId: t.targetId, flatten: false })
    const ask = (method: string) =>
      new Promise<Record<string, number>>((resolve) => {
        const id = nextId++
        const on = (e: { sessionId: string; message: string }) => {
          const m = JSON.parse(e.message) as { id?: number; result?: Record<string, number> }
          if (e.sessionId === sessionId && m.id === id) {
            root.off('Target.receivedMessageFromTarget', on)
            resolve(m.result ?? {})
          }
        }
        root.on('Target.receivedMessageFromTarget', on)
        void root.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
      })
    await ask('HeapProfiler.enable')
    await ask('HeapProfiler.collectGarbage')
    workerBytes += (await ask('Runtime.getHeapUsage')).usedSize ?? 0
    await root.send('Target.detachFromTarget', { sessionId })
  }
  await root.detach()
  return { pageMb: mb(pageBytes), workerMb: mb(workerBytes), totalMb: mb(pageBytes + workerBytes) }
}
