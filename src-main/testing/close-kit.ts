import { afterEach } from 'vitest'

export interface Closable {
  close(): unknown
}

/** Registers what a test starts so it is closed after the test, even a failed one. */
export interface Tracker {
  <T extends Closable>(x: T): T
  /** The test closed it itself (a restart): do not close it again. */
  release(x: Closable): void
}

/**
 * Servers, receivers and anything else with `close()` that integration tests start: closed after each test,
 * newest first (a console is closed before the receiver it delivers to), so a port or a database is never left
 * open for the next test.
 */
export const closeAfterEach = (): Tracker => {
  let open: Closable[] = []
  afterEach(async () => {
    const list = open.reverse()
    open = []
    for (const x of list) await x.close()
  })
  const track = (<T extends Closable>(x: T): T => {
    open.push(x)
    return x
  }) as Tracker
  track.release = (x) => {
    open = open.filter((y) => y !== x)
  }
  return track
}
