// The writer worker run from the TypeScript sources (tests, `npm run serve`, `node --import tsx`). Node 20 applies
// no module hooks to a worker's own entry — not even a `--import tsx` it inherits — so this plain module registers
// tsx (with the project's tsconfig, for the `@shared/*` paths) and then loads the real entry. Bundles skip it.
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) })
await import('./hub-worker.ts')
