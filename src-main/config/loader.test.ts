import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configHolder, loadConfigFile } from './loader'

const tmpFile = (text: string) => {
  const p = join(mkdtempSync(join(tmpdir(), 'noc-cfg-')), 'noc.yaml')
  writeFileSync(p, text)
  return p
}

describe('configuration file', () => {
  it('the example in the README is a valid configuration', () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8')
    const block = /```yaml\n(defaults:[\s\S]*?)```/.exec(readme)
    expect(block).not.toBeNull()
    const r = loadConfigFile(tmpFile(block![1]))
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.config.clients.initech.tier).toBe('platinum')
  })

  it('every YAML configuration block in the README is valid', () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8')
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => !b.startsWith('receivers:'))
    expect(blocks.length).toBeGreaterThanOrEqual(2)
    for (const b of blocks) {
      const r = loadConfigFile(tmpFile(b))
      expect(r.ok ? 'ok' : JSON.stringify(r.issues)).toBe('ok')
    }
  })

  it('JSON works too, and a wrong value is refused with its path', () => {
    expect(loadConfigFile(tmpFile('{"clients": {"a": {"tier": "gold"}}}')).ok).toBe(true)
    const bad = loadConfigFile(tmpFile('clients:\n  a:\n    tier: diamond\n'))
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.issues[0].path).toBe('clients.a.tier')
    const broken = loadConfigFile(tmpFile('clients: [unclosed'))
    expect(broken.ok).toBe(false)
  })

  it('an invalid file at start is fatal with a readable message', () => {
    expect(() => configHolder(tmpFile('clients: {a: {tier: diamond}}'), { clock: () => 0, log: () => {} })).toThrow(/clients\.a\.tier/)
  })

  it('a reload that fails validation keeps the previous configuration in force', async () => {
    const p = tmpFile('clients: {a: {tier: gold}}')
    const logs: string[] = []
    const h = configHolder(p, { clock: () => 0, log: (s) => logs.push(s), pollMs: 20 })
    try {
      // fs.watchFile takes its first stat asynchronously; a write before it would be the baseline, not a change.
      await new Promise((r) => setTimeout(r, 150))
      writeFileSync(p, 'clients: {a: {tier: diamond}}')
      await waitUntil(() => h.lastError !== null)
      expect(h.current.clients.a.tier).toBe('gold')
      expect(logs.join('\n')).toMatch(/refused/)
      writeFileSync(p, 'clients: {a: {tier: bronze}}     ')
      await waitUntil(() => h.current.clients.a.tier === 'bronze')
      expect(h.lastError).toBeNull()
    } finally {
      h.stop()
    }
  })
})

const waitUntil = async (f: () => boolean, ms = 5000) => {
  const end = Date.now() + ms
  while (!f()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}
