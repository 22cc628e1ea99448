import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/** scripts/exec-shim: cmd.exe's `exec` (POSIX shells use their builtin). Run here directly, as the .cmd shim would. */
const ROOT = resolve(import.meta.dirname, '..')
const SHIM = resolve(ROOT, 'scripts/exec-shim/exec.js')
const run = (...args: string[]) => spawnSync(process.execPath, [SHIM, ...args], { encoding: 'utf8' })

describe('exec shim', () => {
  it('runs the rest of the line with every argument intact and passes its exit code on', () => {
    const r = run('node', '-e', 'console.log(JSON.stringify(process.argv.slice(1))); process.exit(3)', '--', '--port', '0', '--data', '/tmp/a b')
    expect(r.status).toBe(3)
    expect(JSON.parse(r.stdout)).toEqual(['--port', '0', '--data', '/tmp/a b'])
  })

  it('says what failed: no command (64), a command that does not exist (127)', () => {
    expect(run().status).toBe(64)
    const r = run('no-such-command-noc')
    expect(r.status).toBe(127)
    expect(r.stderr).toContain('no-such-command-noc')
  })

  it('is what package.json installs as `exec`, and the launch scripts go through it', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'))
    expect(pkg.devDependencies['noc-exec-shim']).toBe('file:scripts/exec-shim')
    expect(JSON.parse(readFileSync(resolve(ROOT, 'scripts/exec-shim/package.json'), 'utf8')).bin).toEqual({ exec: 'exec.js' })
    expect(pkg.scripts.serve).toBe('exec node scripts/serve.mjs')
    expect(pkg.scripts.start).toBe('exec node scripts/start.mjs')
  })
})
