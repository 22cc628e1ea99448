/**
 * Where the report fonts are (resources/fonts/, manifest fonts.json) in every way the code runs:
 *
 * - `NOC_FONTS_DIR` when set (a packager that puts them elsewhere, a test);
 * - `<process.resourcesPath>/fonts` in an installed Electron app that ships them as extra resources;
 * - `resources/fonts` in the nearest folder above this module: the source tree under tsx
 *   (src-main/report/pdf → ../../..), the bundled main process (out/main → ../..), or inside app.asar (Electron's
 *   fs reads asar archives);
 * - `resources/fonts` under the working directory (a checkout started from its root).
 *
 * Files are read once per process and kept: a report embeds a subset, but the subsetter needs the whole font.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const MANIFEST = 'fonts.json'

export interface FontManifestEntry {
  file: string
  package: string
  version: string
  path: string
  licence: string
  sha256: string
}

const hasManifest = (dir: string | undefined): dir is string => !!dir && existsSync(join(dir, MANIFEST))

const moduleDir = (): string | undefined => {
  try {
    return dirname(fileURLToPath(import.meta.url))
  } catch {
    return typeof __dirname === 'string' ? __dirname : undefined
  }
}

/** Candidate folders, most specific first (exported for the test that checks each shell's layout). */
export const fontDirCandidates = (env: NodeJS.ProcessEnv = process.env, from = moduleDir(), cwd = process.cwd()): string[] => {
  const out: string[] = []
  if (env.NOC_FONTS_DIR) out.push(resolve(env.NOC_FONTS_DIR))
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath
  if (resourcesPath) out.push(join(resourcesPath, 'fonts'))
  for (let dir = from; dir; ) {
    out.push(join(dir, 'resources', 'fonts'))
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  out.push(join(cwd, 'resources', 'fonts'))
  return out
}

let dir: string | null = null

export const fontDir = (): string => {
  if (dir) return dir
  const found = fontDirCandidates().find(hasManifest)
  if (!found) {
    throw new Error(`report fonts not found (looked for ${MANIFEST} in: ${fontDirCandidates().join(', ')}); set NOC_FONTS_DIR`)
  }
  return (dir = found)
}

export const fontManifest = (): FontManifestEntry[] =>
  (JSON.parse(readFileSync(join(fontDir(), MANIFEST), 'utf8')) as { fonts: FontManifestEntry[] }).fonts

const buffers = new Map<string, Buffer>()

export const fontBuffer = (file: string): Buffer => {
  let b = buffers.get(file)
  if (!b) buffers.set(file, (b = readFileSync(join(fontDir(), file))))
  return b
}
