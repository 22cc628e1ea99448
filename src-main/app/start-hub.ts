import type { HubHandle, HubOptions } from './hub'
import { createLocalHub } from './local-hub'

/** The one way the shells (server.ts for `serve`, the Electron main) start a hub. */
export const startHub = (opts: HubOptions): Promise<HubHandle> => createLocalHub(opts)
