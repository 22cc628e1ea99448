/**
 * Test helper (imported by *.test.ts only): run poppler's `pdftotext` / `pdfinfo` on PDF bytes. Missing
 * poppler-utils skip the PDF content tests with a loud warning rather than fail on a bare machine; `npm test`
 * installs them (scripts/test-deps.sh), so CI always runs these tests.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const find = (name: string): string | null => {
  for (const dir of ['/usr/bin', '/usr/local/bin', '/opt/homebrew/bin']) if (existsSync(join(dir, name))) return join(dir, name)
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' })
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null
}

export const PDFTOTEXT = find('pdftotext')
export const PDFINFO = find('pdfinfo')
export const HAVE_POPPLER = PDFTOTEXT !== null && PDFINFO !== null

if (!HAVE_POPPLER) {
  console.warn(
    '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' +
      '!!! pdftotext/pdfinfo NOT FOUND: PDF content tests are SKIPPED.              !!!\n' +
      '!!! Install poppler-utils (apt-get install poppler-utils) to run them.      !!!\n' +
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n',
  )
}

const withFile = <T>(bytes: Uint8Array, fn: (path: string) => T): T => {
  const dir = mkdtempSync(join(tmpdir(), 'noc-report-'))
  const path = join(dir, 'report.pdf')
  try {
    writeFileSync(path, bytes)
    return fn(path)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const run = (bin: string | null, args: string[]): { stdout: string; stderr: string } => {
  if (!bin) throw new Error('poppler-utils missing')
  const r = spawnSync(bin, args, { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${bin} exited ${r.status}: ${r.stderr}`)
  return { stdout: r.stdout, stderr: r.stderr }
}

/** Text of the PDF (UTF-8), and whatever poppler complained about on stderr (syntax errors, bad xref). */
export const pdfText = (bytes: Uint8Array): { text: string; stderr: string } =>
  withFile(bytes, (p) => {
    const r = run(PDFTOTEXT, ['-enc', 'UTF-8', p, '-'])
    return { text: r.stdout, stderr: r.stderr }
  })

export const pdfInfo = (bytes: Uint8Array): { fields: Record<string, string>; stderr: string } =>
  withFile(bytes, (p) => {
    const r = run(PDFINFO, ['-enc', 'UTF-8', p])
    const fields: Record<string, string> = {}
    for (const line of r.stdout.split('\n')) {
      const m = /^([^:]+):\s*(.*)$/.exec(line)
      if (m) fields[m[1].trim()] = m[2].trim()
    }
    return { fields, stderr: r.stderr }
  })

/** Collapse all whitespace, so wrapped lines compare equal to the source text. */
export const squash = (s: string): string => s.replace(/\s+/g, ' ').trim()

export const PDFFONTS = find('pdffonts')
export const PDFTOPPM = find('pdftoppm')

/** `pdffonts`: one row per font: name, type, embedded, subset, has a ToUnicode map. */
export const pdfFonts = (bytes: Uint8Array): { name: string; type: string; emb: boolean; sub: boolean; uni: boolean }[] =>
  withFile(bytes, (p) =>
    run(PDFFONTS, [p])
      .stdout.split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => {
        const m = /^(\S+)\s+(.+?)\s+(Identity-H|WinAnsi|Custom|Builtin|Standard|MacRoman)\s+(yes|no)\s+(yes|no)\s+(yes|no)/.exec(l)
        if (!m) throw new Error(`unparsed pdffonts row: ${l}`)
        return { name: m[1], type: m[2], emb: m[4] === 'yes', sub: m[5] === 'yes', uni: m[6] === 'yes' }
      }),
  )

/** Page `page` as PNG bytes at `dpi` (pdftoppm), to look at or to check for ink. */
export const pdfPagePng = (bytes: Uint8Array, page = 1, dpi = 100): Buffer =>
  withFile(bytes, (p) => {
    const r = spawnSync(PDFTOPPM as string, ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', p], { maxBuffer: 64 << 20 })
    if (r.status !== 0) throw new Error(`pdftoppm exited ${r.status}: ${r.stderr}`)
    return r.stdout as Buffer
  })
