import { dirname, isAbsolute, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { hashToken, loadAuthConfig, newToken, type AuthConfigInput } from './ingest/auth-config'
import { DEFAULT_LIMITS, LIMIT_FLAGS, type Limits } from './ingest/limits'
import { startServer } from './server'

/** `npm run serve -- --port N --host ADDR --data DIR [--config FILE] [--demo|--no-demo] [auth, TLS and limit flags]` */
const limitHelp = Object.entries(LIMIT_FLAGS)
  .map(([flag, key]) => `  --${flag.padEnd(22)} default ${DEFAULT_LIMITS[key]}`)
  .join('\n')

const HELP = `noc-console serve — headless engine + console for browsers and wall displays

  --port N                TCP port (default 8080; 0 = any free port)
  --host ADDR             bind address (default 127.0.0.1; any other address requires source tokens)
  --data DIR              data directory holding noc.db (default ./.noc-data)
  --config FILE           configuration file (clients, correlation, policies; YAML or JSON)
  --demo                  run the built-in demo feed (default: on when no --config, auth or TLS is given)
  --no-demo               never run the demo feed

Security (docs/security.md):
  --auth FILE             source and console credentials (YAML or JSON; secrets as sha256:<hex>)
  --ingest-token HASH     a source token hash accepted on every ingest endpoint (repeatable)
  --console-token HASH    a console token hash, needed by consoles that are not on this machine (repeatable)
  --tls-cert FILE         PEM certificate chain: serve https:// and wss://
  --tls-key FILE          PEM private key for --tls-cert
  --new-token             print a new random token and its sha256 hash, then exit
  --hash-token            read a token on stdin, print its sha256 hash, then exit

Limits (docs/security.md has the table):
${limitHelp}
`

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8').trim()
}

/** Merge `--auth FILE` with the token flags; `file:` secrets stay relative to the file they were written in. */
const authFrom = (file: string | undefined, ingest: string[], consoles: string[]): AuthConfigInput | string | undefined => {
  if (!ingest.length && !consoles.length) return file
  const base: AuthConfigInput = file ? loadAuthConfig(file) : {}
  const dir = file ? dirname(resolve(file)) : process.cwd()
  const sources = (base.sources ?? []).map((s) =>
    s.hmac?.secret.startsWith('file:') && !isAbsolute(s.hmac.secret.slice(5)) ? { ...s, hmac: { secret: `file:${resolve(dir, s.hmac.secret.slice(5))}` } } : s,
  )
  return {
    ...base,
    sources: [...sources, ...ingest.map((bearer, i) => ({ name: `ingest-token-${i + 1}`, bearer }))],
    consoles: [...(base.consoles ?? []), ...consoles.map((token, i) => ({ name: `console-token-${i + 1}`, token }))],
  }
}

const main = async () => {
  const limitOptions = Object.fromEntries(Object.keys(LIMIT_FLAGS).map((f) => [f, { type: 'string' as const }]))
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.noc-data' },
      config: { type: 'string' },
      demo: { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      auth: { type: 'string' },
      'ingest-token': { type: 'string', multiple: true },
      'console-token': { type: 'string', multiple: true },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'new-token': { type: 'boolean' },
      'hash-token': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...limitOptions,
    },
    allowPositionals: false,
  })
  const v = values as Record<string, string | string[] | boolean | undefined>
  if (v.help) return void process.stdout.write(HELP)
  if (v['new-token']) {
    const token = newToken()
    return void process.stdout.write(`token (give to the sender, keep secret): ${token}\nhash  (put in --auth / --*-token):      ${hashToken(token)}\n`)
  }
  if (v['hash-token']) return void process.stdout.write(`${hashToken(await readStdin())}\n`)

  const port = Number(v.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${v.port}`)
  const limits: Partial<Limits> = {}
  for (const [flag, key] of Object.entries(LIMIT_FLAGS)) {
    const raw = v[flag]
    if (typeof raw !== 'string') continue
    const n = Number(raw)
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${flag} must be a positive number, got ${raw}`)
    limits[key] = n
  }
  if (!!v['tls-cert'] !== !!v['tls-key']) throw new Error('--tls-cert and --tls-key go together')
  const tls = v['tls-cert'] ? { certPath: resolve(v['tls-cert'] as string), keyPath: resolve(v['tls-key'] as string) } : undefined
  const auth = authFrom(v.auth as string | undefined, (v['ingest-token'] as string[]) ?? [], (v['console-token'] as string[]) ?? [])
  const demo = v['no-demo'] ? false : ((v.demo as boolean | undefined) ?? (!v.config && !auth && !tls))
  const data = resolve(v.data as string)
  const server = await startServer({ port, host: v.host as string, dataDir: data, configPath: v.config as string | undefined, demo, limits, auth, tls })
  console.log(`NOC console serving at ${server.url}/  (data: ${data}${server.demo ? ', demo feed ON — pass --no-demo to disable' : ''}${auth ? ', auth ON' : ''})`)
  const ws = server.url.replace(/^http/, 'ws')
  console.log(`  webhooks: ${server.url}/webhook/{alertmanager,grafana,zabbix,pagerduty,alerta}[/<client>]   native: POST ${server.url}/api/v1/events   agents/consoles: ${ws}/ws`)
  let closing = false
  const shutdown = async (sig: string) => {
    if (closing) return
    closing = true
    console.log(`${sig}: flushing and closing`)
    await server.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((e) => {
  console.error(`serve failed: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
