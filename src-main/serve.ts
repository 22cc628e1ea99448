import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startServer } from './server'

/** `npm run serve -- --port N --host ADDR --data DIR [--config FILE] [--demo|--no-demo]` */
const HELP = `noc-console serve — headless engine + console for browsers and wall displays

  --port N        TCP port (default 8080; 0 = any free port)
  --host ADDR     bind address (default 127.0.0.1)
  --data DIR      data directory holding noc.db (default ./.noc-data)
  --config FILE   configuration file (clients, correlation, policies; YAML or JSON)
  --demo          run the built-in demo feed (default: on when no --config is given)
  --no-demo       never run the demo feed
`

const main = async () => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.noc-data' },
      config: { type: 'string' },
      demo: { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  })
  if (values.help) return void process.stdout.write(HELP)
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`)
  const demo = values['no-demo'] ? false : (values.demo ?? !values.config)
  const server = await startServer({ port, host: values.host, dataDir: resolve(values.data!), configPath: values.config, demo })
  console.log(`NOC console serving at ${server.url}/  (data: ${resolve(values.data!)}${demo ? ', demo feed ON — pass --no-demo to disable' : ''})`)
  console.log(`  webhooks: ${server.url}/webhook/{alertmanager,grafana,zabbix,pagerduty,alerta}[/<client>]   native: POST ${server.url}/api/v1/events   agents/consoles: ${server.url.replace('http', 'ws')}/ws`)
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
