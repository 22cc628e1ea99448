import type { Migration } from './types'
import { m0001 } from './0001-initial'
import { m0002 } from './0002-incidents'
import { m0003 } from './0003-escalation'
import { m0004 } from './0004-episodes-evidence'
import { m0005 } from './0005-client-open-counts'

/** Every shipped migration, in order. Append only. */
export const migrations: Migration[] = [m0001, m0002, m0003, m0004, m0005]
