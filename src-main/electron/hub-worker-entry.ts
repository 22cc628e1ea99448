/**
 * Where the installed app starts the hub's writer worker from. package.json's asarUnpack keeps out/main (and the
 * JavaScript half of better-sqlite3) as plain files in app.asar.unpacked/, beside the archive: a worker thread then
 * loads its ES modules from disk and does not depend on Electron's asar support reaching worker threads. The main
 * bundle itself runs from app.asar/out/main, so the worker's path is that directory with the archive segment
 * swapped for its unpacked twin.
 */
import { join } from 'node:path'

export const HUB_WORKER_FILE = 'hub-worker.js'

/**
 * `mainDir`: the directory of the running main bundle. Outside an archive (`electron .`, `asar: false`) there is
 * nothing to choose: undefined, and app/writer-entry.ts finds hub-worker.js next to the bundle. In an archive
 * whose unpacked twin lacks the worker (packed without asarUnpack), also undefined: the copy inside the archive
 * is the only one left to try.
 */
export const hubWorkerEntry = (mainDir: string, exists: (path: string) => boolean): string | undefined => {
  const archive = /([\\/])app\.asar(?=[\\/]|$)/
  if (!archive.test(mainDir)) return undefined
  const file = join(mainDir.replace(archive, '$1app.asar.unpacked'), HUB_WORKER_FILE)
  return exists(file) ? file : undefined
}
