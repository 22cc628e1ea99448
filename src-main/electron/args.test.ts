import { describe, expect, it } from 'vitest'
import { DEFAULT_PORT, parseShellArgs } from './args'

describe('parseShellArgs', () => {
  it('defaults: port 8080 on loopback, demo on, no wall', () => {
    expect(parseShellArgs(['.'])).toEqual({ port: DEFAULT_PORT, host: '127.0.0.1', dataDir: undefined, configPath: undefined, demo: true, wall: false })
  })

  it('reads the serve flags plus --wall, ignoring Chromium switches', () => {
    const a = parseShellArgs(['.', '--original-process-start-time=123', '--port', '9090', '--data', '/d', '--config=/c.yaml', '--wall'])
    expect(a).toEqual({ port: 9090, host: '127.0.0.1', dataDir: '/d', configPath: '/c.yaml', demo: false, wall: true })
  })

  it('demo follows --demo/--no-demo over the config default', () => {
    expect(parseShellArgs(['--config', 'c.yaml', '--demo']).demo).toBe(true)
    expect(parseShellArgs(['--no-demo']).demo).toBe(false)
  })

  it('a bad port falls back to the default instead of killing the console', () => {
    expect(parseShellArgs(['--port', 'abc']).port).toBe(DEFAULT_PORT)
    expect(parseShellArgs(['--port', '70000']).port).toBe(DEFAULT_PORT)
    expect(parseShellArgs(['--port', '0']).port).toBe(0)
  })

  it('--display names the wall monitor (position, primary, id or name), as a string for displays.ts to resolve', () => {
    expect(parseShellArgs(['--wall', '--display', '2']).display).toBe('2')
    expect(parseShellArgs(['--wall', '--display=DELL U2720Q']).display).toBe('DELL U2720Q')
    expect(parseShellArgs(['--wall']).display).toBeUndefined()
    expect(parseShellArgs(['--display', '']).display).toBeUndefined()
  })
})
