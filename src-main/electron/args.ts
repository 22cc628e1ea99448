import { parseArgs } from 'node:util'

/** Desktop command line: the same flags as `serve` (so `npm start -- …` means one thing) plus `--wall [--display N]`. */
export interface ShellArgs {
  /** Webhook/API listener port (default 8080; the desktop app also receives webhooks). */
  port: number
  host: string
  /** Overrides app.getPath('userData'). */
  dataDir?: string
  configPath?: string
  demo: boolean
  /** Kiosk + fullscreen + no display sleep: the NOC wall. */
  wall: boolean
  /** Which monitor the wall uses: 1-based position, `primary`, a display id or part of its name. */
  display?: string
}

export const DEFAULT_PORT = 8080

/**
 * Lenient on purpose: Chromium and the OS add their own switches (`--original-process-start-time`,
 * `--no-sandbox`, a `.` app path), and a second instance forwards its whole argv. Unknown flags are ignored;
 * a malformed port falls back to the default rather than killing the console.
 */
export const parseShellArgs = (argv: readonly string[]): ShellArgs => {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      config: { type: 'string' },
      demo: { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      wall: { type: 'boolean' },
      display: { type: 'string' },
    },
  })
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)
  const port = Number(str(values.port) ?? DEFAULT_PORT)
  const configPath = str(values.config)
  return {
    port: Number.isInteger(port) && port >= 0 && port <= 65535 ? port : DEFAULT_PORT,
    host: str(values.host) ?? '127.0.0.1',
    dataDir: str(values.data),
    configPath,
    demo: values['no-demo'] === true ? false : values.demo === true ? true : configPath === undefined,
    wall: values.wall === true,
    display: str(values.display),
  }
}
