import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { toIssues } from '@shared/model/problem-issue'
import { ADAPTER_NAMES } from './adapters/index'

/**
 * Authentication configuration (`serve --auth FILE`, YAML or JSON; or `startServer({ auth })`).
 *
 * Bearer/basic secrets are stored as `sha256:<hex>`, never in clear. SHA-256 rather than scrypt because these are
 * server-generated 256-bit random tokens (`serve --new-token`): nobody can brute-force a 2^256 preimage, so a
 * slow KDF would add nothing but a per-request CPU cost that an unauthenticated flood could use against us.
 * HMAC keys are the exception: verifying an HMAC needs the key itself, so they are referenced (`env:NAME`,
 * `file:PATH`) rather than written into this file.
 */
export const SecretHash = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:<64 lowercase hex>" — generate one with `npm run serve -- --new-token`')

/** `env:NAME` or `file:/path` (contents trimmed); a literal only when it is long enough to be a real key. */
export const SecretRef = z.string().min(1).max(4096)

const Format = z.enum(ADAPTER_NAMES)

export const SourceAuth = z
  .object({
    /** Shown in logs and the dead letter; never a secret. */
    name: z.string().min(1).max(100),
    /** Endpoints this source may post to (`native` also covers `POST /api/v1/events` and WS `events`). Default: all. */
    formats: z.array(Format).min(1).optional(),
    /** `Authorization: Bearer <token>` (Alertmanager `http_config.authorization.credentials`, Grafana, agents). */
    bearer: SecretHash.optional(),
    /** `Authorization: Basic` (Alertmanager `http_config.basic_auth`). */
    basic: z.object({ username: z.string().min(1).max(200), password: SecretHash }).strict().optional(),
    /** Body signature `X-NOC-Signature: t=<unix>,v1=<hex hmac-sha256 of "t.body">`; with bearer/basic, both must pass. */
    hmac: z.object({ secret: SecretRef }).strict().optional(),
  })
  .strict()
  .refine((s) => s.bearer || s.basic || s.hmac, { message: 'a source needs at least one of bearer, basic or hmac' })

export const ConsoleAuth = z.object({ name: z.string().min(1).max(100), token: SecretHash }).strict()

export const AuthConfig = z
  .object({
    sources: z.array(SourceAuth).max(1000).default([]),
    consoles: z.array(ConsoleAuth).max(1000).default([]),
    /** Accepted clock skew of a signature's timestamp, seconds (each way). */
    hmacWindowSec: z.number().int().min(10).max(3600).default(300),
  })
  .strict()
export type AuthConfig = z.output<typeof AuthConfig>
export type AuthConfigInput = z.input<typeof AuthConfig>
export type SourceAuth = z.output<typeof SourceAuth>

export const sha256 = (s: string | Buffer): Buffer => createHash('sha256').update(s).digest()

/** `sha256:<hex>` of a token: what goes in the config file. */
export const hashToken = (token: string): string => `sha256:${sha256(token).toString('hex')}`

/** A fresh token: 32 random bytes (256 bits), URL-safe, prefixed so it is recognisable in a leaked log. */
export const newToken = (): string => `noc_${randomBytes(32).toString('base64url')}`

export const MIN_HMAC_SECRET = 32

/** Resolve an HMAC secret reference to its bytes. Errors name the reference, never the value. */
export const resolveSecret = (ref: string, where: string, env: NodeJS.ProcessEnv = process.env, baseDir?: string): Buffer => {
  let value: string | undefined
  if (ref.startsWith('env:')) {
    value = env[ref.slice(4)]
    if (value === undefined) throw new Error(`${where}: environment variable ${ref.slice(4)} is not set`)
  } else if (ref.startsWith('file:')) {
    const path = ref.slice(5)
    try {
      value = readFileSync(baseDir && !path.startsWith('/') ? `${baseDir}/${path}` : path, 'utf8').trim()
    } catch (e) {
      throw new Error(`${where}: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`)
    }
  } else {
    value = ref
  }
  if (value.length < MIN_HMAC_SECRET) throw new Error(`${where}: an HMAC secret needs at least ${MIN_HMAC_SECRET} characters (use --new-token)`)
  return Buffer.from(value, 'utf8')
}

/** Parse and validate; every problem is listed with its path so an operator can fix the file in one go. */
export const parseAuthConfig = (raw: unknown, where = 'auth config'): AuthConfig => {
  const parsed = AuthConfig.safeParse(raw ?? {})
  if (!parsed.success) {
    const lines = toIssues(parsed.error.issues).map((i) => `  ${i.path}: ${i.message}`)
    throw new Error(`${where} is invalid:\n${lines.join('\n')}`)
  }
  const names = new Set<string>()
  for (const s of [...parsed.data.sources, ...parsed.data.consoles]) {
    if (names.has(s.name)) throw new Error(`${where} is invalid: name "${s.name}" is used twice`)
    names.add(s.name)
  }
  return parsed.data
}

/** Read a YAML or JSON file (JSON is YAML). */
export const loadAuthConfig = (path: string): AuthConfig => {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new Error(`cannot read auth config ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)
  }
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (e) {
    throw new Error(`auth config ${path} is not valid YAML/JSON: ${(e as Error).message}`)
  }
  return parseAuthConfig(raw, `auth config ${path}`)
}

export const authConfigured = (c: AuthConfig | undefined): boolean => !!c && (c.sources.length > 0 || c.consoles.length > 0)
