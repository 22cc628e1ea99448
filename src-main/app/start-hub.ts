import type { HubHandle } from './hub'
import { createWorkerHub, type WorkerHubOptions } from './worker-hub'

export type StartHubOptions = WorkerHubOptions

/**
 * The one way the shells start a hub — `serve` (server.ts) and the Electron main alike: the writer (SQLite, engine,
 * notification layer) in its own worker thread, this thread left to the listeners. Resolves once the database is
 * open and migrated; rejects with the reason when it cannot be (a database newer than this build, a bad path).
 */
export const startHub = (opts: StartHubOptions): Promise<HubHandle> => createWorkerHub(opts)
