import type { Migration } from './types'
import { m0001 } from './0001-initial'

/** Every shipped migration, in order. Append only. */
export const migrations: Migration[] = [m0001]
