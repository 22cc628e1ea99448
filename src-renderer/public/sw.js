/*
 * The console's service worker exists for one thing: Web Notifications with an "Ack" button (buttons need
 * ServiceWorkerRegistration.showNotification). It caches nothing. A click on the button is posted to one open
 * console window, which acknowledges through its own connection as its operator; a click on the body focuses
 * a console window on the incident (or opens one).
 */
self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

self.addEventListener('notificationclick', (event) => {
  const incidentId = event.notification.data && event.notification.data.incidentId
  const ack = event.action === 'ack'
  event.notification.close()
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
      if (windows.length) {
        // One window only: two consoles acknowledging the same incident would be one ack too many.
        windows[0].postMessage({ type: ack ? 'noc-ack' : 'noc-open', incidentId })
        if (!ack) await windows[0].focus()
      } else if (incidentId) {
        await self.clients.openWindow(`./#/incident/${incidentId}`)
      }
    })(),
  )
})
