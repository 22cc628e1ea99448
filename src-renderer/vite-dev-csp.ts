import type { Plugin } from 'vite'

/**
 * `vite serve` only: React refresh injects an inline preamble script and dev CSS arrives as <style> tags, both of
 * which index.html's strict CSP meta refuses. Relax just those two directives in dev; `vite build` output keeps
 * the strict policy. electron.vite.config.ts's renderer should use this plugin too (a meta policy and a header
 * policy are both enforced, so the shell's relaxed dev header alone is not enough).
 */
export const devCspPlugin = (): Plugin => ({
  name: 'noc-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
})
