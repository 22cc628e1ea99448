#!/usr/bin/env node
/**
 * The report fonts in resources/fonts/ (manifest: fonts.json). They are committed, not npm dependencies: the
 * registry packages carry every weight (the CJK ones 50–95 MB each), while reports need one or two weights, and
 * the packaged desktop app must ship exactly these files.
 *
 *   node scripts/update-fonts.mjs           check every file against its recorded SHA-256 (exit 1 on a mismatch)
 *   node scripts/update-fonts.mjs --fetch   `npm pack` each package@version, copy the file and its licence, record hashes
 *
 * To move to a newer release, edit `version` in fonts.json and run --fetch.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'fonts')
const manifestPath = join(dir, 'fonts.json')
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex')

if (process.argv.includes('--fetch')) {
  const work = mkdtempSync(join(tmpdir(), 'noc-fonts-'))
  const unpacked = new Map()
  try {
    for (const f of manifest.fonts) {
      const spec = `${f.package}@${f.version}`
      if (!unpacked.has(spec)) {
        const out = join(work, String(unpacked.size))
        mkdirSync(out, { recursive: true })
        const tgz = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', out], { encoding: 'utf8' }).trim().split('\n').pop()
        execFileSync('tar', ['xzf', join(out, tgz), '-C', out])
        unpacked.set(spec, join(out, 'package'))
      }
      const root = unpacked.get(spec)
      copyFileSync(join(root, f.path), join(dir, f.file))
      copyFileSync(join(root, f.licencePath), join(dir, f.licence))
      f.sha256 = sha256(join(dir, f.file))
      console.log(`${f.file} ← ${spec}/${f.path}`)
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`)
} else {
  let bad = 0
  for (const f of manifest.fonts) {
    const file = join(dir, f.file)
    const ok = existsSync(file) && sha256(file) === f.sha256 && existsSync(join(dir, f.licence))
    if (!ok) bad++
    console.log(`${ok ? 'ok  ' : 'BAD '} ${f.file} (${f.package}@${f.version})`)
  }
  process.exit(bad ? 1 : 0)
}
