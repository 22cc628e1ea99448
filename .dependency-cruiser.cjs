/**
 * The layer rule of the house (README "Architecture"; src-main/app/compose.ts maps the folders), checked by
 * `npm run check:layers` as part of `npm test`:
 *
 *   src-shared ← lib, engine ← store, report, config, adapters ← pipeline, ops ← app (app/ + api/) ← shells
 *
 * A layer imports only from layers left of it (and from itself); nothing imports a shell; production code never
 * imports src-main/testing; no import cycles. Tests (`*.test.ts`) may import anything.
 */
const TEST = '\\.test\\.tsx?$'

const L = {
  shared: '^src-shared/',
  lib: '^src-main/lib/',
  engine: '^src-main/engine/',
  store: '^src-main/store/',
  report: '^src-main/report/',
  config: '^src-main/config/',
  adapters: '^src-main/ingest/adapters/',
  pipeline: '^src-main/pipeline/',
  ops: '^src-main/ops/',
  app: '^src-main/(app|api)/',
  // The I/O side and the programs: listeners, headless serve, the Electron shell, the simulator.
  shells: '^src-main/(ingest/(?!adapters/)|electron/|sim/|server\\.ts$|serve\\.ts$)',
  testing: '^(src-main/testing/|src-renderer/src/testing/)',
  renderer: '^src-renderer/',
}

/** `from` may not import any of `to` (production files only). */
const layer = (name, from, to, comment) => ({
  name,
  severity: 'error',
  comment,
  from: { path: from, pathNot: TEST },
  to: { path: `(${to.join('|')})` },
})

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules that import each other cannot be understood (or tested) one at a time.',
      from: { pathNot: TEST },
      // Type-only imports are erased at runtime; a cycle through them (a class and its index naming each other's
      // types) is fine. Any cycle with a runtime edge on every step is not.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-testing-in-production',
      severity: 'error',
      comment: 'Test kits, fakes and fixtures are for tests; production code must not depend on them.',
      from: { pathNot: `(${TEST}|${L.testing})` },
      to: { path: L.testing },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'src-shared runs in the renderer too: no Node, Electron or React, and nothing from src-main.',
      from: { path: L.shared, pathNot: TEST },
      to: { pathNot: '^(src-shared/|node_modules/zod/)' },
    },
    {
      name: 'renderer-sees-shared-only',
      severity: 'error',
      comment: 'The console talks to the engine through the contract only.',
      from: { path: L.renderer, pathNot: TEST },
      to: { path: '^src-main/' },
    },
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment: 'The engine does no I/O (fingerprints hash with node:crypto, the one allowed Node module).',
      from: { path: L.engine, pathNot: TEST },
      to: { dependencyTypes: ['core'], pathNot: '^(node:)?crypto$' },
    },
    layer('lib-is-generic', L.lib, [L.engine, L.store, L.report, L.config, L.adapters, L.pipeline, L.ops, L.app, L.shells], 'lib/ knows no domain layer.'),
    layer('engine-below-io', L.engine, [L.lib, L.store, L.report, L.config, L.adapters, L.pipeline, L.ops, L.app, L.shells], 'The engine sees src-shared only.'),
    layer('store-below-pipeline', L.store, [L.report, L.config, L.adapters, L.pipeline, L.ops, L.app, L.shells], 'SQLite repos know the engine types, not who drives them.'),
    layer('report-is-pure', L.report, [L.store, L.config, L.adapters, L.pipeline, L.ops, L.app, L.shells], 'Reports render rows they are given; the handlers load them.'),
    layer('config-below-pipeline', L.config, [L.engine, L.store, L.report, L.adapters, L.pipeline, L.ops, L.app, L.shells], 'The config loader reads and validates files only.'),
    layer('adapters-are-pure', L.adapters, [L.store, L.report, L.config, L.pipeline, L.ops, L.app, L.shells], 'Adapters map a payload to NocEvent[]; they run on the I/O thread.'),
    layer('pipeline-below-app', L.pipeline, [L.report, L.adapters, L.app, L.shells], 'The write path knows nothing of transports or handlers.'),
    layer('ops-below-app', L.ops, [L.report, L.adapters, L.app, L.shells], 'The notification layer knows nothing of transports or handlers.'),
    layer('delivery-below-policy', '^src-main/ops/delivery/', ['^src-main/ops/policy/', '^src-main/ops/ops-host'], 'Delivery sends what policy decided; it never decides.'),
    layer('app-below-shells', L.app, [L.shells], 'The hub does not know which shell holds it.'),
    {
      name: 'io-thread-loads-no-writer',
      severity: 'error',
      comment: 'The I/O side of the hub (worker-hub, start-hub, intake…) runs beside the listeners; SQLite, the engine and the notification layer load in the writer worker only.',
      from: { path: '^src-main/app/(worker-hub|start-hub|writer-entry|intake|intake-slices|call-input|push-frame|wire-errors|hub)\\.ts$' },
      to: { path: '(^src-main/(store|pipeline|ops|engine|api|config)/|^src-main/app/(compose|hub-service|hub-worker)\\.ts$)', dependencyTypesNot: ['type-only'] },
    },
    layer(
      'shells-hold-the-hub',
      L.shells,
      [L.engine, L.store, L.report, L.config, L.pipeline, L.ops, '^src-main/api/', '^src-main/app/(compose|hub-service|hub-worker)'],
      'Listeners and shells depend on the Hub interface (app/hub.ts) and app/start-hub.ts, not on what is behind it.',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out|dist|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    combinedDependencies: false,
  },
}
