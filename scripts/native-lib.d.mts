export const MODULE: 'better-sqlite3'
export const BINARY: 'better_sqlite3.node'
export const INFO: 'build-info.json'

export interface NativeTarget {
  module: string
  moduleVersion: string
  electron: string
  abi: string | null
  platform: string
  arch: string
}

export interface BuildInfo extends NativeTarget {
  method: 'prebuilt' | 'rebuild' | 'copied'
  builtAt: string
  verified: { sqlite: string; modules: string; electron: string | null } | null
}

export interface RunResult {
  status: number | null
  signal: string | null
  error?: (Error & { code?: string; path?: string }) | undefined
  output?: string
}

export function nativeDir(root: string, platform: string, arch: string): string
export function electronTarget(o: { electronVersion: string; moduleVersion: string; platform: string; arch: string; abiOf?: (v: string) => string | number }): NativeTarget
export function describeTarget(t: NativeTarget): string
export function staleReason(info: Partial<BuildInfo> | null, target: NativeTarget, binaryExists: boolean): string | null
export function prebuildArgs(target: NativeTarget): string[]
export function rebuildArgs(target: NativeTarget, stageDir: string): string[]
export function canRebuild(target: NativeTarget, host: { platform: string; arch: string }): boolean
export function failureLine(r: RunResult): string
export function failureAdvice(target: NativeTarget, attempts: { step: string; reason: string }[], dir: string): string
export function verifyScript(moduleDir: string, binaryPath: string): string
export function parseVerify(output: string): { sqlite: string; modules: string; electron: string | null } | null
