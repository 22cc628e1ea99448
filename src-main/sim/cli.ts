import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { simConfigYaml } from './config'
import { buildPlan, DEFAULTS, SCENARIOS } from './plan'
import { sendPlan, writeTruth } from './sender'

const HELP = `noc-console sim — a simulated MSP (30 clients) sending through the console's real listeners

  npm run sim -- --target http://127.0.0.1:8080 [options]

  --target URL        console to drive (omit with --dry-run)
  --scenario NAME     one of: ${SCENARIOS.map((s) => s.name).join(', ')}, all (default all; repeat or comma-separate)
  --duration S        simulated seconds the run covers (default ${DEFAULTS.durationSec})
  --rate N            background noise: new problems per simulated minute (default ${DEFAULTS.rate})
  --storm-size N      endpoints behind the failing switch in the storm scenario (default ${DEFAULTS.stormSize})
  --seed N            random seed (default ${DEFAULTS.seed}); same seed + same --start → same requests, byte for byte
  --start TIME        simulated clock start, ISO-8601 or epoch ms (default: now, or now − duration when --speed > 1,
                      so no event is dated in the future)
  --speed X|max       simulated seconds per wall second (default 60: an hour in a minute; 1 = real time)
  --truth FILE        write the ground truth (JSONL: one line per event, console alert key → incident label)
  --config-out FILE   write the matching console config (YAML) for \`serve --config FILE\`
  --plan-out FILE     write the whole plan (every request body) as JSON
  --dry-run           build the plan (and files) but send nothing
`

const main = async () => {
  const { values } = parseArgs({
    options: {
      target: { type: 'string' },
      scenario: { type: 'string', multiple: true },
      duration: { type: 'string' },
      rate: { type: 'string' },
      'storm-size': { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      speed: { type: 'string', default: '60' },
      truth: { type: 'string' },
      'config-out': { type: 'string' },
      'plan-out': { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return void process.stdout.write(HELP)
  const num = (name: string, v: string | undefined, dflt: number) => {
    if (v === undefined) return dflt
    const n = Number(v)
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${v}`)
    return n
  }
  const speed = values.speed === 'max' ? 'max' : num('speed', values.speed, 60)
  if (speed === 0) throw new Error('--speed must be > 0 or max')
  const durationSec = num('duration', values.duration, DEFAULTS.durationSec)
  const start = values.start
    ? /^\d+$/.test(values.start) ? Number(values.start) : Date.parse(values.start)
    : Math.floor((Date.now() - (speed === 1 ? 0 : durationSec * 1000)) / 1000) * 1000
  if (!Number.isFinite(start)) throw new Error(`--start: cannot read ${values.start}`)
  const scenarios = (values.scenario ?? ['all']).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)

  const plan = buildPlan({
    seed: num('seed', values.seed, DEFAULTS.seed), start, durationSec, scenarios,
    rate: num('rate', values.rate, DEFAULTS.rate), stormSize: num('storm-size', values['storm-size'], DEFAULTS.stormSize),
  })
  const formats = [...new Set(plan.sends.map((s) => s.format))].join(', ')
  const incidents = new Set(plan.truth.filter((t) => t.expectIncident).map((t) => t.truth)).size
  console.log(`sim: seed ${plan.seed}, ${plan.scenarios.join('+')}, ${durationSec} s from ${new Date(start).toISOString()}: ` +
    `${plan.truth.length} events in ${plan.sends.length} requests (${formats}), ${incidents} truth incidents`)
  if (values.truth) (writeTruth(values.truth, plan.truth), console.log(`sim: truth → ${values.truth}`))
  if (values['config-out']) (writeFileSync(values['config-out'], simConfigYaml()), console.log(`sim: config → ${values['config-out']}`))
  if (values['plan-out']) writeFileSync(values['plan-out'], JSON.stringify(plan))
  if (values['dry-run']) return
  if (!values.target) throw new Error('--target URL is required (or --dry-run)')

  const ac = new AbortController()
  process.once('SIGINT', () => ac.abort())
  const stats = await sendPlan(plan, { target: values.target, speed, log: console.log, signal: ac.signal })
  console.log(`sim: sent ${stats.events} events in ${stats.sends} requests over ${stats.wallSec.toFixed(1)} s` +
    (stats.failed ? `; ${stats.failed} FAILED: ${stats.failures.slice(0, 3).join(' | ')}` : '; all accepted') +
    (stats.retries ? ` (${stats.retries} retried: ${stats.retryReasons.slice(0, 2).join(' | ')})` : '') +
    (speed !== 'max' && stats.maxLagMs > 1000 ? ` (fell behind schedule by up to ${(stats.maxLagMs / 1000).toFixed(1)} s)` : ''))
  if (stats.failed) process.exitCode = 1
}

main().catch((e) => {
  console.error(`sim failed: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
