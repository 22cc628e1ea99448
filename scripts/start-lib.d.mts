export type ElectronProbe = { ok: true; binary: string } | { ok: false; reason: string; installable: boolean }

export interface ProbeFs {
  exists(path: string): boolean
  read(path: string): string
  executable(path: string): boolean
}

export function probeElectron(opts: { electronDir: string; env?: Record<string, string | undefined>; fs?: ProbeFs }): ElectronProbe

export function hasDisplay(opts: { platform: string; env: Record<string, string | undefined> }): boolean

export type LaunchDecision =
  | { mode: 'electron'; binary: string }
  | { mode: 'install' }
  | { mode: 'serve'; reason: string }
  | { mode: 'fail'; reason: string }

export function decideLaunch(opts: {
  forced?: string
  display: boolean
  isRoot?: boolean
  probe: ElectronProbe
  installTried?: boolean
  installError?: string
  skipInstall?: boolean
}): LaunchDecision

export function summarizeInstallFailure(
  result: { status: number | null; signal: string | null; error?: (Error & { code?: string }) | undefined; stderr?: string; stdout?: string },
  timeoutMs: number,
): string

export function splitArgs(argv: readonly string[]): { wall: boolean; electronArgs: string[]; serveArgs: string[] }

export function findConsoleUrl(line: string): string | null

export function consoleUrl(base: string, wall: boolean): string

export function shouldFallBackAfterExit(exit: { code: number | null; signal: string | null; uptimeMs: number }, quickMs?: number): boolean

export const NATIVE_LOAD_FAILED_EXIT: 78
export const WRITER_STOPPED_EXIT: 70
export const BINDING_ENV: 'NOC_SQLITE_BINDING'

export function afterNative(o: {
  forced?: string
  native: { ok: true; path: string } | { ok: false; message: string }
}): { mode: 'electron'; env: Record<string, string> } | { mode: 'serve'; reason: string } | { mode: 'fail'; reason: string }

export function quickExitReason(code: number | null): string
