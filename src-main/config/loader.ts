import { readFileSync, unwatchFile, watchFile } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { DEFAULT_CONFIG, parseConfig, type ConsoleConfig } from '@shared/model/config'
import type { ValidationIssue } from '@shared/model/problem-issue'

export type LoadResult = { ok: true; config: ConsoleConfig; warnings: string[] } | { ok: false; error: string; issues: ValidationIssue[] }

/** Read and validate a YAML or JSON configuration file (JSON is YAML, so one parser serves both). */
export const loadConfigFile = (path: string): LoadResult => {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    return { ok: false, error: `cannot read configuration ${path}`, issues: [{ path: '(file)', message: (e as Error).message }] }
  }
  let raw: unknown
  try {
    raw = parseYaml(text, { maxAliasCount: 100 })
  } catch (e) {
    return { ok: false, error: `configuration ${path} is not valid YAML/JSON`, issues: [{ path: '(file)', message: (e as Error).message }] }
  }
  return parseConfig(raw)
}

export interface ConfigHolder {
  readonly current: ConsoleConfig
  /** The last refused reload, shown to operators until a good file replaces it. */
  readonly lastError: { at: number; error: string; issues: ValidationIssue[] } | null
  onChange(fn: (c: ConsoleConfig) => void): void
  stop(): void
}

/**
 * The configuration in force. With a path: loaded at start (an invalid file at start is fatal — better to refuse
 * to run than to page nobody), then watched; a reload that fails validation is refused with a clear message and the
 * previous configuration stays in force.
 */
export const configHolder = (path: string | undefined, opts: { clock: () => number; log?: (s: string) => void; pollMs?: number } = { clock: Date.now }): ConfigHolder => {
  let current = DEFAULT_CONFIG
  let lastError: ConfigHolder['lastError'] = null
  const listeners: ((c: ConsoleConfig) => void)[] = []
  const log = opts.log ?? ((s: string) => console.log(s))
  if (path) {
    const first = loadConfigFile(path)
    if (!first.ok) throw new Error(`${first.error}:\n${first.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`)
    current = first.config
    first.warnings.forEach((w) => log(`config: ${w}`))
    watchFile(path, { interval: opts.pollMs ?? 1000, persistent: false }, () => {
      const r = loadConfigFile(path)
      if (!r.ok) {
        lastError = { at: opts.clock(), error: r.error, issues: r.issues }
        log(`config: reload of ${path} refused, previous configuration stays in force: ${r.error}\n${r.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`)
        return
      }
      current = r.config
      lastError = null
      log(`config: reloaded ${path}`)
      for (const l of listeners) l(current)
    })
  }
  return {
    get current() {
      return current
    },
    get lastError() {
      return lastError
    },
    onChange: (fn) => void listeners.push(fn),
    stop: () => path && unwatchFile(path),
  }
}
