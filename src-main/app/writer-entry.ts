import { existsSync } from 'node:fs'
import { dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface WriterEntry {
  file: string
}

/**
 * Where the writer worker's code is, for each way this program runs:
 * - from the TypeScript sources (tests, `npm run serve`, `node --import tsx`): `hub-worker-source.mjs` next to this
 *   file, which registers tsx in the worker and loads `hub-worker.ts`;
 * - bundled (esbuild for benches and the crash test, electron-vite for the desktop app): `hub-worker.<ext>` next to
 *   the bundle this code was bundled into (or one level up, when a bundler put this code in a shared chunk).
 * `override` (HubOptions.workerEntry) wins: a packager that lays files out differently says where it put it.
 */
export const writerEntry = (override?: string): WriterEntry => {
  if (override) return { file: override }
  const here = fileURLToPath(import.meta.url)
  const ext = extname(here)
  if (ext === '.ts') return { file: join(dirname(here), 'hub-worker-source.mjs') }
  const candidates = [dirname(here), join(dirname(here), '..')].map((d) => join(d, `hub-worker${ext}`))
  const file = candidates.find((f) => existsSync(f))
  if (!file) throw new Error(`the writer worker's code is missing: looked for ${candidates.join(' and ')} (bundle app/hub-worker.ts next to the main bundle)`)
  return { file }
}
