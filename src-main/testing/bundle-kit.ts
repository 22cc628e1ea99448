import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..', '..')

/**
 * `serve` bundled with esbuild as a packaged app runs it: `serve.mjs` and, next to it, the writer worker's own
 * bundle `hub-worker.mjs` (app/writer-entry.ts finds it there). Not minified, external source maps, so profiles
 * read as the sources. `outdir` should be under the project (node_modules/.cache/…) so external packages resolve.
 * Returns the path of serve.mjs.
 */
export const bundleServe = async (outdir: string, opts: { sourcemap?: boolean } = {}): Promise<string> => {
  const { build } = await import('esbuild')
  await build({
    entryPoints: { serve: join(ROOT, 'src-main/serve.ts'), 'hub-worker': join(ROOT, 'src-main/app/hub-worker.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: opts.sourcemap ? 'external' : false,
    logLevel: 'error',
  })
  return join(outdir, 'serve.mjs')
}
